import { renameSync, writeFileSync } from "node:fs";

/** Writes a file through a temporary sibling and a rename, so readers never see half of it. */
export function writeFileAtomic(path: string, content: string): void {
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, content);
  renameSync(temp, path);
}
