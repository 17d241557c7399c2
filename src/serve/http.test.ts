import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance, InjectOptions } from "fastify";
import { REGISTRY } from "../metrics/registry.js";
import { buildApp, type AppOptions } from "./app.js";
import { openCachedStore } from "./cache.js";
import { writeServeFixture } from "../../test/support/serve-fixture.js";
import type { ProjectStore } from "./store.js";

// The service's HTTP contract (issue #11), through fastify's inject: headers,
// CORS, links, methods and masking, on the hand-made fixture.
let root: string;
let store: ProjectStore;
const apps: FastifyInstance[] = [];

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "salic-serve-http-"));
  mkdirSync(join(root, "data"));
  writeServeFixture(join(root, "data"));
  ({ store } = await openCachedStore({ dataDir: join(root, "data"), cacheDir: join(root, "cache"), metrics: REGISTRY, log: () => {} }));
  const web = join(root, "web");
  mkdirSync(join(web, "assets"), { recursive: true });
  writeFileSync(join(web, "index.html"), "<!doctype html><title>Salic-ML</title>");
  writeFileSync(join(web, "assets", "app-1a2b.js"), "console.log(1)");
});

afterAll(async () => {
  await Promise.all(apps.map((app) => app.close()));
  await store.close();
  rmSync(root, { recursive: true, force: true });
});

function app(options: AppOptions = {}): FastifyInstance {
  const built = buildApp(store, options);
  apps.push(built);
  return built;
}

const PAGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
  "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
const RESOURCE_CSP = "default-src 'none'; frame-ancestors 'none'";
const FRONT_END = "http://localhost:8080";

describe("security headers", () => {
  const expectSecurityHeaders = (headers: Record<string, unknown>, csp: string, what: string) => {
    expect(headers["x-content-type-options"], what).toBe("nosniff");
    expect(headers["x-frame-options"], what).toBe("DENY");
    expect(headers["referrer-policy"], what).toBe("no-referrer");
    expect(headers["content-security-policy"], what).toBe(csp);
  };

  const api: [string, InjectOptions, number][] = [
    ["the list", { method: "GET", url: "/v1/projects/" }, 200],
    ["the details", { method: "GET", url: "/v1/projects/100001/details/" }, 200],
    ["/health", { method: "GET", url: "/health" }, 200],
    ["a HEAD", { method: "HEAD", url: "/v1/projects/" }, 200],
    ["a 400", { method: "GET", url: "/v1/projects/abc/" }, 400],
    ["a 404 under /v1", { method: "GET", url: "/v1/pessoas/" }, 404],
    ["a 404 of a project", { method: "GET", url: "/v1/projects/999999/" }, 404],
    ["a 405", { method: "POST", url: "/v1/projects/" }, 405],
    ["an OPTIONS", { method: "OPTIONS", url: "/v1/projects/" }, 204],
  ];
  for (const [name, request, status] of api) {
    it(`${name} (${status}) carries nosniff, DENY, no-referrer and the API's CSP`, async () => {
      const response = await app({ webDir: join(root, "web") }).inject(request);
      expect(response.statusCode).toBe(status);
      expectSecurityHeaders(response.headers, RESOURCE_CSP, name);
    });
  }

  it("the page (/ and /projetos/{pronac}), its assets and their 404s carry the page's CSP: own scripts, styles and API only, nothing inline, no framing", async () => {
    const page = app({ webDir: join(root, "web") });
    for (const [url, status, type] of [
      ["/", 200, "text/html; charset=utf-8"],
      ["/projetos/100001", 200, "text/html; charset=utf-8"],
      ["/assets/app-1a2b.js", 200, "application/javascript; charset=utf-8"],
      ["/nada.txt", 404, "application/json; charset=utf-8"],
    ] as const) {
      const response = await page.inject({ method: "GET", url });
      expect(response.statusCode, url).toBe(status);
      expect(response.headers["content-type"], url).toBe(type);
      expectSecurityHeaders(response.headers, PAGE_CSP, url);
    }
  });

  it("a 304 revalidating the page carries the page's CSP too (the browser applies it to its cached copy)", async () => {
    const page = app({ webDir: join(root, "web") });
    const first = await page.inject({ method: "GET", url: "/" });
    const revalidated = await page.inject({ method: "GET", url: "/", headers: { "if-none-match": String(first.headers.etag) } });
    expect(revalidated.statusCode).toBe(304);
    expectSecurityHeaders(revalidated.headers, PAGE_CSP, "304");
  });

  it("the unbuilt page's 404 carries them too", async () => {
    const response = await app().inject({ method: "GET", url: "/" });
    expect(response.statusCode).toBe(404);
    expectSecurityHeaders(response.headers, PAGE_CSP, "/");
  });
});

