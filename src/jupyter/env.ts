import { existsSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../util/paths.js";

/** Debian's Python: the one with nbclient (a pyenv `python3` earlier on PATH has none). */
export const SYSTEM_PYTHON = "/usr/bin/python3";
/** Debian's Jupyter launcher. */
export const SYSTEM_JUPYTER = "/usr/bin/jupyter";
/** Kernel name scripts/setup.sh registers. */
export const KERNEL_NAME = "tslab";

/**
 * Environment for running Jupyter: the tslab kernelspec written by
 * scripts/setup.sh into <repo>/.jupyter, and Jupyter's runtime, data and
 * config folders there too, so the user's home is never touched.
 */
export function jupyterEnv(root: string = packageRoot(), base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
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
export function assertKernelInstalled(root: string = packageRoot()): void {
  const spec = join(root, ".jupyter", "share", "jupyter", "kernels", KERNEL_NAME, "kernel.json");
  if (!existsSync(spec)) throw new Error(`tslab kernelspec not found at ${spec}: run \`npm run setup\` (scripts/setup.sh)`);
}
