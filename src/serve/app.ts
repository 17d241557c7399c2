import { existsSync } from "node:fs";
import type { Socket } from "node:net";
import { join } from "node:path";
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest, type RouteShorthandOptions } from "fastify";
import fastifyStatic from "@fastify/static";
import { fingerprintDigest } from "../db/fingerprint.js";
import { checkingIntervalMs, serverLimits, type ServerLimits } from "./limits.js";
import { registerAnalystRoutes, withResponsavel, type Responsaveis, type RouteError } from "./analysts.js";
import type { FeedbackStore } from "../feedback/store.js";
import { apiProject } from "./list.js";
import { LiveStore } from "./live.js";
import { maskTaxIdsInText } from "./mask.js";
import { checkPronac, isApiError, parseListQuery, type ApiError } from "./query.js";
import { CorsPolicy, PAGE_CSP, parseOrigins, parsePublicUrl, RESOURCE_CSP, SECURITY_HEADERS } from "./security.js";
import { DamagedEntryError, type ProjectStore } from "./store.js";

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

/** The HTTP options of {@link buildApp} that {@link startServer} also checks before scoring. */
export interface HttpOptions {
  /**
   * Origins whose pages may read the API (`/v1`) from a browser, e.g.
   * `["http://localhost:8080"]` for the original Salic-ML front end; `["*"]`
   * for any. Default none: only the service's own page, same-origin.
   */
  corsOrigins?: readonly string[];
  /**
   * The URL clients reach the service at (e.g. `https://salic-ml.example.gov.br`,
   * with a reverse proxy's path prefix if any): the links in answers
   * (`next_page_url`, `links.details`) start with it. Default: links are
   * paths (`/v1/projects/?page=2`); the Host header never makes a link.
   */
  publicUrl?: string;
  /** Timeouts and the connection cap once listening (see {@link ServerLimits} for the defaults). */
  limits?: Partial<ServerLimits>;
}

/** Options of {@link buildApp}. */
export interface AppOptions extends HttpOptions {
  /** The built web page (dist/web); without it, page routes answer 404 saying how to build it. */
  webDir?: string;
  /** Where unexpected errors and damaged cache records are reported (tax ids masked, never request data). */
  log?: (line: string) => void;
  /**
   * Told once per store when one of its details records is damaged (the
   * server then rebuilds the entry); those records answer 503 meanwhile.
   */
  onDamaged?: (store: ProjectStore, error: DamagedEntryError) => void;
  /**
   * The analysts' store: with it, the service takes writes (taking a project,
   * feedback) from analysts with a token, and shows who has each project
   * (kept in `responsaveis`; given a LiveStore, the one it was made with).
   */
  analysts?: { store: FeedbackStore; responsaveis: Responsaveis };
}

/** {@link HttpOptions} checked, with their defaults. */
export interface CheckedHttpOptions {
  cors: CorsPolicy;
  /** What links start with: the public URL, or "" for paths. */
  linkBase: string;
  limits: ServerLimits;
}

/**
 * Checks the HTTP options.
 *
 * @throws Error naming the option at fault and what it expects
 */
export function checkHttpOptions(options: HttpOptions): CheckedHttpOptions {
  return {
    cors: new CorsPolicy(parseOrigins(options.corsOrigins ?? [], "corsOrigins")),
    linkBase: options.publicUrl === undefined ? "" : parsePublicUrl(options.publicUrl, "publicUrl"),
    limits: serverLimits(options.limits),
  };
}

/** The methods fastify routes: those a path does not take are 405s, answered before any body is read. */
const ROUTED_METHODS = ["GET", "HEAD", "DELETE", "PATCH", "POST", "PUT", "QUERY", "TRACE"];

/**
 * The service as a fastify instance (not listening): the Salic-ML API under
 * /v1, /health, and the web page. Tests drive it with `app.inject`.
 *
 * - `GET /v1/projects/?page&order_by&nome__icontains&complexidade__gt` — the list, 15 per page;
 * - `GET /v1/projects/{pronac}/` — one project as the list shows it;
 * - `GET /v1/projects/{pronac}/details/` — its indicators and metrics;
 * - `GET /v1/metrics/` — what each metric checks, for the page;
 * - `GET /health`.
 * Errors are JSON `{ error, parameter? }`, tax ids masked; other methods are
 * 405s with `Allow`. Every response carries the security headers (see
 * security.ts); `/v1` answers carry CORS headers for `corsOrigins` only.
 *
 * Given a LiveStore, every request answers from the run current when it
 * arrived, so the owner can swap in a new run while requests are answered
 * (the service's watcher does); given a store, the app serves that one.
 * Either way the caller closes the store(s), not the app.
 */
