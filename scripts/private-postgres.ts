import { spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * A private PostgreSQL cluster for the tests and the database benchmark: initdb into a temporary folder
 * owned by the `postgres` user, started with pg_ctl on a free port of its
 * own (never the system's cluster), stopped and removed when the tests end.
 * Needs Debian's postgresql package and root (runuser). Where that is not so,
 * the database tests are skipped with the reason; under CI they must run, so
 * the reason is an error instead.
 */
const BIN = "/usr/lib/postgresql/15/bin";

/** A superuser's URL on the private cluster, or why there is none. */
export type TestDatabase = { url: string } | { skipped: string };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address !== null ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

function unavailable(): string | undefined {
  if (!existsSync(join(BIN, "initdb"))) return `PostgreSQL 15 is not installed (${BIN}/initdb missing): run scripts/setup.sh as root`;
  if (process.getuid?.() !== 0) return "starting a private PostgreSQL cluster needs root (runuser -u postgres)";
  if (spawnSync("id", ["-u", "postgres"]).status !== 0) return "there is no postgres user";
  return undefined;
}

function asPostgres(args: string[]): void {
  const run = spawnSync("runuser", ["-u", "postgres", "--", ...args], { encoding: "utf8" });
  if (run.status !== 0) throw new Error(`${args.join(" ")} failed:\n${run.stdout}${run.stderr}`);
}

/** Starts the cluster; returns what the tests get and the function that stops it. */
export async function startPrivateCluster(): Promise<{ database: TestDatabase; stop: () => void }> {
  const why = unavailable();
  if (why !== undefined) {
    if (process.env.CI === "true") throw new Error(`the database tests must run in CI, but ${why}`);
    return { database: { skipped: why }, stop: () => {} };
  }
  const dir = mkdtempSync(join(tmpdir(), "salic-pg-"));
  const uid = Number(spawnSync("id", ["-u", "postgres"], { encoding: "utf8" }).stdout.trim());
  const gid = Number(spawnSync("id", ["-g", "postgres"], { encoding: "utf8" }).stdout.trim());
  chownSync(dir, uid, gid);
  const data = join(dir, "data");
  const port = await freePort();
  asPostgres([join(BIN, "initdb"), "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]);
  asPostgres([join(BIN, "pg_ctl"), "-D", data, "-l", join(dir, "server.log"), "-w", "-o", `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, "start"]);
  const database = { url: `postgres://postgres@127.0.0.1:${port}/postgres` };
  const stop = () => {
    try {
      asPostgres([join(BIN, "pg_ctl"), "-D", data, "-w", "-m", "fast", "stop"]);
    } catch (error) {
      const log = existsSync(join(dir, "server.log")) ? readFileSync(join(dir, "server.log"), "utf8").slice(-2000) : "";
      process.stderr.write(`could not stop the test cluster: ${(error as Error).message}\n${log}\n`);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  // A benchmark or test run stopped with Ctrl-C or kill must not leave its server running.
  const onSignal = (signal: NodeJS.Signals) => {
    stopOnce();
    process.kill(process.pid, signal);
  };
  const signals: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];
  let stopped = false;
  const stopOnce = () => {
    if (stopped) return;
    stopped = true;
    for (const signal of signals) process.off(signal, onSignal);
    stop();
  };
  for (const signal of signals) process.once(signal, onSignal);
  return { database, stop: stopOnce };
}
