/**
 * The five Salic tables as the loaders read them (spec §2): one declaration per
 * table, one entry per column. Only columns declared here are kept; others in
 * a file are ignored.
 *
 * - `string` columns stay text even when they look numeric (PRONAC "000014",
 *   19-digit tax ids); `int` accepts `12.0`; `number` is money or a quantity,
 *   read as Float64 with "." as decimal point (an exponent, `1e3`, is
 *   accepted); money is bounded so that metrics sum it exactly (data/money.ts:
 *   at most 2·10^9 reais a value, 4·10^12 a column in absolute value); `datetime` is
 *   ISO 8601 `YYYY-MM-DD[ HH:MM:SS[.fff]]` (or `T` before the time), no time
 *   zone, read as Datetime("ms"). Exact spellings: data/parse.ts.
 * - `required` columns are the ones a metric or the service reads: a file
 *   without one is an error, and their values are parsed as their type (a
 *   value that does not parse is an error naming file, line, column, value).
 *   Other declared columns are optional: kept as text when present (their
 *   type documents the spec, it is not enforced), absent columns stay absent.
 * - An empty field is null, in every column.
 * - A `unique` column (planilha_projetos' PRONAC) holds each value once;
 *   values are compared as strings, so "14" and "000014" differ.
 */
export type ColumnType = "string" | "int" | "number" | "datetime";

/** One declared column of a Salic table. */
export interface ColumnSpec {
  /** The column's header name, e.g. "PRONAC". */
  readonly name: string;
  /** How its text is parsed (see {@link ColumnType}). */
  readonly type: ColumnType;
  /** A metric or the service reads it: it must be present and well-typed. */
  readonly required: boolean;
  /** No two rows may hold the same non-empty value (planilha_projetos' PRONAC names one project). */
  readonly unique?: true;
}

/** Names of the five Salic tables, which are also their file names. */
export type TableName =
  | "planilha_orcamentaria"
  | "planilha_comprovacao"
  | "planilha_aprovacao_comprovacao"
  | "planilha_captacao"
  | "planilha_projetos";

const req = (name: string, type: ColumnType): ColumnSpec => ({ name, type, required: true });
const opt = (name: string, type: ColumnType = "string"): ColumnSpec => ({ name, type, required: false });

const receiptLinkColumns: readonly ColumnSpec[] = [
  opt("IdPRONAC", "int"),
  req("PRONAC", "string"),
  opt("DataProjeto", "datetime"),
  req("idPlanilhaAprovacao", "int"),
  req("idPlanilhaItem", "int"),
  req("Item", "string"),
  req("idSegmento", "string"),
  req("vlComprovacao", "number"),
  req("idComprovantePagamento", "int"),
  req("nrCNPJCPF", "string"),
  req("nmFornecedor", "string"),
  opt("UF"),
  opt("cdProduto"),
  opt("cdCidade"),
  opt("cdEtapa"),
  opt("proponenteCgcCpf"),
];

/** Column declarations of every table, in the spec's order. */
export const SCHEMA: Readonly<Record<TableName, readonly ColumnSpec[]>> = {
  planilha_orcamentaria: [
    req("idPronac", "int"),
    req("PRONAC", "string"),
    opt("idPlanilhaAprovacao", "int"),
    req("Item", "string"),
    req("idPlanilhaItens", "int"),
    opt("Unidade"),
    opt("QtDias", "number"),
    opt("QtItem", "number"),
    opt("nrOcorrencia", "number"),
    opt("VlUnitarioSolicitado", "number"),
    opt("VlTotalSolicitado", "number"),
    req("VlUnitarioAprovado", "number"),
    req("VlTotalAprovado", "number"),
    req("UfItem", "string"),
    opt("MunicipioItem"),
    opt("Etapa"),
    opt("idArea"),
    opt("Area"),
    req("idSegmento", "string"),
    opt("Segmento"),
    req("idProduto", "int"),
    opt("Produto"),
    req("DataProjeto", "datetime"),
    req("cdEtapa", "int"),
    req("cdCidade", "int"),
  ],
  planilha_comprovacao: [...receiptLinkColumns, req("tpFormaDePagamento", "string")],
  // tpFormaDePagamento may be absent here (spec §2); vlAprovado is what this table adds.
  planilha_aprovacao_comprovacao: [
    ...receiptLinkColumns,
    opt("tpFormaDePagamento"),
    req("vlAprovado", "number"),
  ],
  planilha_captacao: [
    opt("Idcaptacao", "int"),
    req("Pronac", "string"),
    req("Segmento", "string"),
    opt("NumeroRecibo"),
    opt("CgcCpfMecena"),
    opt("TipoApoio"),
    opt("MedidaProvisoria"),
    opt("isBemServico"),
    opt("DtChegadaRecibo", "datetime"),
    opt("DtRecibo", "datetime"),
    req("CaptacaoReal", "number"),
    opt("CaptacaoUfir", "number"),
    opt("logon", "int"),
  ],
  planilha_projetos: [
    { ...req("PRONAC", "string"), unique: true },
    opt("idPRONAC", "int"),
    opt("UfProjeto"),
    opt("Area"),
    req("Segmento", "string"),
    req("NomeProjeto", "string"),
    req("CgcCpf", "string"),
    opt("Situacao"),
    opt("DtProtocolo", "datetime"),
    opt("DtSituacao", "datetime"),
    opt("DtInicioExecucao", "datetime"),
    opt("DtFimExecucao", "datetime"),
  ],
};

/** Every table name, in the order the spec lists them. */
export const TABLE_NAMES = Object.keys(SCHEMA) as TableName[];

/** The loaded tables of one data directory; a table whose file is absent is undefined. */
export type SalicTables = Partial<Record<TableName, import("nodejs-polars").DataFrame>>;
