import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importDataDir } from "../../src/db/import.js";
import { REGISTRY } from "../../src/metrics/registry.js";
import { startServer, type RunningServer, type ServerOptions } from "../../src/serve/index.js";
import { describeDatabase, freshDatabase } from "../support/database.js";
import { writeServeFixture } from "../support/serve-fixture.js";
import { runCli } from "./fixture.js";

// The analysts' commands (the real CLI) and the write API on a real server over real
// sockets, with the embedded PGlite store in a temp folder, then the same over PostgreSQL.
let root: string;
let data: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "salic-analysts-"));
  data = join(root, "data");
  mkdirSync(data);
  writeServeFixture(data);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const lastLine = (text: string) => text.trimEnd().split("\n").at(-1)!;

async function serve(where: Partial<ServerOptions>): Promise<RunningServer> {
  return startServer({ dataDir: data, port: 0, cacheDir: join(root, "cache"), metrics: REGISTRY, codeVersion: "analysts-test", watchSeconds: 0, log: () => {}, ...where });
}

async function call(server: RunningServer, method: string, path: string, token?: string, body?: unknown) {
  const headers: Record<string, string> = {};
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(`${server.url}${path}`, { method, headers, body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body) });
  return { status: response.status, body: await response.json(), authenticate: response.headers.get("www-authenticate") };
}

