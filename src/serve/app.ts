import { existsSync } from "node:fs";
import { join } from "node:path";
import Fastify, { type FastifyInstance, type FastifyReply } from "fastify";
import fastifyStatic from "@fastify/static";
import { fingerprintDigest } from "../db/fingerprint.js";
import { apiProject } from "./list.js";
import { LiveStore } from "./live.js";
import { checkPronac, isApiError, parseListQuery, type ApiError } from "./query.js";
import type { ProjectStore } from "./store.js";

/** A metric as `GET /v1/metrics/` describes it (for the page). */
export interface MetricInfo {
  id: string;
  /** What the metric checks, in Portuguese. */
  descricao: string;
  /** Its weight in complexidade. */
  peso: number;
  /** Which tail of the segment distribution is suspicious. */
  cauda: "direita" | "esquerda";
  /** False when a table it needs is missing from the data. */
  disponivel: boolean;
  /** Why it is not available, or null. */
  motivo_indisponivel: string | null;
}

/** The body of `GET /v1/metrics/`. */
export interface MetricsBody {
  metricas: MetricInfo[];
}

/** Options of {@link buildApp}. */
export interface AppOptions {
  /** The built web page (dist/web); without it, page routes answer 404 saying how to build it. */
  webDir?: string;
  /** Where unexpected errors are reported (never with request data). */
  log?: (line: string) => void;
}

/**
 * The service as a fastify instance (not listening): the Salic-ML API under
 * /v1, /health, and the web page. Tests drive it with `app.inject`.
 *
 * - `GET /v1/projects/?page&order_by&nome__icontains&complexidade__gt` — the list, 15 per page;
 * - `GET /v1/projects/{pronac}/` — one project as the list shows it;
 * - `GET /v1/projects/{pronac}/details/` — its indicators and metrics;
 * - `GET /v1/metrics/` — what each metric checks, for the page;
 * - `GET /health`.
 * Errors are JSON `{ error, parameter? }`; any origin may GET (CORS).
 *
 * Given a LiveStore, every request answers from the run current when it
 * arrived, so the owner can swap in a new run while requests are answered
 * (the service's watcher does); given a store, the app serves that one.
 * Either way the caller closes the store(s), not the app.
 */
export function buildApp(source: ProjectStore | LiveStore, options: AppOptions = {}): FastifyInstance {
  const log = options.log ?? (() => {});
  const app = Fastify({ logger: false, routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 } });
  const live = source instanceof LiveStore ? source : new LiveStore(source);
  const metricBodies = new WeakMap<ProjectStore, string>();
  const metricsOf = (store: ProjectStore): string => {
    let body = metricBodies.get(store);
    if (body === undefined) {
      body = JSON.stringify(metricsBody(store));
      metricBodies.set(store, body);
    }
    return body;
  };

  app.addHook("onRequest", async (_request, reply) => {
    reply.header("access-control-allow-origin", "*");
  });
  app.options("*", async (request, reply) => {
    reply
      .code(204)
      .header("access-control-allow-methods", "GET, HEAD, OPTIONS")
      .header("access-control-allow-headers", request.headers["access-control-request-headers"] ?? "*")
      .header("access-control-max-age", "86400")
      .send();
  });

  app.get("/health", async () => {
    const { meta, size } = live.current.store;
    // A database source reports where it reads (password masked) and its fingerprint's digest instead of file hashes.
    const data =
      meta.source === undefined
        ? { files: meta.files }
        : { source: meta.source.label, fingerprint: meta.source.fingerprint ?? fingerprintDigest(meta.files) };
    return { status: "ok", projects: size, cache_key: meta.key, ...data, metrics: meta.metrics.map((metric) => metric.id) };
  });

  app.get("/v1/projects/", { schema: { response: { 200: LIST_SCHEMA } } }, async (request, reply) => {
    const query = parseListQuery(request.query as Record<string, unknown>);
    if (isApiError(query)) return sendError(reply, query);
    const page = live.current.list.page(query, baseUrl(request), new URLSearchParams(request.url.split("?")[1] ?? ""));
    if (isApiError(page)) return sendError(reply, page);
    return page;
  });

  app.get<{ Params: { pronac: string } }>("/v1/projects/:pronac/", { schema: { response: { 200: PROJECT_SCHEMA } } }, async (request, reply) => {
    const { store } = live.current;
    const position = findProject(store, request.params.pronac, reply);
    if (position === undefined) return reply;
    return apiProject(store.row(position), baseUrl(request));
  });

  app.get<{ Params: { pronac: string } }>("/v1/projects/:pronac/details/", async (request, reply) => {
    // The details are read from the entry's file: its store stays open until the read is done, even if a new run came meanwhile.
    const body = await live.use(async ({ store }) => {
      const position = findProject(store, request.params.pronac, reply);
      return position === undefined ? undefined : store.details(position);
    });
    if (body === undefined) return reply;
    return reply.type("application/json; charset=utf-8").send(body);
  });

  app.get("/v1/metrics/", async (_request, reply) => reply.type("application/json; charset=utf-8").send(metricsOf(live.current.store)));

  registerPage(app, options.webDir);

  app.setNotFoundHandler(async (request, reply) =>
    sendError(reply, { status: 404, error: `no route for ${request.method} ${request.url.split("?")[0]}` }),
  );
  app.setErrorHandler(async (error: { statusCode?: number; message?: string }, request, reply) => {
    const status = error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) log(`salic-ml: error answering ${request.method} ${request.routeOptions.url ?? "?"}: ${error.message}`);
    return reply.code(status).send({ error: status === 500 ? "internal error" : (error.message ?? "bad request") });
  });

  function findProject(store: ProjectStore, pronac: string, reply: FastifyReply): number | undefined {
    const malformed = checkPronac(pronac);
    if (malformed !== undefined) {
      sendError(reply, malformed);
      return undefined;
    }
    const position = store.position(pronac);
    if (position === undefined) sendError(reply, { status: 404, error: `project ${pronac} not found`, parameter: "pronac" });
    return position;
  }

  return app;
}