describe("CORS", () => {
  const from = (origin: string, url: string, method: InjectOptions["method"] = "GET", headers: Record<string, string> = {}) =>
    ({ method, url, headers: { origin, ...headers } }) as InjectOptions;
  const preflight = (origin: string, url: string) =>
    from(origin, url, "OPTIONS", { "access-control-request-method": "GET", "access-control-request-headers": "x-requested-with" });

  it("by default no origin is allowed: no CORS header anywhere, preflight included", async () => {
    const service = app({ webDir: join(root, "web") });
    for (const url of ["/v1/projects/", "/v1/projects/100001/details/", "/health", "/"]) {
      const response = await service.inject(from(FRONT_END, url));
      expect(response.statusCode, url).toBe(200);
      expect(response.headers["access-control-allow-origin"], url).toBeUndefined();
    }
    const answer = await service.inject(preflight(FRONT_END, "/v1/projects/"));
    expect(answer.statusCode).toBe(204);
    expect(answer.headers.allow).toBe("GET, HEAD, OPTIONS");
    expect(answer.headers["access-control-allow-origin"]).toBeUndefined();
    expect(answer.headers["access-control-allow-methods"]).toBeUndefined();
  });

  it("a configured origin (the original front end) reads the list, the details and the errors of /v1", async () => {
    const service = app({ corsOrigins: [FRONT_END, "https://salic.example.gov.br"] });
    for (const [url, status] of [
      ["/v1/projects/?page=2", 200],
      ["/v1/projects/100001/details/", 200],
      ["/v1/projects/999999/details/", 404],
    ] as const) {
      const response = await service.inject(from(FRONT_END, url));
      expect(response.statusCode, url).toBe(status);
      expect(response.headers["access-control-allow-origin"], url).toBe(FRONT_END);
      expect(response.headers.vary, url).toBe("Origin");
    }
    const answer = await service.inject(preflight(FRONT_END, "/v1/projects/100001/details/"));
    expect(answer.statusCode).toBe(204);
    expect(answer.headers).toMatchObject({
      allow: "GET, HEAD, OPTIONS",
      "access-control-allow-origin": FRONT_END,
      "access-control-allow-methods": "GET, HEAD",
      "access-control-allow-headers": "x-requested-with",
      "access-control-max-age": "600",
      vary: "Origin",
    });
  });

  it("another origin gets no CORS header (only Vary), and the page and /health never get one", async () => {
    const service = app({ corsOrigins: [FRONT_END], webDir: join(root, "web") });
    const other = await service.inject(from("http://evil.example", "/v1/projects/"));
    expect(other.headers["access-control-allow-origin"]).toBeUndefined();
    expect(other.headers.vary).toBe("Origin");
    const otherPreflight = await service.inject(preflight("http://evil.example", "/v1/projects/"));
    expect(otherPreflight.statusCode).toBe(204);
    expect(otherPreflight.headers["access-control-allow-origin"]).toBeUndefined();
    expect(otherPreflight.headers["access-control-allow-methods"]).toBeUndefined();
    for (const url of ["/health", "/", "/projetos/100001", "/assets/app-1a2b.js"]) {
      const response = await service.inject(from(FRONT_END, url));
      expect(response.statusCode, url).toBe(200);
      expect(response.headers["access-control-allow-origin"], url).toBeUndefined();
      const options = await service.inject(preflight(FRONT_END, url));
      expect(options.headers["access-control-allow-origin"], url).toBeUndefined();
      expect(options.headers["access-control-allow-methods"], url).toBeUndefined();
    }
  });

  it("* opens /v1 to every origin, still not the page or /health", async () => {
    const service = app({ corsOrigins: ["*"] });
    expect((await service.inject(from("http://anywhere.example", "/v1/metrics/"))).headers["access-control-allow-origin"]).toBe("*");
    expect((await service.inject(from("http://anywhere.example", "/health"))).headers["access-control-allow-origin"]).toBeUndefined();
  });

  it.each([
    [["http://localhost:8080/"], 'corsOrigins must be an origin such as http://localhost:8080 (http or https, host and optional port, nothing after them), or *; got "http://localhost:8080/"'],
    [["localhost:8080"], 'corsOrigins must be an origin such as http://localhost:8080 (http or https, host and optional port, nothing after them), or *; got "localhost:8080"'],
    [["ftp://files.example"], 'corsOrigins must be an origin such as http://localhost:8080 (http or https, host and optional port, nothing after them), or *; got "ftp://files.example"'],
    [["*", FRONT_END], "corsOrigins: * allows every origin and cannot be listed with others"],
  ])("refuses corsOrigins %j naming the option", (corsOrigins, message) => {
    expect(() => buildApp(store, { corsOrigins })).toThrow(message);
  });
});

