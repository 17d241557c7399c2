import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { connect, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REGISTRY } from "../metrics/registry.js";
import { writeServeFixture } from "../../test/support/serve-fixture.js";
import { buildApp } from "./app.js";
import { ENTRY_FILES, float64s } from "./entry.js";
import { DEFAULT_LIMITS } from "./limits.js";
import { startServer, type RunningServer, type ServerOptions } from "./server.js";
import { openStore } from "./store.js";
import { maskTaxIdsInText } from "./mask.js";

// The real service listening on a port, driven over real sockets: no mocks.
let root: string;
let data: string;
const servers: RunningServer[] = [];
let lines: string[];

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "salic-serve-server-"));
  // A folder named by a CPF: the log lines that name the folder must mask it.
  data = join(root, "12345678901");
  mkdirSync(data);
  writeServeFixture(data);
});

afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
  rmSync(root, { recursive: true, force: true });
});

async function start(extra: Partial<ServerOptions> = {}): Promise<RunningServer> {
  lines = [];
  const server = await startServer({
    dataDir: data,
    port: 0,
    cacheDir: join(root, "cache"),
    metrics: REGISTRY,
    codeVersion: "server-test",
    watchSeconds: 0,
    webDir: join(root, "no-page"),
    // Its own store each: several servers run at once, and the embedded store is one opener's.
    feedbackStore: mkdtempSync(join(root, "feedback-")),
    log: (line) => lines.push(line),
    ...extra,
  });
  servers.push(server);
  return server;
}

async function stop(server: RunningServer): Promise<void> {
  servers.splice(servers.indexOf(server), 1);
  await server.close();
}

/** A raw connection: sends `text` (if any), resolves with what came back and when the server closed it. */
function rawConnection(server: RunningServer, text?: string): { socket: Socket; closed: Promise<{ ms: number; received: string }> } {
  const { hostname, port } = new URL(server.url);
  const started = performance.now();
  let received = "";
  const socket = connect(Number(port), hostname, () => {
    if (text !== undefined) socket.write(text);
  });
  socket.on("data", (chunk: Buffer) => (received += chunk.toString("utf8")));
  const closed = new Promise<{ ms: number; received: string }>((resolve) => {
    socket.on("error", () => {});
    socket.on("close", () => resolve({ ms: performance.now() - started, received }));
  });
  return { socket, closed };
}

const TIMEOUT_ANSWER =
  "HTTP/1.1 408 Request Timeout\r\n" +
  "x-content-type-options: nosniff\r\nx-frame-options: DENY\r\nreferrer-policy: no-referrer\r\n" +
  "content-security-policy: default-src 'none'; frame-ancestors 'none'\r\n" +
  "content-type: application/json; charset=utf-8\r\ncontent-length: 48\r\nconnection: close\r\n\r\n" +
  '{"error":"the request was not received in time"}';

describe("timeouts and the connection cap", () => {
  it("defaults: 10 s for the headers, 30 s for the request, 5 s of keep-alive, 500 connections", async () => {
    expect(DEFAULT_LIMITS).toEqual({ headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 5_000, maxConnections: 500 });
    await start();
    const store = await openStore(readEntryDir());
    const app = buildApp(store);
    try {
      expect(app.server.headersTimeout).toBe(10_000);
      expect(app.server.requestTimeout).toBe(30_000);
      expect(app.server.keepAliveTimeout).toBe(5_000);
      expect(app.server.maxConnections).toBe(500);
    } finally {
      await app.close();
      await store.close();
    }
  });

  it("closes a connection that sends part of its headers after headersTimeoutMs, with a JSON 408", async () => {
    const server = await start({ limits: { headersTimeoutMs: 400, requestTimeoutMs: 1_000 } });
    const { closed } = rawConnection(server, "GET /health HTTP/1.1\r\nHost: salic.test\r\nAccept: applic");
    const { ms, received } = await closed;
    expect(received).toBe(TIMEOUT_ANSWER);
    // Enforced when Node checks its connections: every 100 ms here (a quarter of the timeout).
    expect(ms).toBeGreaterThanOrEqual(390);
    expect(ms).toBeLessThan(1_000);
  });

  it("closes a connection that sends nothing after headersTimeoutMs too", async () => {
    const server = await start({ limits: { headersTimeoutMs: 400, requestTimeoutMs: 1_000 } });
    const { ms, received } = await rawConnection(server).closed;
    expect(received).toBe(TIMEOUT_ANSWER);
    expect(ms).toBeGreaterThanOrEqual(390);
    expect(ms).toBeLessThan(1_000);
  });

  it("closes an idle keep-alive connection after keepAliveTimeoutMs (Node adds a second of grace)", async () => {
    const server = await start({ limits: { keepAliveTimeoutMs: 300 } });
    const { ms, received } = await rawConnection(server, "GET /health HTTP/1.1\r\nHost: salic.test\r\n\r\n").closed;
    expect(received).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(received).toContain("Connection: keep-alive");
    expect(ms).toBeGreaterThanOrEqual(290);
    expect(ms).toBeLessThan(2_500);
  });

  it("refuses connections beyond maxConnections at once, says so in the log, and serves again when one closes", async () => {
    const server = await start({ limits: { maxConnections: 2 } });
    const first = rawConnection(server, "GET /health HTTP/1.1\r\n");
    const second = rawConnection(server, "GET /health HTTP/1.1\r\n");
    await new Promise((resolve) => setTimeout(resolve, 100));
    const third = await rawConnection(server, "GET /health HTTP/1.1\r\nHost: salic.test\r\n\r\n").closed;
    expect(third.received).toBe("");
    expect(third.ms).toBeLessThan(500);
    expect(lines).toContain("salic-ml: 2 connections are open (limits.maxConnections): refused 1 more (reported at most once a minute)");
    first.socket.destroy();
    await first.closed;
    await new Promise((resolve) => setTimeout(resolve, 50));
    const response = await fetch(`${server.url}/health`);
    expect(response.status).toBe(200);
    second.socket.destroy();
  });

  it.each([
    [{ headersTimeoutMs: 0 }, "limits.headersTimeoutMs must be a positive integer, got 0"],
    [{ maxConnections: 1.5 }, "limits.maxConnections must be a positive integer, got 1.5"],
    [{ headersTimeoutMs: 40_000 }, "limits.requestTimeoutMs (30000) must be at least limits.headersTimeoutMs (40000)"],
  ])("refuses limits %j before scoring anything", async (limits, message) => {
    lines = [];
    await expect(
      startServer({ dataDir: data, port: 0, cacheDir: join(root, "never"), metrics: REGISTRY, codeVersion: "server-test", watchSeconds: 0, limits, log: (line) => lines.push(line) }),
    ).rejects.toThrow(message);
    expect(lines).toEqual([]);
  });
});

