import { ADMISSIBILITY_METRIC } from "../metrics/catalog.js";
import type { MetricDefinition, MetricResult } from "../metrics/types.js";
import type { ProjectScore } from "../score/index.js";
import { NO_RESPONSAVEL, type Distribuicao, type ProjetoSubmetido } from "./api-types.js";
import { maskTaxIds } from "./mask.js";

/** One metric of a project as the details endpoint shows it: common fields, then its details under `data`. */
export interface MetricDetails {
  valor: number;
  is_outlier: boolean;
  valor_valido: boolean;
  minimo_esperado: number | null;
  maximo_esperado: number | null;
  data: Record<string, unknown>;
  /** The project's segment for this metric as a histogram, or null for metrics without a segment distribution. */
  distribuicao: Distribuicao | null;
}

/** An indicator: its score and the metrics it is made of. */
export interface IndicatorDetails {
  valor: number;
  metricas: Record<string, MetricDetails>;
}

/** The body of `GET /v1/projects/{pronac}/details/` (the original Salic-ML shape). */
export interface ProjectDetails {
  pronac: string;
  nome: string;
  /** The analyst who has taken the project, or " " (NO_RESPONSAVEL) when nobody has. */
  responsavel: string;
  /** The proponent's tax id (CgcCpf), masked; null when planilha_projetos has none. */
  proponente: string | null;
  indicadores: {
    FinancialIndicator: IndicatorDetails;
    AdmissibilityIndicator: IndicatorDetails;
  };
}

const COMMON_FIELDS = new Set(["valor", "is_outlier", "valor_valido", "minimo_esperado", "maximo_esperado"]);

/** What the details take from beyond the project's score: its table row and the other projects' summaries. */
export interface DetailsContext {
  /** The project's name (NomeProjeto). */
  nome: string;
  /** Its proponent's tax id (CgcCpf), masked here; null when absent. */
  proponente: string | null;
  /** Another project as the proponent metric lists it; undefined for a PRONAC the run does not list. */
  submitted?: (pronac: string) => ProjetoSubmetido | undefined;
  /** The project's segment distribution for a metric, or null (see distribution.ts). */
  distribution?: (metric: string) => Distribuicao | null;
}

/** The proponent metric, whose `projetos_submetidos` the details expand from PRONACs to the original API's objects. */
const PROPONENT_METRIC = "projetos_mesmo_proponente";

/**
 * Reshapes a project's score into the details body, with every tax id masked
 * (this is the one place details are masked). Metrics appear in the order of
 * `metrics` (the registry's); values the metrics left undefined become null.
 * `responsavel` is " " here: who has the project is added when answering.
 *
 * @throws Error when the project has no result for one of `metrics` (a score
 *   run fills every metric, so this is a bug upstream, not bad data), or
 *   lists as one of the proponent's projects a PRONAC that `submitted` does not know.
 */
export function projectDetails(project: ProjectScore, context: DetailsContext, metrics: readonly MetricDefinition[]): ProjectDetails {
  const financial: Record<string, MetricDetails> = {};
  const admissibility: Record<string, MetricDetails> = {};
  for (const metric of metrics) {
    const result = project.metricas[metric.id];
    if (result === undefined) throw new Error(`project ${project.pronac} has no result for metric ${metric.id}`);
    const details = metricDetails(result, context.distribution?.(metric.id) ?? null);
    if (metric.id === PROPONENT_METRIC) details.data.projetos_submetidos = submittedProjects(project.pronac, details.data.projetos_submetidos, context);
    (metric.id === ADMISSIBILITY_METRIC ? admissibility : financial)[metric.id] = details;
  }
  return maskTaxIds({
    pronac: project.pronac,
    nome: context.nome,
    responsavel: NO_RESPONSAVEL,
    proponente: context.proponente,
    indicadores: {
      FinancialIndicator: { valor: project.complexidade, metricas: financial },
      AdmissibilityIndicator: { valor: project.admissibilidade, metricas: admissibility },
    },
  });
}

// The metric's score JSON keeps bare PRONACs (the CLI writes them so); the original client reads objects.
function submittedProjects(pronac: string, listed: unknown, context: DetailsContext): ProjetoSubmetido[] | null {
  if (listed === null || listed === undefined) return null;
  return (listed as string[]).map((other) => {
    const found = context.submitted?.(other);
    if (found === undefined) throw new Error(`project ${pronac} lists ${other} among its proponent's projects, but the run has no project ${other}`);
    return found;
  });
}

function metricDetails(result: MetricResult, distribuicao: Distribuicao | null): MetricDetails {
  const data: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(result)) if (!COMMON_FIELDS.has(field)) data[field] = value ?? null;
  return {
    valor: result.valor,
    is_outlier: result.is_outlier,
    valor_valido: result.valor_valido,
    minimo_esperado: result.minimo_esperado ?? null,
    maximo_esperado: result.maximo_esperado ?? null,
    data,
    distribuicao,
  };
}
