/** Client of the service's API (same origin). */

// The JSON shapes are the service's own types (erased at build time): one definition for both ends.
import type { MetricInfo, MetricsBody } from "../../src/serve/app.js";
import type { ProjectDetails } from "../../src/serve/details.js";
import type { ApiProject, ListPage } from "../../src/serve/list.js";
export type { MetricInfo } from "../../src/serve/app.js";
export type { IndicatorDetails as Indicator, MetricDetails, ProjectDetails } from "../../src/serve/details.js";
export type { ApiProject, ListPage } from "../../src/serve/list.js";
import type { FeedbackBody, FeedbackEntry, FeedbackRequest, ResponsavelBody } from "../../src/serve/api-types.js";
export type { Avaliacao, Distribuicao, FeedbackEntry, FeedbackRequest, ProjetoSubmetido } from "../../src/serve/api-types.js";
import { session } from "./session";

/** An error answer of the API: its status and, for bad input, the parameter at fault. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly parameter?: string,
  ) {
    super(message);
  }
}

async function getJson<T>(path: string): Promise<T> {
  return sendJson<T>(path, { headers: { accept: "application/json" } });
}

async function sendJson<T>(path: string, init: RequestInit): Promise<T> {
  const response = await fetch(path, init);
  const body = (await response.json().catch(() => ({}))) as { error?: string; parameter?: string };
  if (!response.ok) throw new ApiError(response.status, body.error ?? response.statusText, body.parameter);
  return body as T;
}

/** Parameters of the project list, as the API names them. */
export interface ListParams {
  page?: number;
  order_by?: string;
  nome__icontains?: string;
  complexidade__gt?: number;
}

export function fetchProjects(params: ListParams): Promise<ListPage> {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== "") query.set(key, String(value));
  }
  return getJson<ListPage>(`/v1/projects/?${query}`);
}

export function fetchProject(pronac: string): Promise<ApiProject> {
  return getJson<ApiProject>(`/v1/projects/${encodeURIComponent(pronac)}/`);
}

export function fetchDetails(pronac: string): Promise<ProjectDetails> {
  return getJson<ProjectDetails>(`/v1/projects/${encodeURIComponent(pronac)}/details/`);
}

let metricsRequest: Promise<MetricInfo[]> | undefined;

/** What each metric checks (asked once per page load). */
export function fetchMetrics(): Promise<MetricInfo[]> {
  metricsRequest ??= getJson<MetricsBody>("/v1/metrics/").then((body) => body.metricas);
  return metricsRequest;
}

/** What "nobody has taken it" looks like in `responsavel` (one space, as the original API sent). */
export const nobody = (responsavel: string | null | undefined): boolean => responsavel == null || responsavel.trim() === "";

/** A write as the signed-in analyst (Bearer token); without a token the server answers 401, shown as it says. */
function write<T>(method: "PUT" | "DELETE" | "POST", path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json", authorization: `Bearer ${session.token.value}` };
  if (body !== undefined) headers["content-type"] = "application/json";
  return sendJson<T>(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

const responsavelPath = (pronac: string) => `/v1/projects/${encodeURIComponent(pronac)}/responsavel/`;
const feedbackPath = (pronac: string) => `/v1/projects/${encodeURIComponent(pronac)}/feedback/`;

/** Takes the project for the signed-in analyst (409 when another has it: the error names who). */
export function takeProject(pronac: string): Promise<ResponsavelBody> {
  return write<ResponsavelBody>("PUT", responsavelPath(pronac));
}

/** Releases the project. */
export function releaseProject(pronac: string): Promise<ResponsavelBody> {
  return write<ResponsavelBody>("DELETE", responsavelPath(pronac));
}

/** The project's feedback, oldest first. */
export function fetchFeedback(pronac: string): Promise<FeedbackEntry[]> {
  return getJson<FeedbackBody>(feedbackPath(pronac)).then((body) => body.feedback);
}

/** Stores a metric's judgement or the project's grade; answers the stored entry. */
export function sendFeedback(pronac: string, request: FeedbackRequest): Promise<FeedbackEntry> {
  return write<FeedbackEntry>("POST", feedbackPath(pronac), request);
}