describe("startServer's HTTP options", () => {
  /** A GET with headers fetch would not send as given (Host, Origin). */
  function get(server: RunningServer, path: string, headers: Record<string, string>): Promise<{ headers: Record<string, unknown>; body: string }> {
    return new Promise((resolve, reject) => {
      const request = httpRequest(`${server.url}${path}`, { headers }, (response) => {
        let body = "";
        response.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
        response.on("end", () => resolve({ headers: response.headers, body }));
      });
      request.on("error", reject);
      request.end();
    });
  }

  it("corsOrigins and publicUrl reach the routes: the configured origin reads, links start with the public URL whatever the Host", async () => {
    const server = await start({ corsOrigins: ["http://localhost:8080"], publicUrl: "https://salic.example.gov.br" });
    const list = await get(server, "/v1/projects/", { origin: "http://localhost:8080", host: "evil.example" });
    expect(list.headers["access-control-allow-origin"]).toBe("http://localhost:8080");
    const body = JSON.parse(list.body) as { next_page_url: string; data: { links: { details: string } }[] };
    expect(body.next_page_url).toBe("https://salic.example.gov.br/v1/projects/?page=2");
    expect(body.data[0]!.links.details).toBe("https://salic.example.gov.br/v1/projects/100001/details/");
    const health = await get(server, "/health", { origin: "http://localhost:8080" });
    expect(health.headers["access-control-allow-origin"]).toBeUndefined();
  });

  it("masks the tax id in the folder's name in every log line", async () => {
    const server = await start();
    expect(lines.some((line) => line.includes(`serving 20 projects of ${join(root, "***.***.789-**")} at ${server.url}`))).toBe(true);
    for (const line of lines) expect(line).not.toContain("12345678901");
  });
});

describe("a damaged cache entry", () => {
  it("answers 503 for the damaged record, logs it, rebuilds the entry in the background and then serves the record again", async () => {
    const cacheDir = join(root, "damage-cache");
    const first = await start({ cacheDir });
    const before = await (await fetch(`${first.url}/v1/projects/100001/details/`)).text();
    await stop(first);

    // Flip one byte of 100001's record in the entry on disk.
    const entry = readEntryDir(cacheDir);
    const store = await openStore(entry);
    const position = store.position("100001")!;
    await store.close();
    const offsets = float64s(readFileSync(join(entry, ENTRY_FILES.detailsIndex)));
    const details = readFileSync(join(entry, ENTRY_FILES.details));
    const quote = details.indexOf('"indicadores"', offsets[position]!);
    details[quote] = details[quote]! ^ 0x01;
    writeFileSync(join(entry, ENTRY_FILES.details), details);

    const server = await start({ cacheDir });
    expect(lines.at(-1)).toMatch(/serving 20 projects of .* \(from cache, ready in \d+ ms\)$/);
    const damaged = await fetch(`${server.url}/v1/projects/100001/details/`);
    expect(damaged.status).toBe(503);
    expect(damaged.headers.get("retry-after")).toBe("60");
    expect(damaged.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await damaged.json()).toEqual({ error: "the details of project 100001 are damaged in the service's cache; try again later" });
    // The other records are served meanwhile.
    expect((await fetch(`${server.url}/v1/projects/100002/details/`)).status).toBe(200);
    // Log lines are masked: a cache key with an 11-digit run shows it masked too.
    expect(lines).toContain(maskTaxIdsInText(`salic-ml: cache entry ${entry} is damaged: the details of PRONAC 100001 fail their checksum; its damaged records answer 503`));

    await server.idle();
    expect(lines).toContain(maskTaxIdsInText(`salic-ml: rebuilding the damaged cache entry ${entry.slice(-64, -52)} in the background (still serving its undamaged records)`));
    expect(lines.at(-1)).toBe(maskTaxIdsInText(`salic-ml: now serving 20 projects of ${join(root, "***.***.789-**")} (scored, cache entry ${entry.slice(-64, -52)})`));
    const repaired = await fetch(`${server.url}/v1/projects/100001/details/`);
    expect(repaired.status).toBe(200);
    expect(await repaired.text()).toBe(before);
  });
});

/** The one cache entry's folder (named by its 64-hex-digit key). */
function readEntryDir(cacheDir = join(root, "cache")): string {
  const entries = readdirSync(cacheDir).filter((name) => /^[0-9a-f]{64}$/.test(name));
  expect(entries).toHaveLength(1);
  return join(cacheDir, entries[0]!);
}