/** The whole flow, against a store given by CLI options (`--feedback-store DIR` or `--db URL`) and the matching server option. */
function analystsFlow(name: string, location: () => { cli: string[]; server: Partial<ServerOptions>; singleProcess?: boolean }) {
  describe(name, () => {
    let server: RunningServer;
    let ana: string;
    let bruno: string;
    let carla: string;
    let listed: Awaited<ReturnType<typeof runCli>>;
    let again: Awaited<ReturnType<typeof runCli>>;

    beforeAll(async () => {
      const add = async (nome: string, email: string) => {
        const run = await runCli(["analysts", "add", nome, email, ...location().cli]);
        expect(run.code).toBe(0);
        return lastLine(run.stdout);
      };
      ana = await add("Ana Souza", "ana@example.org");
      bruno = await add("Bruno Lima", "bruno@example.org");
      carla = await add("Carla Dias", "carla@example.org");
      expect(await runCli(["analysts", "revoke", "carla@example.org", ...location().cli])).toMatchObject({ code: 0, stdout: "" });
      // Before serving: the embedded store is one process's at a time.
      listed = await runCli(["analysts", "list", ...location().cli]);
      again = await runCli(["analysts", "add", "Ana", "ana@example.org", ...location().cli]);
      server = await serve(location().server);
    }, 120_000);
    let closed = false;
    afterAll(async () => {
      if (!closed) await server?.close();
    });

    it("add prints a 43-character token alone on stdout; the store keeps its sha256 only; list shows who is active", async () => {
      expect(ana).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(ana).not.toBe(bruno);
      expect(listed.code).toBe(0);
      expect(listed.stdout.split("\n").map((line) => line.split("\t").slice(0, 3).join("\t"))).toEqual([
        "ana@example.org\tAna Souza\tativo",
        "bruno@example.org\tBruno Lima\tativo",
        "carla@example.org\tCarla Dias\trevogado",
        "",
      ]);
      expect(again).toEqual({ code: 1, stdout: "", stderr: "salic-ml: ana@example.org is already an analyst (revoke them first to give a new token)\n" });
    });

    it("writes need a token: 401 with WWW-Authenticate without one or with an unknown one, 403 for a revoked one", async () => {
      expect(await call(server, "PUT", "/v1/projects/100002/responsavel/")).toEqual({
        status: 401,
        body: { error: "this request needs an analyst's token: Authorization: Bearer <token>" },
        authenticate: 'Bearer realm="salic-ml"',
      });
      expect(await call(server, "POST", "/v1/projects/100002/feedback/", "x".repeat(43), { nota: 3 })).toEqual({
        status: 401,
        body: { error: "unknown token" },
        authenticate: 'Bearer realm="salic-ml", error="invalid_token"',
      });
      expect(await call(server, "PUT", "/v1/projects/100002/responsavel/", carla)).toMatchObject({ status: 403, body: { error: "this token was revoked: ask an administrator for a new one" } });
      expect((await call(server, "GET", "/v1/projects/100002/feedback/")).body).toEqual({ pronac: "100002", feedback: [] });
    });

    it("the token is checked before the body is read: without one, a body that is not JSON or too large is a 401; with one, a 400 or 413", async () => {
      const tooLarge = { nota: 3, comentario: "x".repeat(9000) };
      expect(await call(server, "POST", "/v1/projects/100002/feedback/", undefined, "{not json")).toMatchObject({ status: 401, authenticate: 'Bearer realm="salic-ml"' });
      expect(await call(server, "POST", "/v1/projects/100002/feedback/", undefined, tooLarge)).toMatchObject({ status: 401 });
      expect(await call(server, "POST", "/v1/projects/100002/feedback/", carla, "{not json")).toMatchObject({ status: 403 });
      expect((await call(server, "POST", "/v1/projects/100002/feedback/", ana, "{not json")).status).toBe(400);
      expect((await call(server, "POST", "/v1/projects/100002/feedback/", ana, tooLarge)).status).toBe(413);
      expect((await call(server, "GET", "/v1/projects/100002/feedback/")).body).toEqual({ pronac: "100002", feedback: [] });
    });

    it("an analyst takes a project: the list and details show their name, another analyst gets a 409 naming them, release gives ' '", async () => {
      const taken = await call(server, "PUT", "/v1/projects/100002/responsavel/", ana);
      expect(taken.status).toBe(200);
      expect(taken.body).toMatchObject({ pronac: "100002", responsavel: "Ana Souza" });
      expect(taken.body.quando).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect((await call(server, "GET", "/v1/projects/100002/")).body).toMatchObject({ responsavel: "Ana Souza", proponente: "**.***.432/****-**" });
      expect((await call(server, "GET", "/v1/projects/100002/details/")).body).toMatchObject({ pronac: "100002", responsavel: "Ana Souza" });
      expect((await call(server, "GET", "/v1/projects/100001/details/")).body).toMatchObject({ pronac: "100001", responsavel: " " });
      expect(await call(server, "PUT", "/v1/projects/100002/responsavel/", bruno)).toMatchObject({ status: 409, body: { error: "project 100002 is taken by Ana Souza" } });
      expect((await call(server, "PUT", "/v1/projects/100005/responsavel/", bruno)).status).toBe(200);
      // " " sorts before any name: ascending, the free projects come first (PRONAC order), then Ana's, then Bruno's.
      const up = (await call(server, "GET", "/v1/projects/?order_by=responsavel&page=2")).body.data.map((row: { pronac: string; responsavel: string }) => `${row.pronac}:${row.responsavel}`);
      expect(up.slice(-2)).toEqual(["100002:Ana Souza", "100005:Bruno Lima"]);
      const down = (await call(server, "GET", "/v1/projects/?order_by=-responsavel")).body.data.map((row: { pronac: string; responsavel: string }) => `${row.pronac}:${row.responsavel}`);
      expect(down.slice(0, 3)).toEqual(["100005:Bruno Lima", "100002:Ana Souza", "000014: "]);
      const released = await call(server, "DELETE", "/v1/projects/100005/responsavel/", bruno);
      expect(released).toMatchObject({ status: 200, body: { pronac: "100005", responsavel: " " } });
      expect((await call(server, "GET", "/v1/projects/100005/")).body.responsavel).toBe(" ");
      expect(await call(server, "PUT", "/v1/projects/999999/responsavel/", bruno)).toMatchObject({ status: 404, body: { error: "project 999999 not found", parameter: "pronac" } });
    });

    it("feedback: 201 with the stored entry, tax ids in comments masked; GET lists them oldest first; bad bodies are 400s naming the field", async () => {
      const metric = await call(server, "POST", "/v1/projects/100001/feedback/", ana, { metrica: "itens_orcamentarios", avaliacao: "falso_alarme", comentario: "o proponente 123.456.789-01 explicou" });
      expect(metric.status).toBe(201);
      expect({ ...metric.body, id: undefined, quando: undefined }).toEqual({
        id: undefined,
        pronac: "100001",
        metrica: "itens_orcamentarios",
        avaliacao: "falso_alarme",
        nota: null,
        comentario: "o proponente ***.***.789-** explicou",
        analista: "Ana Souza",
        quando: undefined,
      });
      const grade = await call(server, "POST", "/v1/projects/100001/feedback/", bruno, { nota: 4 });
      expect(grade).toMatchObject({ status: 201, body: { pronac: "100001", metrica: null, avaliacao: null, nota: 4, comentario: "", analista: "Bruno Lima" } });
      const listed = await call(server, "GET", "/v1/projects/100001/feedback/");
      expect(listed.body.feedback.map((entry: { analista: string; nota: number | null }) => [entry.analista, entry.nota])).toEqual([["Ana Souza", null], ["Bruno Lima", 4]]);
      expect(await call(server, "POST", "/v1/projects/100001/feedback/", ana, { metrica: "nao_existe", avaliacao: "util" })).toMatchObject({ status: 400, body: { error: 'metrica must be a metric id of the catalog, got "nao_existe"', parameter: "metrica" } });
      expect(await call(server, "POST", "/v1/projects/100001/feedback/", ana, { nota: 6 })).toMatchObject({ status: 400, body: { error: "nota must be an integer from 1 to 5, got 6", parameter: "nota" } });
      expect(await call(server, "POST", "/v1/projects/100001/feedback/", ana, { nota: 2, comentario: "x".repeat(2001) })).toMatchObject({ status: 400, body: { error: "comentario must be at most 2000 characters long", parameter: "comentario" } });
      expect((await call(server, "POST", "/v1/projects/100001/feedback/", ana, `{"nota": 2, "comentario": "${"x".repeat(9000)}"}`)).status).toBe(413);
    });

    it("feedback export writes CSV (RFC 4180, header, empty for null) and JSON, ordered by quando then id", async () => {
      if (location().singleProcess) {
        // PGlite is one process's database: the export waits until the service is stopped (see the README).
        await server.close();
        closed = true;
      }
      const csv = join(root, `${name.replace(/\W/g, "_")}.csv`);
      const run = await runCli(["feedback", "export", "--out", csv, ...location().cli]);
      expect(run).toEqual({ code: 0, stdout: "", stderr: `salic-ml: wrote 2 feedback entries to ${csv}\n` });
      const lines = readFileSync(csv, "utf8").split("\r\n");
      expect(lines[0]).toBe("pronac,metrica,avaliacao,nota,comentario,analista,quando");
      expect(lines.slice(1, 3).map((line) => line.replace(/,[^,]*$/, ""))).toEqual([
        "100001,itens_orcamentarios,falso_alarme,,o proponente ***.***.789-** explicou,Ana Souza",
        "100001,,,4,,Bruno Lima",
      ]);
      expect(lines[3]).toBe("");
      const json = join(root, `${name.replace(/\W/g, "_")}.json`);
      expect((await runCli(["feedback", "export", "--out", json, "--format", "json", ...location().cli])).code).toBe(0);
      const rows = JSON.parse(readFileSync(json, "utf8"));
      expect(rows.map((row: Record<string, unknown>) => Object.keys(row))).toEqual([
        ["pronac", "metrica", "avaliacao", "nota", "comentario", "analista", "quando"],
        ["pronac", "metrica", "avaliacao", "nota", "comentario", "analista", "quando"],
      ]);
      expect({ ...rows[1], quando: undefined }).toEqual({ pronac: "100001", metrica: null, avaliacao: null, nota: 4, comentario: "", analista: "Bruno Lima", quando: undefined });
      expect(rows[0].quando <= rows[1].quando).toBe(true);
    });
  });
}

