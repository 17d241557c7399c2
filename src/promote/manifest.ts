import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { hashFile } from "../data/hash.js";

/**
 * Checks a data directory against its manifest.json (`{"files": {name:
 * sha256}}`), the sample generator's record of what it wrote. Returns one
 * line per file that is missing or changed; empty when all match or when the
 * directory has no manifest (data from elsewhere).
 */
export function manifestProblems(dataDir: string): string[] {
  const path = join(dataDir, "manifest.json");
  if (!existsSync(path)) return [];
  const manifest = JSON.parse(readFileSync(path, "utf8")) as { files?: Record<string, string> };
  const problems: string[] = [];
  for (const [file, expected] of Object.entries(manifest.files ?? {}).sort()) {
    const full = join(dataDir, file);
    if (!existsSync(full)) problems.push(`${file} is listed in manifest.json but missing`);
    else if (hashFile(full) !== expected) problems.push(`${file} no longer matches its sha256 in manifest.json`);
  }
  return problems;
}
