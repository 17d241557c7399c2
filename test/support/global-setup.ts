import { spawnSync } from "node:child_process";
import { join, resolve } from "node:path";
import type { TestProject } from "vitest/node";
import { startPrivateCluster, type TestDatabase } from "../../scripts/private-postgres.js";

declare module "vitest" {
  export interface ProvidedContext {
    database: TestDatabase;
  }
}

/**
 * Compiles src/ to dist/ once before the tests: notebooks (and the CLI's bin)
 * run the compiled output, which must match the sources under test. Starts
 * the private PostgreSQL cluster of the database tests (stopped after them).
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const root = resolve(import.meta.dirname, "../..");
  const tsc = join(root, "node_modules/typescript/bin/tsc");
  const build = spawnSync(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json")], { encoding: "utf8" });
  if (build.status !== 0) throw new Error(`build of dist/ failed:\n${build.stdout}${build.stderr}`);
  const { database, stop } = await startPrivateCluster();
  project.provide("database", database);
  return stop;
}