export function buildApp(source: ProjectStore | LiveStore, options: AppOptions = {}): FastifyInstance {
  const given = options.log ?? (() => {});
  const log = (line: string) => given(maskTaxIdsInText(line));
  const { cors, linkBase, limits } = checkHttpOptions(options);
  const app = Fastify({
    logger: false,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    http: { headersTimeout: limits.headersTimeoutMs, connectionsCheckingInterval: checkingIntervalMs(limits) },
    clientErrorHandler: answerClientError,
  });
  app.server.maxConnections = limits.maxConnections;
  reportDroppedConnections(app, limits, log);
  const live = source instanceof LiveStore ? source : new LiveStore(source, options.analysts?.responsaveis);
  const responsaveis = live.responsaveis;
  const metricBodies = new WeakMap<ProjectStore, string>();
  const metricsOf = (store: ProjectStore): string => {
    let body = metricBodies.get(store);
    if (body === undefined) {
      body = JSON.stringify(metricsBody(store));
      metricBodies.set(store, body);
    }
    return body;
  };

  app.addHook("onRequest", async (request, reply) => {
    if (isApiPath(pathOf(request.url))) reply.headers(cors.headers(request.headers.origin));
  });
  app.addHook("onSend", async (request, reply, payload) => {
    reply.headers(SECURITY_HEADERS);
    // By path, not by content type: a 304 revalidating index.html has none, and
    // Chromium would apply its policy to the cached page.
    const path = pathOf(request.url);
    reply.header("content-security-policy", isApiPath(path) || path === "/health" || path === "/health/" ? RESOURCE_CSP : PAGE_CSP);
    return payload;
  });

  // Every path answers its methods and OPTIONS, which says which (and is the CORS
  // preflight under /v1); any other method is a 405, answered before a body is read.
  const allow = (path: string, methods: readonly string[]) => {
    const allowed = [...methods, "OPTIONS"].join(", ");
    app.route({
      method: "OPTIONS",
      url: path,
      handler: async (request, reply) => {
        reply.header("allow", allowed);
        if (isApiPath(pathOf(request.url)) && request.headers["access-control-request-method"] !== undefined && cors.allows(request.headers.origin)) {
          reply.header("access-control-allow-methods", methods.join(", "));
          const headers = request.headers["access-control-request-headers"];
          if (headers !== undefined) reply.header("access-control-allow-headers", headers);
          reply.header("access-control-max-age", "600");
        }
        return reply.code(204).send();
      },
    });
    const refuse = async (request: FastifyRequest, reply: FastifyReply) =>
      sendError(reply.header("allow", allowed), { status: 405, error: `${request.method} is not allowed on ${path} (allowed: ${allowed})` });
    app.route({ method: ROUTED_METHODS.filter((method) => !methods.includes(method)), url: path, onRequest: refuse, handler: refuse });
  };
  const readOnly = (path: string) => allow(path, ["GET", "HEAD"]);
  const get = <P extends Record<string, string> = Record<string, never>>(
    path: string,
    routeOptions: RouteShorthandOptions,
    handler: (request: FastifyRequest<{ Params: P }>, reply: FastifyReply) => Promise<unknown>,
  ) => {
    app.get<{ Params: P }>(path, routeOptions, handler);
    readOnly(path);
  };

  get("/health", {}, async () => {
    const { meta, size } = live.current.store;
    // A database source reports where it reads (password masked) and its fingerprint's digest instead of file hashes.
    const data =
      meta.source === undefined
        ? { files: meta.files }
        : { source: maskTaxIdsInText(meta.source.label), fingerprint: meta.source.fingerprint ?? fingerprintDigest(meta.files) };
    return { status: "ok", projects: size, cache_key: meta.key, ...data, metrics: meta.metrics.map((metric) => metric.id) };
  });

  get("/v1/projects/", { schema: { response: { 200: LIST_SCHEMA } } }, async (request, reply) => {
    const query = parseListQuery(request.query as Record<string, unknown>);
    if (isApiError(query)) return sendError(reply, query);
    const page = live.current.list.page(query, linkBase, new URLSearchParams(request.url.split("?")[1] ?? ""));
    if (isApiError(page)) return sendError(reply, page);
    return page;
  });

  get<{ pronac: string }>("/v1/projects/:pronac/", { schema: { response: { 200: PROJECT_SCHEMA } } }, async (request, reply) => {
    const { store } = live.current;
    const position = findProject(store, request.params.pronac, reply);
    if (position === undefined) return reply;
    return apiProject(store.row(position), linkBase, responsaveis);
  });

  const damagedStores = new WeakSet<ProjectStore>();
  get<{ pronac: string }>("/v1/projects/:pronac/details/", {}, async (request, reply) => {
    const { pronac } = request.params;
    // The details are read from the entry's file: its store stays open until the read is done, even if a new run came meanwhile.
    const body = await live.use(async ({ store }) => {
      const position = findProject(store, pronac, reply);
      if (position === undefined) return undefined;
      try {
        return await store.details(position);
      } catch (error) {
        if (!(error instanceof DamagedEntryError)) throw error;
        // One report per store: its other damaged records are the same problem, and a client retrying must not flood the log.
        if (!damagedStores.has(store)) {
          damagedStores.add(store);
          log(`salic-ml: ${error.message}; its damaged records answer 503`);
          options.onDamaged?.(store, error);
        }
        return null;
      }
    });
    if (body === undefined) return reply;
    if (body === null) {
      return sendError(reply.header("retry-after", "60"), { status: 503, error: `the details of project ${pronac} are damaged in the service's cache; try again later` });
    }
    // The stored details say nobody has the project; who has it now is added here.
    const holder = responsaveis?.of(pronac);
    return reply.type("application/json; charset=utf-8").send(holder === undefined ? body : withResponsavel(body, holder));
  });

  get("/v1/metrics/", {}, async (_request, reply) => reply.type("application/json; charset=utf-8").send(metricsOf(live.current.store)));

  if (options.analysts !== undefined) {
    if (responsaveis === undefined) throw new Error("buildApp: a LiveStore given with analysts must be made with their responsaveis");
    registerAnalystRoutes(app, { store: options.analysts.store, responsaveis, projects: () => live.current.store, sendError, allow });
  }

  registerPage(app, options.webDir);
  for (const path of PAGE_ROUTES) readOnly(path);

  app.setNotFoundHandler(async (request, reply) =>
    sendError(reply, { status: 404, error: `no route for ${request.method} ${pathOf(request.url)}` }),
  );
  app.setErrorHandler(async (error: { statusCode?: number; message?: string }, request, reply) => {
    const status = error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) log(`salic-ml: error answering ${request.method} ${request.routeOptions.url ?? "?"}: ${error.message}`);
    return sendError(reply, { status, error: status === 500 ? "internal error" : (error.message ?? "bad request") });
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
  required: ["pronac", "nome", "responsavel", "proponente", "verified_funds", "raised_funds", "complexidade", "links"],
  properties: {
    pronac: { type: "string" },
    nome: { type: "string" },
    responsavel: { type: "string" },
    proponente: nullable("string"),
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

// Every error body passes here: messages echo request input (a PRONAC, a path), which may be a tax id.
function sendError(reply: FastifyReply, error: RouteError): FastifyReply {
  const body: { error: string; parameter?: string } = { error: maskTaxIdsInText(error.error) };
  if (error.parameter !== undefined) body.parameter = error.parameter;
  return reply.code(error.status).send(body);
}

const pathOf = (url: string) => url.split("?")[0]!;
const isApiPath = (path: string) => path === "/v1" || path.startsWith("/v1/");

/**
 * Errors Node answers before a request reaches fastify (headers not received
 * in time, too large, malformed): the JSON error shape and the security
 * headers of every other answer, then the connection is closed.
 */
function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === "ECONNRESET" || socket.destroyed) return;
  const [status, reason, message] =
    error.code === "ERR_HTTP_REQUEST_TIMEOUT"
      ? [408, "Request Timeout", "the request was not received in time"]
      : error.code === "HPE_HEADER_OVERFLOW"
        ? [431, "Request Header Fields Too Large", "the request's headers are too large"]
        : [400, "Bad Request", "malformed HTTP request"];
  const body = JSON.stringify({ error: message });
  const headers = { ...SECURITY_HEADERS, "content-security-policy": RESOURCE_CSP, "content-type": "application/json; charset=utf-8", "content-length": String(Buffer.byteLength(body)), connection: "close" };
  const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join("");
  if (socket.writable) socket.write(`HTTP/1.1 ${status} ${reason}\r\n${head}\r\n${body}`);
  socket.destroy(error);
}

// Node closes connections beyond maxConnections silently: say so, at most once a minute.
function reportDroppedConnections(app: FastifyInstance, limits: ServerLimits, log: (line: string) => void): void {
  let dropped = 0;
  let reportedAt = Number.NEGATIVE_INFINITY;
  app.server.on("drop", () => {
    dropped++;
    if (Date.now() - reportedAt < 60_000) return;
    log(`salic-ml: ${limits.maxConnections} connections are open (limits.maxConnections): refused ${dropped} more (reported at most once a minute)`);
    dropped = 0;
    reportedAt = Date.now();
  });
}

/** The page's own routes (its assets are files under /assets). */
const PAGE_ROUTES = ["/", "/projetos/:pronac"];

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
