/**
 * `npm run promote` (scripts/promote.ts) on another repository root, for the
 * tests: the same command, signal handling and output, without compiling
 * dist/ (the tests' global set-up builds it once).
 *
 * Usage: promote-cli.ts ROOT [promote arguments...]
 */
import { runPromote } from "../../scripts/promote.js";

const [root, ...args] = process.argv.slice(2);
if (root === undefined) throw new Error("usage: promote-cli.ts ROOT [promote arguments...]");
process.exitCode = await runPromote(args, { root, build: false });
