import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository's folders, relative to its root. */
export const REPO_FOLDERS = {
  /** The committed sample data: what the gate promotes on and `serve` shows by default. */
  samples: "data-samples",
  /** The national-scale data `npm run samples -- --scale national` writes (ignored by git). */
  national: "data-national",
  /** The research notebooks. */
  notebooks: "notebooks",
} as const;

/**
 * `path` relative to `root` with POSIX separators, "." for root itself: the
 * form records, messages and notebooks' parameters write paths in, the same
 * on every OS.
 */
export function repoRelative(root: string, path: string): string {
  return relative(resolve(root), resolve(root, path)).split("\\").join("/") || ".";
}

/**
 * The salic-ml package's folder (its package.json), found upwards from this
 * module: the repository under tsx and tests (src/util), the installed
 * package once compiled (dist/src/util).
 */
export function packageRoot(from: string = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, "utf8")) as { name?: string }).name === "salic-ml") return dir;
    if (dirname(dir) === dir) throw new Error(`salic-ml package.json not found above ${from}`);
  }
}

/** The version in salic-ml's package.json. */
export function packageVersion(root: string = packageRoot()): string {
  return (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string }).version;
}
