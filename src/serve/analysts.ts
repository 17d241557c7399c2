import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { isMetricId } from "../metrics/catalog.js";
import type { Analyst, FeedbackStore, Holder, NewFeedback } from "../feedback/store.js";
import { FeedbackStoreError, responsavelOf } from "../feedback/store.js";
import { FEEDBACK_LIMITS, NO_RESPONSAVEL, type FeedbackBody, type FeedbackEntry, type ResponsavelBody } from "./api-types.js";
import { checkPronac, type ApiError } from "./query.js";
import type { ProjectStore } from "./store.js";

/** An error answer with its status (401 and 403 carry WWW-Authenticate). */
export type RouteError = Omit<ApiError, "status"> & { status: number };

/**
 * Who has which project, as the list and details show it: loaded from the
 * store at start and kept up to date by this service's takes and releases.
 * `version` changes with every change, so orders by responsavel are rebuilt.
 */
export class Responsaveis {
  readonly #held: Map<string, Holder>;
  #version = 0;

  constructor(held: Map<string, Holder> = new Map()) {
    this.#held = held;
  }

  /** The analyst's name, or " " when nobody has the project. */
  of(pronac: string): string {
    return responsavelOf(this.#held.get(pronac));
  }

  get version(): number {
    return this.#version;
  }

  /** The projects someone has, with their analyst's name. */
  taken(): IterableIterator<[string, Holder]> {
    return this.#held.entries();
  }

  set(holder: Holder): void {
    if (holder.analyst === undefined) this.#held.delete(holder.pronac);
    else this.#held.set(holder.pronac, holder);
    this.#version++;
  }
}

/** What the write routes need from the app. */
export interface AnalystRoutesContext {
  store: FeedbackStore;
  responsaveis: Responsaveis;
  /** The projects served now (known PRONACs). */
  projects: () => ProjectStore;
  sendError: (reply: FastifyReply, error: RouteError) => FastifyReply;
  /** Registers a path's OPTIONS and 405 answers for the methods it does not take. */
  allow: (path: string, methods: readonly string[]) => void;
}

const FEEDBACK_PATH = "/v1/projects/:pronac/feedback/";
const RESPONSAVEL_PATH = "/v1/projects/:pronac/responsavel/";

/**
 * `PUT`/`DELETE /v1/projects/{pronac}/responsavel/` (take, release) and
 * `POST`/`GET /v1/projects/{pronac}/feedback/`. Writes need an active
 * analyst's bearer token; reads are open.
 */
export function registerAnalystRoutes(app: FastifyInstance, context: AnalystRoutesContext): void {
  const { store, responsaveis, sendError } = context;

  /** The project of the path, or an error answer sent. */
  const project = (request: FastifyRequest<{ Params: { pronac: string } }>, reply: FastifyReply): string | undefined => {
    const { pronac } = request.params;
    const malformed = checkPronac(pronac);
    if (malformed !== undefined) {
      sendError(reply, malformed);
      return undefined;
    }
    if (context.projects().position(pronac) === undefined) {
      sendError(reply, { status: 404, error: `project ${pronac} not found`, parameter: "pronac" });
      return undefined;
    }
    return pronac;
  };

  /** The calling analyst, or an error answer sent (401 without or with an unknown token, 403 for a revoked one). */
  const analyst = async (request: FastifyRequest, reply: FastifyReply): Promise<Analyst | undefined> => {
    const header = request.headers.authorization;
    const match = header === undefined ? null : /^Bearer ([A-Za-z0-9_-]{1,200})$/.exec(header);
    if (match === null) {
      sendError(reply.header("www-authenticate", 'Bearer realm="salic-ml"'), {
        status: 401,
        error: header === undefined ? "this request needs an analyst's token: Authorization: Bearer <token>" : "the Authorization header must be Bearer <token>",
      });
      return undefined;
    }
    const found = await store.authenticate(match[1]!);
    if (found.status === "ok") return found.analyst;
    if (found.status === "revoked") {
      sendError(reply, { status: 403, error: "this token was revoked: ask an administrator for a new one" });
      return undefined;
    }
    sendError(reply.header("www-authenticate", 'Bearer realm="salic-ml", error="invalid_token"'), { status: 401, error: "unknown token" });
    return undefined;
  };

  const answerHolder = (holder: Holder): ResponsavelBody => ({
    pronac: holder.pronac,
    responsavel: holder.analyst?.nome ?? NO_RESPONSAVEL,
    quando: holder.quando.toISOString(),
  });

  // Who writes is settled when the request arrives, before its body is read:
  // a caller without a valid token gets 401/403 whatever it sent (even a body
  // that is not JSON, or too large), and nothing of it is parsed.
  const writers = new WeakMap<FastifyRequest, Analyst>();
  const authorizeWrite = async (request: FastifyRequest, reply: FastifyReply) => {
    const typed = request as FastifyRequest<{ Params: { pronac: string } }>;
    if (project(typed, reply) === undefined) return reply;
    const who = await analyst(request, reply);
    if (who === undefined) return reply;
    writers.set(request, who);
  };
  const writer = (request: FastifyRequest): Analyst => {
    const who = writers.get(request);
    if (who === undefined) throw new Error("a write route ran without its onRequest authorization");
    return who;
  };

  const change = (kind: "take" | "release") => async (request: FastifyRequest<{ Params: { pronac: string } }>, reply: FastifyReply) => {
    const { pronac } = request.params;
    const who = writer(request);
    try {
      const holder = kind === "take" ? await store.take(pronac, who) : await store.release(pronac, who);
      responsaveis.set(holder);
      return answerHolder(holder);
    } catch (error) {
      if (error instanceof FeedbackStoreError) return sendError(reply, { status: 409, error: error.message });
      throw error;
    }
  };
  app.put<{ Params: { pronac: string } }>(RESPONSAVEL_PATH, { onRequest: authorizeWrite }, change("take"));
  app.delete<{ Params: { pronac: string } }>(RESPONSAVEL_PATH, { onRequest: authorizeWrite }, change("release"));
  context.allow(RESPONSAVEL_PATH, ["PUT", "DELETE"]);

  app.get<{ Params: { pronac: string } }>(FEEDBACK_PATH, async (request, reply) => {
    const pronac = project(request, reply);
    if (pronac === undefined) return reply;
    const body: FeedbackBody = { pronac, feedback: await store.feedbackOf(pronac) };
    return body;
  });
  app.post<{ Params: { pronac: string } }>(FEEDBACK_PATH, { bodyLimit: FEEDBACK_LIMITS.bodyBytes, onRequest: authorizeWrite }, async (request, reply) => {
    const entry = parseFeedback(request.body);
    if ("error" in entry) return sendError(reply, entry);
    const stored: FeedbackEntry = await store.addFeedback(request.params.pronac, entry, writer(request));
    return reply.code(201).send(stored);
  });
  context.allow(FEEDBACK_PATH, ["GET", "HEAD", "POST"]);
}

/**
 * Checks a feedback body: `{metrica, avaliacao, comentario?}` for a metric
 * (an id of the catalog) or `{nota, comentario?}` for the project; any other
 * field, type or value is a 400 naming the field.
 */
export function parseFeedback(body: unknown): NewFeedback | (RouteError & { status: 400 }) {
  const bad = (parameter: string, error: string) => ({ status: 400 as const, error, parameter });
  if (body === null || typeof body !== "object" || Array.isArray(body)) return bad("body", 'the body must be a JSON object: {"metrica", "avaliacao", "comentario"} or {"nota", "comentario"}');
  const fields = body as Record<string, unknown>;
  for (const key of Object.keys(fields)) {
    if (!["metrica", "avaliacao", "nota", "comentario"].includes(key)) return bad(key, `unknown field ${JSON.stringify(key)} (expected metrica, avaliacao, nota, comentario)`);
  }
  const comentario = fields.comentario ?? "";
  if (typeof comentario !== "string") return bad("comentario", "comentario must be a string");
  if ([...comentario].length > FEEDBACK_LIMITS.comentario) return bad("comentario", `comentario must be at most ${FEEDBACK_LIMITS.comentario} characters long`);
  if ("nota" in fields) {
    if ("metrica" in fields || "avaliacao" in fields) return bad("nota", "give either nota (the project's grade) or metrica and avaliacao (a metric's), not both");
    const nota = fields.nota;
    if (typeof nota !== "number" || !Number.isInteger(nota) || nota < 1 || nota > 5) return bad("nota", `nota must be an integer from 1 to 5, got ${JSON.stringify(nota)}`);
    return { nota, comentario };
  }
  const { metrica, avaliacao } = fields;
  if (metrica === undefined) return bad("metrica", "give metrica and avaliacao (a metric's judgement) or nota (the project's grade)");
  if (typeof metrica !== "string" || !isMetricId(metrica)) return bad("metrica", `metrica must be a metric id of the catalog, got ${JSON.stringify(metrica).slice(0, 80)}`);
  if (avaliacao !== "util" && avaliacao !== "falso_alarme") return bad("avaliacao", `avaliacao must be "util" or "falso_alarme", got ${JSON.stringify(avaliacao ?? null).slice(0, 80)}`);
  return { metrica, avaliacao, comentario };
}

const NOBODY = Buffer.from(`"responsavel":${JSON.stringify(NO_RESPONSAVEL)}`);

/**
 * A stored details body with who has the project now. The stored body says
 * nobody (" "); its first `"responsavel":" "` is the top-level field, as it
 * follows pronac and nome, whose quotes are escaped inside their strings.
 */
export function withResponsavel(body: Buffer, responsavel: string): Buffer {
  if (responsavel === NO_RESPONSAVEL) return body;
  const at = body.indexOf(NOBODY);
  if (at < 0) throw new Error("a stored details body without responsavel");
  return Buffer.concat([body.subarray(0, at), Buffer.from(`"responsavel":${JSON.stringify(responsavel)}`), body.subarray(at + NOBODY.length)]);
}
