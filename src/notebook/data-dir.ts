import { canonicalDataDir } from "./result.js";

let lastDir: string | undefined;

/** Records the directory a loader was given (canonical), for `publish`'s `data_dir`. */
export function rememberDataDir(dir: string): void {
  lastDir = canonicalDataDir(dir);
}

/** The directory of the last `loadPolars`/`loadArquero` call, canonical; undefined before any. */
export function currentDataDir(): string | undefined {
  return lastDir;
}