describe("links", () => {
  const evil = { host: "evil.example", "x-forwarded-host": "evil.example" };

  it("are paths when no public URL is configured: the Host header never makes a link", async () => {
    const service = app();
    const list = (await service.inject({ method: "GET", url: "/v1/projects/?order_by=pronac", headers: evil })).json();
    expect(list.next_page_url).toBe("/v1/projects/?order_by=pronac&page=2");
    expect(list.data[0].links).toEqual({ details: "/v1/projects/000014/details/" });
    const second = (await service.inject({ method: "GET", url: "/v1/projects/?page=2", headers: evil })).json();
    expect(second.prev_page_url).toBe("/v1/projects/");
    const one = (await service.inject({ method: "GET", url: "/v1/projects/100001/", headers: evil })).json();
    expect(one.links).toEqual({ details: "/v1/projects/100001/details/" });
  });

  it("start with the public URL when one is configured (a proxy's path prefix kept, its trailing slash not doubled)", async () => {
    const service = app({ publicUrl: "https://salic.example.gov.br/ml/" });
    const list = (await service.inject({ method: "GET", url: "/v1/projects/", headers: evil })).json();
    expect(list.next_page_url).toBe("https://salic.example.gov.br/ml/v1/projects/?page=2");
    expect(list.data[0].links).toEqual({ details: "https://salic.example.gov.br/ml/v1/projects/100001/details/" });
    const second = (await service.inject({ method: "GET", url: "/v1/projects/?page=2", headers: evil })).json();
    expect(second.prev_page_url).toBe("https://salic.example.gov.br/ml/v1/projects/");
  });

  it.each(["salic.example.gov.br", "https://salic.example.gov.br/?x=1", "https://user:pw@salic.example.gov.br", "javascript:alert(1)"])(
    "refuses publicUrl %j naming the option",
    (publicUrl) => {
      expect(() => buildApp(store, { publicUrl })).toThrow(
        `publicUrl must be an http or https URL such as https://salic-ml.example.gov.br (optionally with a path prefix, no query or credentials); got ${JSON.stringify(publicUrl)}`,
      );
    },
  );
});

describe("methods", () => {
  const routes = ["/v1/projects/", "/v1/projects/100001/", "/v1/projects/100001/details/", "/v1/metrics/", "/health", "/", "/projetos/100001"];
  const patterns: Record<string, string> = { "/v1/projects/100001/": "/v1/projects/:pronac/", "/v1/projects/100001/details/": "/v1/projects/:pronac/details/", "/projetos/100001": "/projetos/:pronac" };

  for (const method of ["POST", "PUT", "DELETE", "PATCH"] as const) {
    it(`${method} on every GET route is a 405 with Allow and a JSON error`, async () => {
      const service = app({ webDir: join(root, "web") });
      for (const url of routes) {
        const response = await service.inject({ method, url, headers: { "content-type": "application/json" }, payload: "{}" });
        expect(response.statusCode, url).toBe(405);
        expect(response.headers.allow, url).toBe("GET, HEAD, OPTIONS");
        expect(response.headers["content-type"], url).toBe("application/json; charset=utf-8");
        expect(response.json(), url).toEqual({ error: `${method} is not allowed on ${patterns[url] ?? url} (allowed: GET, HEAD, OPTIONS)` });
      }
    });
  }

  it("answers 405 before reading a body it could not parse (no 415)", async () => {
    const response = await app().inject({ method: "POST", url: "/v1/projects/", headers: { "content-type": "application/x-www-form-urlencoded" }, payload: "a=1" });
    expect(response.statusCode).toBe(405);
  });

  it("OPTIONS says which methods a route takes", async () => {
    const response = await app().inject({ method: "OPTIONS", url: "/health" });
    expect(response.statusCode).toBe(204);
    expect(response.headers.allow).toBe("GET, HEAD, OPTIONS");
  });
});

describe("tax ids in error bodies", () => {
  it.each([
    ["/v1/projects/12345678901/details/", 400, { error: 'malformed PRONAC "***.***.789-**": expected 1 to 7 digits', parameter: "pronac" }],
    ["/v1/projects/123.456.789-01/details/", 400, { error: 'malformed PRONAC "***.***.789-**": expected 1 to 7 digits', parameter: "pronac" }],
    ["/v1/projects/12345678000190/", 400, { error: 'malformed PRONAC "**.***.678/****-**": expected 1 to 7 digits', parameter: "pronac" }],
    ["/v1/projects/?order_by=12345678901", 400, { error: 'order_by must be one of complexidade, -complexidade, nome, -nome, pronac, -pronac, responsavel, -responsavel; got "***.***.789-**"', parameter: "order_by" }],
    ["/v1/12345678901", 404, { error: "no route for GET /v1/***.***.789-**" }],
  ])("GET %s answers %i with the tax id masked", async (url, status, body) => {
    const response = await app().inject({ method: "GET", url });
    expect(response.statusCode).toBe(status);
    expect(response.json()).toEqual(body);
    expect(response.body).not.toMatch(/\d{11}|\d{3}\.\d{3}\.\d{3}-\d{2}/);
  });
});
