/** Client of the service's API (same origin). */

// The JSON shapes are the service's own types (erased at build time): one definition for both ends.
import type { MetricInfo, MetricsBody } from "../../src/serve/app.js";
import type { ProjectDetails } from "../../src/serve/details.js";
import type { ApiProject, ListPage } from "../../src/serve/list.js";
export type { MetricInfo } from "../../src/serve/app.js";
export type { IndicatorDetails as Indicator, MetricDetails, ProjectDetails } from "../../src/serve/details.js";
export type { ApiProject, ListPage } from "../../src/serve/list.js";

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
  const response = await fetch(path, { headers: { accept: "application/json" } });
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
