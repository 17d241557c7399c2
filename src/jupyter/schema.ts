import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { packageRoot } from "../util/paths.js";
import { SYSTEM_PYTHON, jupyterEnv } from "./env.js";

/** One nbformat schema violation: where (JSON path) and what. */
export interface SchemaProblem {
  path: (string | number)[];
  message: string;
}

/**
 * Validates notebook files against the nbformat 4 JSON schema with Jupyter's
 * own validator (Debian's nbformat, through src/jupyter/validate.py), all
 * files in one Python run. Returns each file's problems (empty when valid).
 */
export function validateNotebookSchemas(files: readonly string[]): Map<string, SchemaProblem[]> {
  if (files.length === 0) return new Map();
  const root = packageRoot();
  const out = execFileSync(SYSTEM_PYTHON, [join(root, "src", "jupyter", "validate.py"), ...files], {
    env: jupyterEnv(root),
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const parsed = JSON.parse(out) as Record<string, SchemaProblem[]>;
  return new Map(files.map((f) => [f, parsed[f] ?? [{ path: [], message: "validator gave no answer" }]]));
}
