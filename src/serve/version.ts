import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createHash } from "node:crypto";
import { packageVersion } from "../util/paths.js";

/**
 * Version of the cache entry layout (files and their encoding). Bump it when
 * the layout changes so that old entries are never read by new code.
 */
export const CACHE_FORMAT = 5;

const here = dirname(fileURLToPath(import.meta.url));

/** The folders whose code decides what a cache entry holds: loaders (files and database), metrics, score, this service and the helpers they share. */
const RESULT_CODE = ["data", "db", "metrics", "score", "serve", "util"];

/**
 * Identifies the code that produced a cache entry: the cache format, the
 * package version and a sha256 of the sources of {@link RESULT_CODE} as they
 * run (TypeScript under tsx, JavaScript once compiled). A package version
 * alone would let a developer's edited metric be served from a stale cache.
 */
export function codeVersion(): string {
  const root = dirname(here);
  const hash = createHash("sha256");
  for (const folder of RESULT_CODE) {
    const dir = join(root, folder);
    if (!existsSync(dir)) continue;
    const files = readdirSync(dir, { recursive: true, encoding: "utf8" })
      .filter((name) => /\.(ts|js)$/.test(name) && !/\.d\.ts$|\.test\.(ts|js)$/.test(name))
      .sort();
    for (const name of files) hash.update(`${folder}/${name}\0`).update(readFileSync(join(dir, name))).update("\0");
  }
  return `${CACHE_FORMAT}:${packageVersion()}:${hash.digest("hex")}`;
}
