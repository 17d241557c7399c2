/**
 * The metric catalog: every fact about a metric that is not its computation,
 * written once. The metric ids, their order (spec §4, the order they are
 * computed and reported in), weights (spec §5), which tail is suspicious,
 * how analysts see them and which module implements each all derive from
 * this list: the `MetricId` type, the registry, the score's weights, the
 * sample generator's plants, the page's labels and the promotion gate.
 * Polars-free, so the generator and the page can import it.
 *
 * Adding a metric: an entry here, its module (+ test) in this folder, its
 * notebook; the compiler points at every other place (the registry's
 * implementations, the generator's rules, the page's details).
 *
 * @module
 */

/** How a metric's `valor` is written for people. */
export type MetricUnit = "count" | "money" | "fraction";

/** Which side of the segment distribution is suspicious. */
export type Tail = "right" | "left";

/** One metric's facts. */
export interface CatalogEntry {
  /** The metric's id (spec §4), the key of its results in a project's `metricas`. */
  readonly id: string;
  /** Weight in the financial complexity score (spec §5); 0 = shown, not scored. */
  readonly weight: number;
  /** Which tail of the segment distribution is suspicious. */
  readonly tail: Tail;
  /** Short title, in Portuguese, for the analysts' page. */
  readonly title: string;
  /** How `valor` is written. */
  readonly unit: MetricUnit;
  /** One sentence, in Portuguese, of what the metric checks (shown to analysts). */
  readonly description: string;
  /** The file of src/metrics that defines it (what the promotion gate hashes). */
  readonly module: string;
}

// The literal list: `as const` keeps each id a literal type, from which `MetricId` derives.
const ENTRIES = [
  {
    id: "itens_orcamentarios",
    weight: 1,
    tail: "right",
    title: "Itens orçamentários",
    unit: "count",
    description: "Verifica se o projeto tem muito mais itens orçamentários aprovados do que os projetos do seu segmento cultural.",
    module: "itens-orcamentarios.ts",
  },
  {
    id: "comprovante_pagamento",
    weight: 0,
    tail: "right",
    title: "Comprovantes de pagamento",
    unit: "count",
    description: "Verifica se o projeto apresentou muito mais comprovantes de pagamento do que os projetos do seu segmento cultural.",
    module: "comprovante-pagamento.ts",
  },
  {
    id: "valor_comprovado",
    weight: 0,
    tail: "right",
    title: "Valor comprovado",
    unit: "money",
    description: "Verifica se o valor total comprovado pelo projeto é muito maior do que o dos projetos do seu segmento cultural.",
    module: "valor-comprovado.ts",
  },
  {
    id: "valor_aprovado",
    weight: 0,
    tail: "right",
    title: "Valor aprovado",
    unit: "money",
    description: "Verifica se o valor total aprovado no orçamento do projeto é muito maior do que o dos projetos do seu segmento cultural.",
    module: "valor-aprovado.ts",
  },
  {
    id: "valor_captado",
    weight: 0,
    tail: "right",
    title: "Valor captado",
    unit: "money",
    description:
      "Verifica se o valor total captado pelo projeto junto a patrocinadores é muito maior do que o dos projetos do seu segmento cultural.",
    module: "valor-captado.ts",
  },
  {
    id: "valor_a_ser_comprovado",
    weight: 5,
    tail: "right",
    title: "Valor a ser comprovado",
    unit: "money",
    description:
      "Verifica se a diferença entre o valor captado e o valor comprovado pelo projeto é diferente de zero, ou seja, se há dinheiro captado ainda não comprovado (ou comprovado a mais).",
    module: "valor-a-ser-comprovado.ts",
  },
  {
    id: "comprovantes_acima_50",
    weight: 2,
    tail: "right",
    title: "Comprovantes acima de 150 % do aprovado",
    unit: "count",
    description: "Conta os comprovantes cujo valor comprovado ultrapassa em mais de 50 % o valor aprovado do item orçamentário.",
    module: "comprovantes-acima-50.ts",
  },
  {
    id: "comprovante_cheque",
    weight: 1,
    tail: "right",
    title: "Cheques que pagam vários itens",
    unit: "count",
    description:
      "Conta os comprovantes pagos em cheque que aparecem em mais de uma linha de comprovação, isto é, um mesmo comprovante pagando vários itens.",
    module: "shared-receipts.ts",
  },
  {
    id: "comprovante_transferencia",
    weight: 5,
    tail: "right",
    title: "Transferências que pagam vários itens",
    unit: "count",
    description:
      "Conta os comprovantes pagos por transferência bancária que aparecem em mais de uma linha de comprovação, isto é, um mesmo comprovante pagando vários itens.",
    module: "shared-receipts.ts",
  },
  {
    id: "comprovante_saque",
    weight: 5,
    tail: "right",
    title: "Saques que pagam vários itens",
    unit: "count",
    description:
      "Conta os comprovantes pagos por saque em dinheiro que aparecem em mais de uma linha de comprovação, isto é, um mesmo comprovante pagando vários itens.",
    module: "shared-receipts.ts",
  },
  {
    id: "novos_fornecedores",
    weight: 1,
    tail: "right",
    title: "Fornecedores novos",
    unit: "count",
    description:
      "Conta os fornecedores do projeto que não aparecem em nenhum outro projeto e compara a sua proporção com a média do segmento.",
    module: "novos-fornecedores.ts",
  },
  {
    id: "projetos_mesmo_proponente",
    weight: 2,
    tail: "right",
    title: "Outros projetos do proponente",
    unit: "count",
    description: "Verifica se o projeto é bem mais complexo financeiramente do que os outros projetos submetidos pelo mesmo proponente.",
    module: "projetos-mesmo-proponente.ts",
  },
  {
    id: "preco_itens",
    weight: 0,
    tail: "right",
    title: "Preços acima da referência",
    unit: "count",
    description:
      "Verifica se mais de 10% dos itens orçamentários do projeto têm preço unitário acima do esperado para o mesmo item no seu segmento cultural.",
    module: "preco-itens.ts",
  },
  {
    id: "itens_comuns_e_incomuns_por_segmento",
    weight: 0,
    tail: "left",
    title: "Itens comuns do segmento",
    unit: "fraction",
    description:
      "Verifica se o orçamento do projeto tem uma proporção de itens comuns no seu segmento cultural muito menor do que a dos outros projetos do segmento.",
    module: "itens-comuns-e-incomuns.ts",
  },
] as const satisfies readonly CatalogEntry[];

