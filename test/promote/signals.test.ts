/**
 * The promotion gate under signals, with real processes: `npm run promote`'s
 * command (scripts/promote.ts, through test/support/promote-cli.ts on a
 * throw-away repository) runs a fixture notebook that hangs in a cell —
 * after rendering a figure, so that Chromium is open, where it matters — and
 * is sent a signal once its tslab kernel exists. Then no process of the run
 * may survive (gate, Python executor, kernel, figure renderer, Chromium; see
 * test/support/run-processes.ts), and promoted/ must be as it was.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { REGISTRY } from "../../src/metrics/registry.js";
import { writeCatalog } from "../../src/promote/catalog.js";
import { writeRecord, type PromotionRecord } from "../../src/promote/record.js";
import { FIXTURE_METRIC, promoteFixture, REPO } from "../support/promote-fixture.js";
import { describeProcesses, RUN_MARKER, runProcesses, stillRunning, waitFor, type RunProcess } from "../support/run-processes.js";

const fixture = (name: string) => readFileSync(join(REPO, "test", "fixtures", "notebooks", "signals", name), "utf8");
const GATE_ARGS = ["--data", "data-samples", "--cell-timeout", "300", FIXTURE_METRIC];

/** An earlier promotion in the fixture's promoted/: a record and the catalog, which a stopped run must leave alone. */
function seedPromoted(root: string): void {
  const record: PromotionRecord = {
    metric: FIXTURE_METRIC,
    verdict: "pass",
    notebook: { path: "notebooks/fixture.ipynb", sha256: "a".repeat(64) },
    module: { path: "src/metrics/itens-orcamentarios.ts", sha256: "b".repeat(64), deps: [] },
    data: { dir: "data-samples", files: {} },
    tolerance: { abs: 0, rel: 0 },
    compared: 3,
    max_abs_diff: 0,
    max_rel_diff: 0,
    versions: {},
    date: "2026-01-02",
  };
  writeRecord(root, record);
  writeCatalog(root, REGISTRY);
}

/** The root's entries and promoted/'s files with their bytes and modification times. */
function snapshot(root: string): string {
  const promoted = join(root, "promoted");
  const files = readdirSync(promoted)
    .sort()
    .map((f) => `${f} ${statSync(join(promoted, f)).mtimeMs} ${readFileSync(join(promoted, f), "utf8")}`);
  return [readdirSync(root).sort().join(" "), ...files].join("\n");
}

interface Run {
  child: ChildProcess;
  marker: string;
  root: string;
  /** Where the command runs. */
  cwd: string;
  before: string;
  output: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

const started: Run[] = [];

/** Starts `command` (in a process group of its own) on a fixture repository running `notebook`. */
function start(notebook: string, command: (root: string) => { file: string; args: string[]; cwd: string }): Run {
  const root = promoteFixture(fixture(notebook));
  seedPromoted(root);
  const before = snapshot(root);
  const marker = randomUUID();
  const { file, args, cwd } = command(root);
  const child = spawn(file, args, {
    cwd,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, [RUN_MARKER]: marker, SALIC_ML_DB: "", npm_config_update_notifier: "false" },
  });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (c: Buffer) => (stdout += c.toString("utf8")));
  child.stderr!.on("data", (c: Buffer) => (stderr += c.toString("utf8")));
  // "close": every writer of the pipes is gone (under npm, the gate too), not only the child.
  const output = new Promise<Awaited<Run["output"]>>((resolve) => child.once("close", (code, signal) => resolve({ code, signal, stdout, stderr })));
  const run = { child, marker, root, cwd, before, output };
  started.push(run);
  return run;
}

const gateCommand = (root: string) => ({ file: process.execPath, args: ["--import", "tsx", "test/support/promote-cli.ts", root, ...GATE_ARGS], cwd: REPO });

/**
 * `npm run promote` as package.json spells it (its script, with
 * scripts/promote.ts replaced by the test's entry on the fixture), from a
 * package of its own: npm → sh → tsx → node.
 */
