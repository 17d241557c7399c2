import type { SalicTables, TableName } from "../data/schema.js";

/**
 * One project's result for one metric (spec §3): the five common fields plus
 * the metric's own detail fields. Money is rounded to 2 decimals; a value that
 * is undefined is null.
 */
export interface MetricResult {
  /** The project's value for the metric (0 when not available). */
  valor: number;
  /** Whether the value is suspicious (spec §3, §4); false when not available. */
  is_outlier: boolean;
  /** False when the project has no input rows for the metric (spec §3 "Not available"). */
  valor_valido: boolean;
  /** The lowest value not suspicious, or null where the metric gives none. */
  minimo_esperado: number | null;
  /** The highest value not suspicious, or null where the metric gives none (or the std is undefined). */
  maximo_esperado: number | null;
  [detail: string]: unknown;
}

/**
 * A metric's results keyed by PRONAC, for the projects it computed: every
 * PRONAC of its table(s), reported or not (projects outside planilha_projetos
 * count in segment statistics, spec §3).
 */
export type MetricResults = ReadonlyMap<string, MetricResult>;

/** Ids of the metrics of spec §4, in the spec's order. */
export type MetricId =
  | "itens_orcamentarios"
  | "comprovante_pagamento"
  | "valor_comprovado"
  | "valor_aprovado"
  | "valor_captado"
  | "valor_a_ser_comprovado"
  | "comprovantes_acima_50"
  | "comprovante_cheque"
  | "comprovante_transferencia"
  | "comprovante_saque"
  | "novos_fornecedores"
  | "projetos_mesmo_proponente"
  | "preco_itens"
  | "itens_comuns_e_incomuns_por_segmento";

/** What a project absent from `compute`'s results gets. */
export type Absence =
  /** `valor_valido: false`, `valor: 0`, expected values and details null. */
  | "not_available"
  /**
   * Available with `valor: 0`, not an outlier, expected minimum and maximum 0
   * and every detail an empty list (metrics "available for every project",
   * whose details list what was found).
   */
  | "zero";

/** A metric as the registry lists it: what it is, its weight, how to compute it. */
export interface MetricDefinition {
  /** The metric's id (spec §4), the key of its results in a project's `metricas`. */
  readonly id: MetricId;
  /** Weight in the financial complexity score (spec §5); 0 = shown, not scored. */
  readonly weight: number;
  /** Which tail of the segment distribution is suspicious. */
  readonly tail: "right" | "left";
  /** One sentence, in Portuguese, of what the metric checks (shown to analysts). */
  readonly description: string;
  /** Tables the metric reads; if one is missing the metric is not available for anyone. */
  readonly tables: readonly TableName[];
  /** Names of the detail fields, reported null when the metric is not available. */
  readonly details: readonly string[];
  /** What a project without a computed result gets (when the tables are present). */
  readonly absence: Absence;
  /**
   * Computes the metric for all projects at once. `earlier` holds the results
   * of the metrics listed before this one in the registry (the proponent
   * metric reads the others' outliers).
   */
  compute(tables: SalicTables, earlier: ReadonlyMap<MetricId, MetricResults>): MetricResults;
}
