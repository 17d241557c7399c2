import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { REGISTRY } from "../../src/metrics/registry.js";
import { launchChromium } from "../../src/notebook/launch-chromium.js";
import { startServer, type RunningServer } from "../../src/serve/index.js";
import { writeServeFixture } from "../support/serve-fixture.js";

/**
 * The original Salic-ML front end is a Vue app on its own origin that GETs
 * /v1/projects/ and /v1/projects/{pronac}/details/ from the service. Here a
 * page on another port (another origin) does the same in real headless
 * Chromium, whose CORS checks decide: the configured origin reads, another
 * one is refused.
 */
let root: string;
let api: RunningServer;
let allowed: Server;
let other: Server;
let browser: Browser;
let page: Page;

/** A blank page at its own origin, from which the browser calls the API. */
async function frontEnd(): Promise<Server> {
  const server = createServer((_request, response) => response.writeHead(200, { "content-type": "text/html" }).end("<!doctype html><title>front end</title>"));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return server;
}
const originOf = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "salic-e2e-cors-"));
  mkdirSync(join(root, "data"));
  writeServeFixture(join(root, "data"));
  allowed = await frontEnd();
  other = await frontEnd();
  api = await startServer({
    dataDir: join(root, "data"),
    cacheDir: join(root, "cache"),
    metrics: REGISTRY,
    port: 0,
    watchSeconds: 0,
    webDir: join(root, "no-page"),
    corsOrigins: [originOf(allowed)],
    log: () => {},
  });
  browser = await launchChromium();
  page = await browser.newPage();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await api?.close();
  await new Promise((resolve) => allowed?.close(resolve));
  await new Promise((resolve) => other?.close(resolve));
  rmSync(root, { recursive: true, force: true });
});

/** What a fetch from the page gives: the status and a field of the body, or the browser's refusal. */
function fetchFrom(url: string, headers: Record<string, string> = {}): Promise<string> {
  return page.evaluate(
    async ({ url, headers }) => {
      try {
        const response = await fetch(url, { headers });
        const body = (await response.json()) as { total?: number; pronac?: string; error?: string };
        return `${response.status} ${body.total ?? body.pronac ?? body.error}`;
      } catch (error) {
        return `refused: ${(error as Error).message}`;
      }
    },
    { url, headers },
  );
}

describe("the API from another origin, in Chromium", () => {
  it("the configured origin reads the list and a project's details, with a simple GET and a preflighted one", async () => {
    await page.goto(originOf(allowed));
    expect(await fetchFrom(`${api.url}/v1/projects/`)).toBe("200 20");
    expect(await fetchFrom(`${api.url}/v1/projects/100001/details/`)).toBe("200 100001");
    // A custom header makes Chromium send an OPTIONS preflight first.
    expect(await fetchFrom(`${api.url}/v1/projects/100001/details/`, { "x-requested-with": "XMLHttpRequest" })).toBe("200 100001");
    // Errors are readable too, so the front end can show them.
    expect(await fetchFrom(`${api.url}/v1/projects/999999/details/`)).toBe("404 project 999999 not found");
  });

  it("another origin is refused by the browser, and /health is never readable cross-origin", async () => {
    await page.goto(originOf(other));
    expect(await fetchFrom(`${api.url}/v1/projects/`)).toBe("refused: Failed to fetch");
    await page.goto(originOf(allowed));
    expect(await fetchFrom(`${api.url}/health`)).toBe("refused: Failed to fetch");
  });
});