const PROMOTE_SCRIPT = (JSON.parse(readFileSync(join(REPO, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts["promote"]!;

function npmCommand(root: string) {
  const script = PROMOTE_SCRIPT;
  expect(script).toContain("scripts/promote.ts");
  const dir = mkdtempSync(join(tmpdir(), "salic-npm-promote-"));
  symlinkSync(join(REPO, "node_modules"), join(dir, "node_modules"));
  const promoteScript = script.replace("scripts/promote.ts", `${join(REPO, "test", "support", "promote-cli.ts")} ${root}`);
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "salic-npm-fixture", private: true, scripts: { promote: promoteScript } }));
  return { file: "npm", args: ["run", "promote", "--", ...GATE_ARGS], cwd: dir };
}

/** Waits for the run's kernel (and, with `chromium`, a Chromium renderer process): the run's processes then. */
async function running(run: Run, options: { chromium: boolean }): Promise<RunProcess[]> {
  return waitFor(
    options.chromium ? "the tslab kernel and Chromium" : "the tslab kernel",
    () => {
      const processes = runProcesses(run.marker);
      const kernel = processes.some((p) => p.cmd.includes("tslab kernel"));
      const chromium = processes.some((p) => p.cmd.includes("chromium") && p.cmd.includes("--type=renderer"));
      return kernel && (chromium || !options.chromium) ? processes : undefined;
    },
    90_000,
  );
}

/** Asserts that within 5 s no process of the run is left, and that promoted/ was not touched. */
async function expectAllGone(run: Run, before: readonly RunProcess[]): Promise<void> {
  await waitFor("every process of the run to exit", () => stillRunning(before).length === 0 && runProcesses(run.marker).length === 0, 5_000).catch((error: Error) => {
    throw new Error(`${error.message}; still running:\n${describeProcesses([...stillRunning(before), ...runProcesses(run.marker)]).join("\n")}`);
  });
  await new Promise((resolve) => setTimeout(resolve, 500)); // nothing written late either
  expect(snapshot(run.root)).toBe(run.before);
}

const kinds = (processes: readonly RunProcess[]) => ({
  python: processes.filter((p) => p.cmd.includes("execute.py")).length,
  kernel: processes.filter((p) => p.cmd.includes("tslab kernel")).length,
  renderer: processes.filter((p) => p.cmd.includes("render-worker")).length,
  chromium: processes.filter((p) => p.cmd.includes("chromium")).length > 0,
});

afterEach(() => {
  // A failed test must not leave its kernels behind: SIGKILL whatever of its runs is left; remove its folders.
  for (const run of started.splice(0)) {
    for (const p of runProcesses(run.marker)) {
      try {
        process.kill(p.pid, "SIGKILL");
      } catch {
        // gone meanwhile
      }
    }
    rmSync(run.root, { recursive: true, force: true });
    if (run.cwd !== REPO) rmSync(run.cwd, { recursive: true, force: true });
  }
});

describe("npm run promote stopped by a signal", { timeout: 150_000 }, () => {
  it("SIGTERM to the gate: its kernel, the kernel's figure renderer and Chromium stop, promoted/ is untouched, exit 143", async () => {
    const run = start("figure-then-hang.ipynb", gateCommand);
    const before = await running(run, { chromium: true });
    expect(kinds(before)).toEqual({ python: 1, kernel: 1, renderer: 1, chromium: true });
    run.child.kill("SIGTERM");
    const { code, stdout, stderr } = await run.output;
    expect(code).toBe(143);
    expect(stderr).toBe(
      "promote: stopped by SIGTERM: stopping the notebooks' kernels; nothing more is written\n" +
        "promote: stopped by SIGTERM: kernels stopped, promoted/ left as it was\n",
    );
    expect(stdout).toMatch(/^\[1\/1\] notebooks\/fixture\.ipynb: running\n\[1\/1\] notebooks\/fixture\.ipynb: stopped after \d+\.\d s\n$/);
    await expectAllGone(run, before);
  });

  it.each([
    ["SIGINT", "the gate", 130],
    ["SIGHUP", "the gate", 129],
    ["SIGTERM", "the gate's process group (gate and Python executor)", 143],
  ] as const)("%s to %s: the kernel stops, promoted/ is untouched, exit %i", async (signal, target, exitCode) => {
    const run = start("hang.ipynb", gateCommand);
    const before = await running(run, { chromium: false });
    process.kill(target === "the gate" ? run.child.pid! : -run.child.pid!, signal);
    const { code, stderr } = await run.output;
    expect(code).toBe(exitCode);
    expect(stderr).toBe(`promote: stopped by ${signal}: stopping the notebooks' kernels; nothing more is written\npromote: stopped by ${signal}: kernels stopped, promoted/ left as it was\n`);
    await expectAllGone(run, before);
  });

  it("SIGKILL to the gate alone: its Python executor sees its stdin end and kills the kernel's process group; Chromium follows", async () => {
    const run = start("figure-then-hang.ipynb", gateCommand);
    const before = await running(run, { chromium: true });
    run.child.kill("SIGKILL");
    const { signal } = await run.output;
    expect(signal).toBe("SIGKILL");
    await expectAllGone(run, before);
  });

  it("SIGKILL to the gate's process group (gate and executor at once): the kernel dies with the executor (PDEATHSIG), the renderer closes Chromium", async () => {
    const run = start("figure-then-hang.ipynb", gateCommand);
    const before = await running(run, { chromium: true });
    const executor = before.find((p) => p.cmd.includes("execute.py"))!;
    const kernel = before.find((p) => p.cmd.includes("tslab kernel"))!;
    expect(kernel.pgid).not.toBe(executor.pgid); // jupyter_client starts the kernel in a session of its own: the group kill misses it
    process.kill(-run.child.pid!, "SIGKILL");
    await run.output;
    await expectAllGone(run, before);
  });

  it.each([
    ["SIGTERM", "by SIGTERM"],
    ["SIGHUP", "npm run promote"],
  ] as const)("%s to npm alone: the gate stops (%s), stops its kernel and exits", async (signal, why) => {
    const run = start("hang.ipynb", npmCommand);
    const before = await running(run, { chromium: false });
    // npm → tsx (sh exec'd it) → node (the gate) → python → the kernel.
    const ancestry = (p: RunProcess | undefined): string[] => (p === undefined ? [] : [...ancestry(before.find((q) => q.pid === p.ppid)), p.cmd]);
    const chain = ancestry(before.find((p) => p.cmd.includes("tslab kernel")));
    expect(chain).toEqual([
      `npm run promote ${GATE_ARGS.join(" ")}`, // npm's process title drops the "--"
      expect.stringMatching(new RegExp(`^node ${run.cwd}/node_modules/\\.bin/tsx .*/test/support/promote-cli\\.ts `)),
      expect.stringMatching(/^\/usr\/bin\/node --require .*tsx.* \/.*\/test\/support\/promote-cli\.ts /),
      `/usr/bin/python3 ${join(REPO, "src", "jupyter", "execute.py")}`,
      expect.stringMatching(/^\/usr\/bin\/node \/.*\/node_modules\/tslab\/bin\/tslab kernel /),
    ]);
    process.kill(run.child.pid!, signal);
    const { stderr } = await run.output;
    const stopped = why === "by SIGTERM" ? "stopped by SIGTERM" : `stopped: ${why} \\(pid \\d+\\), which launched this run, is gone`;
    expect(stderr).toMatch(
      new RegExp(
        `^promote: ${stopped}: stopping the notebooks' kernels; nothing more is written\\n` + `promote: ${stopped}: kernels stopped, promoted/ left as it was\\n$`,
      ),
    );
    await expectAllGone(run, before);
  });

  // With a sh between npm and tsx, sh would drop npm's SIGINT and nothing would reach the gate:
  // the promote script execs tsx so that none stands between them.
  it("SIGINT to npm alone reaches the gate (the promote script execs tsx, so npm's signals reach it): it stops its kernel", async () => {
    const run = start("hang.ipynb", npmCommand);
    const before = await running(run, { chromium: false });
    process.kill(run.child.pid!, "SIGINT");
    const { stderr } = await run.output;
    expect(stderr).toBe("promote: stopped by SIGINT: stopping the notebooks' kernels; nothing more is written\npromote: stopped by SIGINT: kernels stopped, promoted/ left as it was\n");
    await expectAllGone(run, before);
  });
});
