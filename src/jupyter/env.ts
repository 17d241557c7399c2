import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** Debian's Python: the one with nbclient (a pyenv `python3` earlier on PATH has none). */
export const SYSTEM_PYTHON = "/usr/bin/python3";
/** Debian's Jupyter launcher. */
export const SYSTEM_JUPYTER = "/usr/bin/jupyter";
/** Kernel name scripts/setup.sh registers. */
export const KERNEL_NAME = "tslab";

/**
 * The repository root: the nearest folder above this module holding the
 * salic-ml package.json (works from src/ under tests and from dist/src/).
 */
export function repoRoot(from: string = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, "utf8")) as { name?: string }).name === "salic-ml") return dir;
    if (dirname(dir) === dir) throw new Error(`salic-ml package.json not found above ${from}`);
  }
}

/**
 * Environment for running Jupyter: the tslab kernelspec written by
 * scripts/setup.sh into <repo>/.jupyter, and Jupyter's runtime, data and
 * config folders there too, so the user's home is never touched.
 */
export function jupyterEnv(root: string = repoRoot(), base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const dir = join(root, ".jupyter");
  return {
    ...base,
    JUPYTER_PATH: join(dir, "share", "jupyter"),
    JUPYTER_DATA_DIR: join(dir, "data"),
    JUPYTER_CONFIG_DIR: join(dir, "config"),
    JUPYTER_RUNTIME_DIR: join(dir, "runtime"),
    JUPYTER_PLATFORM_DIRS: "1",
    IPYTHONDIR: join(dir, "ipython"),
    PYTHONNOUSERSITE: "1",
  };
}

/** Checks that the kernelspec exists; the error says how to create it. */
export function assertKernelInstalled(root: string = repoRoot()): void {
  const spec = join(root, ".jupyter", "share", "jupyter", "kernels", KERNEL_NAME, "kernel.json");
  if (!existsSync(spec)) throw new Error(`tslab kernelspec not found at ${spec}: run \`npm run setup\` (scripts/setup.sh)`);
}
