/**
 * `npm run build` (also run by `prepare` on `npm ci`): compiles src/ into a
 * fresh dist/src (no stale module of a deleted source is left to be shipped
 * or imported) and makes the package's bin executable, as `npx salic-ml`
 * runs it by its path.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../src/util/paths.js";

const root = packageRoot();
rmSync(join(root, "dist", "src"), { recursive: true, force: true });
const tsc = spawnSync(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", join(root, "tsconfig.build.json")], {
  stdio: "inherit",
});
if (tsc.status !== 0) process.exit(tsc.status ?? 1);
const { bin } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { bin: Record<string, string> };
for (const file of Object.values(bin)) chmodSync(join(root, file), 0o755);