analystsFlow("analysts and feedback in the embedded store (PGlite)", () => ({ cli: ["--feedback-store", join(root, "store")], server: { feedbackStore: join(root, "store") }, singleProcess: true }));

describeDatabase("analysts and feedback in schema salic_ml of a PostgreSQL database", (db) => {
  let url = "";
  beforeAll(async () => {
    url = await freshDatabase(db.url());
    await importDataDir(data, url);
  }, 120_000);
  analystsFlow("over --db", () => ({ cli: ["--db", url], server: { dataDir: undefined, db: url } }));

  it("keeps every change as a row (append-only) and only token hashes", async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const analysts = await client.query("SELECT email, evento, length(token_sha256) AS hash FROM salic_ml.analistas ORDER BY id");
      expect(analysts.rows).toEqual([
        { email: "ana@example.org", evento: "criado", hash: 64 },
        { email: "bruno@example.org", evento: "criado", hash: 64 },
        { email: "carla@example.org", evento: "criado", hash: 64 },
        { email: "carla@example.org", evento: "revogado", hash: null },
      ]);
      const holders = await client.query("SELECT r.pronac, a.nome FROM salic_ml.responsaveis r LEFT JOIN salic_ml.analistas a ON a.id = r.analista ORDER BY r.id");
      expect(holders.rows).toEqual([
        { pronac: "100002", nome: "Ana Souza" },
        { pronac: "100005", nome: "Bruno Lima" },
        { pronac: "100005", nome: null },
      ]);
    } finally {
      await client.end();
    }
  });
});
