import type { MetricId } from "../../src/metrics/catalog.js";

/**
 * The in-memory synthetic Salic database: projects with their budget lines,
 * receipt links and raised-funds rows. Money is integer cents (unit prices
 * integer mills) so that planting and checking are exact; the table writers
 * (tables.ts) turn it into the spec's CSV columns.
 */

/** A catalogue item (idPlanilhaItens). */
export interface CatalogueItem {
  readonly id: number;
  readonly name: string;
  readonly unit: string;
  /** Typical unit price in reais before segment and line variation. */
  readonly price: number;
  /** Stage code (cdEtapa) lines of this item usually belong to. */
  readonly stage: number;
  /** True for administration items, whose lines go to product 0. */
  readonly admin: boolean;
}

/** The catalogue item of a budget line that names none: idPlanilhaItens written empty (plant-empty-fields.ts). */
export const NO_ITEM: CatalogueItem = { id: -1, name: "", unit: "", price: 0, stage: 0, admin: false };

/** The receipt id of a receipt row that has none: idComprovantePagamento written empty (generated ids start above 100 000). */
export const NO_RECEIPT = 0;

/** An item as priced within one segment. */
export interface SegmentItem {
  readonly item: CatalogueItem;
  /** Segment-specific typical unit price, in mills. */
  readonly priceMills: number;
}

/** A product (idProduto). */
export interface Product {
  readonly id: number;
  readonly name: string;
}

/** A cultural segment with its own size, budget shape and catalogue. */
export interface Segment {
  /** Position in the world's segment list (for compact keys). */
  readonly index: number;
  readonly code: string;
  readonly name: string;
  readonly areaCode: string;
  readonly areaName: string;
  /** Median and log-std of the number of budget lines of its projects. */
  readonly lineMedian: number;
  readonly lineSigma: number;
  /** Items most of its projects include (they become the segment's common items). */
  readonly core: readonly SegmentItem[];
  /** The other items of its catalogue, drawn with `otherWeights`. */
  readonly others: readonly SegmentItem[];
  readonly otherWeights: Float64Array;
  readonly products: readonly Product[];
}

/** A city (cdCidade, MunicipioItem, UF). */
export interface City {
  /** Position in the city list (for compact keys). */
  readonly index: number;
  readonly code: number;
  readonly name: string;
  readonly uf: string;
}

/** Someone paid by a project (nrCNPJCPF, nmFornecedor). */
export interface Provider {
  readonly taxId: string;
  readonly name: string;
}

/** One approved budget line (a row of planilha_orcamentaria). */
export interface Line {
  readonly id: number;
  segment: Segment;
  item: CatalogueItem;
  /** Item text as written on this line (sometimes a variant spelling of the item's name). */
  itemText: string;
  unit: string;
  qtDias: number;
  qtItem: number;
  nrOcorrencia: number;
  unitRequestedMills: number;
  unitApprovedMills: number;
  totalRequestedCents: number;
  totalApprovedCents: number;
  city: City;
  stage: number;
  product: Product;
  /** idSegmento and Segmento written empty (plant-segment-rows.ts): the line is its project's, in no segment. */
  noSegment?: true;
  /** This line's idPronac where it is not its project's (plant-lines.ts). */
  idPronac?: number;
}

/** A budget line's idSegmento (null: none). */
export function lineSegment(l: Line): Segment | null {
  return l.noSegment ? null : l.segment;
}

/** One receipt link (a row of planilha_comprovacao): a receipt paying part of a budget line. */
export interface Link {
  readonly line: Line;
  receiptId: number;
  provider: Provider;
  providerName: string;
  cents: number;
  /** tpFormaDePagamento as written ("1", "2.0", "0", "" …). */
  payment: string;
  /** This row's idSegmento where it is not its line's; null: written empty (plant-segment-rows.ts). */
  segment?: Segment | null;
  /** This row's Item where it is not its line's text (plant-receipt-edges.ts). */
  itemText?: string;
  /** idPlanilhaAprovacao written empty on this row (plant-receipt-edges.ts): the row names no budget line. */
  noLineId?: true;
}

/** A receipt row's idSegmento: its line's unless planted otherwise (null: none). */
export function linkSegment(l: Link): Segment | null {
  return l.segment === undefined ? lineSegment(l.line) : l.segment;
}

/** One fund-raising receipt (a row of planilha_captacao). */
export interface RaisedRow {
  readonly id: number;
  readonly receiptNumber: string;
  readonly sponsor: string;
  readonly supportType: string;
  readonly provisionalMeasure: string;
  readonly goodsOrServices: string;
  readonly arrival: string;
  readonly receiptDate: string;
  cents: number;
  readonly logon: number;
  /** This row's Segmento where it is not its project's; null: written empty (plant-segment-rows.ts). */
  segment?: Segment | null;
}

/** A raised-funds row's Segmento: its project's unless planted otherwise (null: none). */
export function raisedSegment(p: Project, r: RaisedRow): Segment | null {
  return r.segment === undefined ? p.segment : r.segment;
}

/** A project: its planilha_projetos row and its rows in the other tables. */
export interface Project {
  readonly index: number;
  pronac: string;
  idPronac: number;
  year: number;
  /** False for the few PRONACs that have budget rows but no planilha_projetos row. */
  readonly listed: boolean;
  segment: Segment;
  proponent: string;
  city: City;
  name: string;
  situation: string;
  protocolDay: number;
  /** planilha_projetos dates, already formatted ("" = null). */
  dates: { protocolo: string; situacao: string; inicio: string; fim: string };
  /** DataProjeto as written, and as days since 1970 for the 2013 cut of preco_itens. */
  dataProjeto: string;
  dataProjetoDay: number;
  hasBudget: boolean;
  hasReceipts: boolean;
  hasRaised: boolean;
  /** Planned number of budget lines. */
  lineCount: number;
  lines: Line[];
  links: Link[];
  raised: RaisedRow[];
  /** Products of the project (0 is administration). */
  products: Product[];
  /** idProduto written as "17.0" on this project's lines: ints may carry ".0" (spec §2). */
  floatProductIds: boolean;
}

// The metric ids, their order and weights come from the metric catalog (polars-free).
export { METRIC_IDS, type MetricId } from "../../src/metrics/catalog.js";

/** The whole synthetic database. */
export interface World {
  readonly seed: number;
  readonly segments: readonly Segment[];
  /** Every project, listed or not, in idPRONAC order. */
  readonly projects: readonly Project[];
  /** Rows of no project: written with PRONAC empty after every project's rows (plant-empty-fields.ts); the rules never see them. */
  readonly keyless: Project[];
  /** Projects planted as anomalous, per metric. */
  readonly planted: Map<MetricId, Set<Project>>;
  /** Projects planted on several weighted metrics at once, so that their complexidade is above 6 (spec §5). */
  readonly veryComplex: Set<Project>;
  /** Boundary cases planted (plant-boundaries.ts), in planting order, for the README. */
  readonly boundaries: Boundary[];
}

/** One boundary case: the projects that hold it, the rule it exercises and what is at its edge. */
export interface Boundary {
  readonly pronacs: readonly string[];
  readonly rule: string;
  readonly case: string;
}
