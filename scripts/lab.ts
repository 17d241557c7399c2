/**
 * `npm run lab [-- JUPYTER_ARGS...]`: the classic Jupyter notebook (Debian's)
 * on notebooks/ (or the --notebook-dir given) with the tslab kernel, its
 * runtime and config kept under <repo>/.jupyter. Prints the URL to open once
 * Jupyter is listening.
 * `npm run lab` builds first (prelab): notebooks import the compiled toolkit,
 * and saving runs the compiled canonicaliser.
 *
 * The project's config (jupyter/jupyter_notebook_config.py: saves write the
 * canonical form) and the Plotly renderer (jupyter/nbextension: figures are
 * interactive) are installed by scripts/setup.sh into that folder's config
 * and data dirs, which jupyterEnv exports as JUPYTER_CONFIG_DIR and
 * JUPYTER_DATA_DIR.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { SYSTEM_JUPYTER, assertKernelInstalled, jupyterEnv } from "../src/jupyter/index.js";
import { packageRoot, REPO_FOLDERS } from "../src/util/paths.js";

const root = packageRoot();
assertKernelInstalled(root);
const env = jupyterEnv(root);
// Without these Jupyter would still start, but save non-canonical notebooks and show figures as PNG only.
for (const installed of [
  join(env["JUPYTER_CONFIG_DIR"]!, "jupyter_notebook_config.py"),
  join(env["JUPYTER_DATA_DIR"]!, "nbextensions", "salic-plotly", "main.js"),
  join(env["JUPYTER_DATA_DIR"]!, "nbextensions", "salic-plotly", "plotly.js"),
]) {
  if (!existsSync(installed)) {
    console.error(`lab: ${installed} is missing: run \`npm run setup\` (scripts/setup.sh)`);
    process.exit(1);
  }
}
// Jupyter refuses to run as root unless told; containers often are root.
const asRoot = process.getuid?.() === 0 ? ["--allow-root"] : [];
const args = process.argv.slice(2);
// Jupyter refuses a second --notebook-dir: the user's (say, a copy of notebooks/) replaces the default.
const notebookDir = args.some((a) => /^--(NotebookApp\.)?notebook[-_]dir\b/.test(a)) ? [] : [`--notebook-dir=${join(root, REPO_FOLDERS.notebooks)}`];
const child = spawn(
  SYSTEM_JUPYTER,
  ["notebook", ...notebookDir, "--ip=127.0.0.1", ...asRoot, ...args],
  { cwd: root, env, stdio: ["inherit", "inherit", "pipe"] },
);

let announced = false;
child.stderr.on("data", (chunk: Buffer) => {
  const text = chunk.toString("utf8");
  process.stderr.write(text);
  const url = /https?:\/\/127\.0\.0\.1:\d+\/\S*/.exec(text)?.[0];
  if (url !== undefined && !announced) {
    announced = true;
    console.log(`\nlab: Jupyter is serving ${notebookDir.length > 0 ? "notebooks/" : "the folder given"} with the tslab kernel; open ${url}\nlab: stop with Ctrl-C\n`);
  }
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
child.on("error", (error) => {
  console.error(`lab: could not start ${SYSTEM_JUPYTER}: ${error.message} (run npm run setup)`);
  process.exit(1);
});
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