/** Ids of the metrics of spec §4. */
export type MetricId = (typeof ENTRIES)[number]["id"];

/** The catalog's entry of one metric, typed by its id. */
export type CatalogEntryOf<I extends MetricId> = Extract<(typeof ENTRIES)[number], { id: I }>;

/** Every metric of spec §4, in the spec's order. */
export const METRIC_CATALOG: readonly (CatalogEntry & {
  /** The metric's id, one of {@link MetricId}. */
  readonly id: MetricId;
})[] = ENTRIES;

/** Every metric id, in the catalog's order. */
export const METRIC_IDS: readonly MetricId[] = METRIC_CATALOG.map((entry) => entry.id);

/** The metric whose outlier makes a project inadmissible (spec §5 admissibilidade). */
export const ADMISSIBILITY_METRIC = "itens_comuns_e_incomuns_por_segmento" satisfies MetricId;

const BY_ID: ReadonlyMap<string, CatalogEntry & { id: MetricId }> = new Map(METRIC_CATALOG.map((entry) => [entry.id, entry]));

/** Whether `id` names a metric of the catalog. */
export function isMetricId(id: string): id is MetricId {
  return BY_ID.has(id);
}

/** The catalog's entry for `id`. */
export function catalogEntry<I extends MetricId>(id: I): CatalogEntryOf<I> {
  return BY_ID.get(id) as CatalogEntryOf<I>;
}

/** Each metric's weight in the financial complexity score (spec §5), by id. */
export const METRIC_WEIGHTS: ReadonlyMap<MetricId, number> = new Map(METRIC_CATALOG.map((entry) => [entry.id, entry.weight]));
