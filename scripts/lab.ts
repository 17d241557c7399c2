/**
 * `npm run lab [-- JUPYTER_ARGS...]`: the classic Jupyter notebook (Debian's)
 * on notebooks/ with the tslab kernel, its runtime and config kept under
 * <repo>/.jupyter. Prints the URL to open once Jupyter is listening.
 * `npm run lab` builds first (prelab): notebooks import the compiled toolkit.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { SYSTEM_JUPYTER, assertKernelInstalled, jupyterEnv } from "../src/jupyter/index.js";
import { packageRoot, REPO_FOLDERS } from "../src/util/paths.js";

const root = packageRoot();
assertKernelInstalled(root);
// Jupyter refuses to run as root unless told; containers often are root.
const asRoot = process.getuid?.() === 0 ? ["--allow-root"] : [];
const child = spawn(
  SYSTEM_JUPYTER,
  ["notebook", `--notebook-dir=${join(root, REPO_FOLDERS.notebooks)}`, "--ip=127.0.0.1", ...asRoot, ...process.argv.slice(2)],
  { cwd: root, env: jupyterEnv(root), stdio: ["inherit", "inherit", "pipe"] },
);

let announced = false;
child.stderr.on("data", (chunk: Buffer) => {
  const text = chunk.toString("utf8");
  process.stderr.write(text);
  const url = /https?:\/\/127\.0\.0\.1:\d+\/\S*/.exec(text)?.[0];
  if (url !== undefined && !announced) {
    announced = true;
    console.log(`\nlab: Jupyter is serving notebooks/ with the tslab kernel; open ${url}\nlab: stop with Ctrl-C\n`);
  }
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
child.on("error", (error) => {
  console.error(`lab: could not start ${SYSTEM_JUPYTER}: ${error.message} (run npm run setup)`);
  process.exit(1);
});
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
