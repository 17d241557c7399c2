import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeDatabase, freshDatabase } from "../../test/support/database.js";
import { withClient } from "../db/connect.js";
import { databaseFingerprint, fingerprintDigest } from "../db/fingerprint.js";
import { importDataDir } from "../db/import.js";
import { startServer, type RunningServer, type ServerOptions } from "./server.js";

// The real service on a real database (the tests' private cluster): no mocks.
describeDatabase("salic-ml serve --db", (db) => {
  let url: string;
  let root: string;
  let lines: string[];
  const servers: RunningServer[] = [];
  // The cluster trusts local connections: the password is never checked, only kept out of every line.
  const withPassword = (plain: string) => {
    const parsed = new URL(plain);
    parsed.password = "s3cr3t-pw";
    return parsed.toString();
  };

  beforeAll(async () => {
    url = withPassword(await freshDatabase(db.url()));
    await importDataDir("data-samples", url);
    root = mkdtempSync(join(tmpdir(), "salic-serve-db-"));
  }, 120_000);

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()));
    rmSync(root, { recursive: true, force: true });
  });

  async function start(extra: Partial<ServerOptions> = {}): Promise<RunningServer> {
    lines = [];
    const server = await startServer({
      db: url,
      port: 0,
      cacheDir: join(root, "cache"),
      codeVersion: "serve-db-test",
      watchSeconds: 0,
      log: (line) => lines.push(line),
      ...extra,
    });
    servers.push(server);
    return server;
  }

  async function stop(server: RunningServer): Promise<void> {
    await server.close();
    servers.splice(servers.indexOf(server), 1);
  }

  const query = <T extends Record<string, unknown>>(sql: string, params: unknown[] = []) =>
    withClient(url, async (client) => (await client.query<T>(sql, params)).rows);
  const fingerprint = () => withClient(url, databaseFingerprint);
  const getJson = async (server: RunningServer, path: string) => {
    const response = await fetch(`${server.url}${path}`);
    expect(response.status).toBe(200);
    return (await response.json()) as Record<string, unknown>;
  };

  it("scores and stores the run on the first start, then starts from the cache without storing it again", async () => {
    const first = await start();
    expect(lines.some((line) => line.includes("scoring postgres://"))).toBe(true);
    expect(lines.at(-1)).toMatch(/serving 400 projects of postgres:\/\/postgres:\*\*\*@.* at http:.* \(scored, ready in \d+ ms\)/);
    await first.idle();
    expect(lines.some((line) => /stored run \d+ \(400 projects\) in salic_ml of postgres:\/\/postgres:\*\*\*@/.test(line))).toBe(true);

    const state = await fingerprint();
    const runs = await query<{ id: string; fonte: string; impressao_fonte: Record<string, string>; versao_codigo: string; projetos: number }>(
      "SELECT id, fonte, impressao_fonte, versao_codigo, projetos FROM salic_ml.execucoes",
    );
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ impressao_fonte: state, versao_codigo: "serve-db-test", projetos: 400 });
    expect(runs[0]!.fonte).toBe(first.source);
    const projects = await query<{ count: string }>("SELECT count(*) FROM salic_ml.projetos WHERE execucao = $1", [runs[0]!.id]);
    expect(Number(projects[0]!.count)).toBe(400);

    const health = await getJson(first, "/health");
    expect(health).toMatchObject({ status: "ok", projects: 400, source: first.source, fingerprint: fingerprintDigest(state) });
    expect(health.files).toBeUndefined();
    expect(health.cache_key).toMatch(/^[0-9a-f]{64}$/);
    await stop(first);

    const second = await start();
    expect(lines.at(-1)).toMatch(/serving 400 projects of .* \(from cache, ready in \d+ ms\)/);
    expect(lines.some((line) => line.includes("scoring"))).toBe(false);
    await second.idle();
    expect(await query("SELECT id FROM salic_ml.execucoes")).toHaveLength(1);
    expect(await getJson(second, "/health")).toMatchObject({ cache_key: health.cache_key, fingerprint: health.fingerprint });
    await stop(second);
    for (const line of lines) expect(line).not.toContain("s3cr3t-pw");
  }, 120_000);

  it("a cached run that salic_ml lacks is stored in the background after the start", async () => {
    await query("DELETE FROM salic_ml.execucoes");
    const server = await start();
    expect(lines.at(-1)).toMatch(/\(from cache, ready in \d+ ms\)/);
    await server.idle();
    expect(lines.some((line) => line.includes("salic_ml has no run of this data and code yet"))).toBe(true);
    const runs = await query<{ impressao_fonte: Record<string, string> }>("SELECT impressao_fonte FROM salic_ml.execucoes");
    expect(runs).toEqual([{ impressao_fonte: await fingerprint() }]);
    await stop(server);
  }, 120_000);

  it("notices a change of the source while serving and switches to the new run without failing a request", async () => {
    const server = await start({ watchSeconds: 0.2 });
    const [row] = await query<{ pronac: string }>(
      `SELECT "Pronac" AS pronac FROM salic.planilha_captacao c JOIN salic.planilha_projetos p ON p."PRONAC" = c."Pronac" ORDER BY 1 LIMIT 1`,
    );
    const pronac = row!.pronac;
    const before = (await getJson(server, `/v1/projects/${pronac}/`)).raised_funds as number;
    const health = await getJson(server, "/health");

    // Requests of every kind in a loop, all through the switch.
    const statuses: number[] = [];
    let switched = false;
    const paths = ["/v1/projects/", `/v1/projects/${pronac}/`, `/v1/projects/${pronac}/details/`, "/v1/metrics/", "/health"];
    const load = (async () => {
      for (let i = 0; !switched; i++) {
        const responses = await Promise.all(paths.map((path) => fetch(`${server.url}${path}?n=${i}`).then(async (r) => (await r.arrayBuffer(), r.status))));
        statuses.push(...responses);
      }
    })();

    await query(
      `UPDATE salic.planilha_captacao SET "CaptacaoReal" = "CaptacaoReal" + 1000
        WHERE ctid = (SELECT ctid FROM salic.planilha_captacao WHERE "Pronac" = $1 LIMIT 1)`,
      [pronac],
    );
    let after = before;
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline) {
      const response = await fetch(`${server.url}/v1/projects/${pronac}/`);
      after = ((await response.json()) as { raised_funds: number }).raised_funds;
      if (after !== before) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // A few more rounds on the new run, then stop.
    const count = statuses.length;
    while (statuses.length < count + 3 * paths.length) await new Promise((resolve) => setTimeout(resolve, 20));
    switched = true;
    await load;

    expect(after).toBeCloseTo(before + 1000, 6);
    expect(statuses.length).toBeGreaterThan(20);
    expect(statuses.filter((status) => status !== 200)).toEqual([]);
    expect(lines.some((line) => line.includes("changed; scoring the new data in the background"))).toBe(true);
    expect(lines.some((line) => /now serving 400 projects of .* \(scored, cache entry [0-9a-f]{12}\)/.test(line))).toBe(true);
    const now = await getJson(server, "/health");
    expect(now.fingerprint).toBe(fingerprintDigest(await fingerprint()));
    expect(now.cache_key).not.toBe(health.cache_key);
    const details = await getJson(server, `/v1/projects/${pronac}/details/`);
    expect(JSON.stringify(details)).toContain(String(before + 1000));

    // The new run is stored too (the latest execucao, with the new fingerprint).
    await server.idle();
    const [latest] = await query<{ impressao_fonte: Record<string, string> }>("SELECT impressao_fonte FROM salic_ml.execucoes ORDER BY id DESC LIMIT 1");
    expect(latest!.impressao_fonte).toEqual(await fingerprint());

    // A change that cannot be scored (a table gone) is logged, and the last run is still served.
    await query("ALTER TABLE salic.planilha_captacao RENAME TO planilha_captacao_old");
    const failedBy = Date.now() + 60_000;
    while (!lines.some((line) => line.includes("scoring the changed data failed")) && Date.now() < failedBy) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(lines.find((line) => line.includes("scoring the changed data failed"))).toMatch(/still serving the last run: .*planilha_captacao not found in postgres:\/\/postgres:\*\*\*@/);
    expect(await getJson(server, "/health")).toMatchObject({ cache_key: now.cache_key });
    expect((await getJson(server, `/v1/projects/${pronac}/`)).raised_funds).toBe(after);
    await query("ALTER TABLE salic.planilha_captacao_old RENAME TO planilha_captacao");
    await stop(server);
    for (const line of lines) expect(line).not.toContain("s3cr3t-pw");
  }, 180_000);
});
