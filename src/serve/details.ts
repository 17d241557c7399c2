import { ADMISSIBILITY_METRIC } from "../metrics/catalog.js";
import type { MetricDefinition, MetricResult } from "../metrics/types.js";
import type { ProjectScore } from "../score/index.js";
import { NO_RESPONSAVEL, type Distribuicao } from "./api-types.js";
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

/**
 * Reshapes a project's score into the details body, with every tax id masked
 * (this is the one place details are masked). Metrics appear in the order of
 * `metrics` (the registry's); values the metrics left undefined become null.
 *
 * @throws Error when the project has no result for one of `metrics` (a score
 *   run fills every metric, so this is a bug upstream, not bad data).
 */
export function projectDetails(
  project: ProjectScore,
  nome: string,
  metrics: readonly MetricDefinition[],
): ProjectDetails {
  const financial: Record<string, MetricDetails> = {};
  const admissibility: Record<string, MetricDetails> = {};
  for (const metric of metrics) {
    const result = project.metricas[metric.id];
    if (result === undefined) throw new Error(`project ${project.pronac} has no result for metric ${metric.id}`);
    (metric.id === ADMISSIBILITY_METRIC ? admissibility : financial)[metric.id] = metricDetails(result);
  }
  return maskTaxIds({
    pronac: project.pronac,
    nome,
    responsavel: NO_RESPONSAVEL,
    proponente: null,
    indicadores: {
      FinancialIndicator: { valor: project.complexidade, metricas: financial },
      AdmissibilityIndicator: { valor: project.admissibilidade, metricas: admissibility },
    },
  });
}

function metricDetails(result: MetricResult): MetricDetails {
  const data: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(result)) if (!COMMON_FIELDS.has(field)) data[field] = value ?? null;
  return {
    valor: result.valor,
    is_outlier: result.is_outlier,
    valor_valido: result.valor_valido,
    minimo_esperado: result.minimo_esperado ?? null,
    maximo_esperado: result.maximo_esperado ?? null,
    data,
    distribuicao: null,
  };
}