function metricsBody(store: ProjectStore): MetricsBody {
  return {
    metricas: store.meta.metrics.map((metric) => ({
      id: metric.id,
      descricao: metric.description,
      peso: metric.weight,
      cauda: metric.tail === "left" ? "esquerda" : "direita",
      disponivel: !(metric.id in store.meta.unavailable),
      motivo_indisponivel: store.meta.unavailable[metric.id] ?? null,
    })),
  };
}

// Response schemas let fastify compile a serializer for the list (a third of its CPU
// time went to JSON.stringify); they restate the shapes of list.ts, nothing more.
const nullable = (type: string) => ({ type: [type, "null"] });
const PROJECT_SCHEMA = {
  type: "object",
  required: ["pronac", "nome", "responsavel", "verified_funds", "raised_funds", "complexidade", "links"],
  properties: {
    pronac: { type: "string" },
    nome: { type: "string" },
    responsavel: nullable("string"),
    verified_funds: nullable("number"),
    raised_funds: nullable("number"),
    complexidade: { type: "number" },
    links: { type: "object", required: ["details"], properties: { details: { type: "string" } } },
  },
} as const;
const LIST_SCHEMA = {
  type: "object",
  required: ["next_page_url", "prev_page_url", "per_page", "current_page", "last_page", "from", "to", "total", "data"],
  properties: {
    next_page_url: nullable("string"),
    prev_page_url: nullable("string"),
    per_page: { type: "integer" },
    current_page: { type: "integer" },
    last_page: { type: "integer" },
    from: { type: "integer" },
    to: { type: "integer" },
    total: { type: "integer" },
    data: { type: "array", items: PROJECT_SCHEMA },
  },
} as const;

function sendError(reply: FastifyReply, error: ApiError): FastifyReply {
  const body: { error: string; parameter?: string } = { error: error.error };
  if (error.parameter !== undefined) body.parameter = error.parameter;
  return reply.code(error.status).send(body);
}

function baseUrl(request: { protocol: string; host: string }): string {
  return `${request.protocol}://${request.host}`;
}

// The page is a single-page app: "/" and "/projetos/{pronac}" both serve
// index.html; hashed assets are cached for good, index.html never.
function registerPage(app: FastifyInstance, webDir: string | undefined): void {
  if (webDir === undefined || !existsSync(join(webDir, "index.html"))) {
    const missing = async (_request: unknown, reply: FastifyReply) =>
      sendError(reply, { status: 404, error: "the web page is not built: run `npm run build:web`" });
    app.get("/", missing);
    app.get("/projetos/:pronac", missing);
    return;
  }
  app.register(fastifyStatic, {
    root: webDir,
    prefix: "/",
    index: "index.html",
    // Our own cache policy below, instead of the plugin's max-age=0 for everything.
    cacheControl: false,
    setHeaders(res, path) {
      res.setHeader("cache-control", path.includes("/assets/") ? "public, max-age=31536000, immutable" : "no-cache");
    },
  });
  app.get("/projetos/:pronac", async (_request, reply) => reply.sendFile("index.html"));
}
