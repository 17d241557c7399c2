/**
 * The five tables as CSV text, columns exactly as src/data/schema.ts declares
 * them, in that order. Rows are emitted one string at a time; strings that can
 * hold commas, quotes or line breaks go through csvField (cached for
 * vocabulary that repeats on millions of rows).
 */
import type { TableName } from "../../src/data/schema.js";
import { csvField, formatCents, formatMills } from "./csv.js";
import { type CatalogueItem, type Link, linkSegment, NO_ITEM, NO_RECEIPT, type Project, raisedSegment, type World } from "./model.js";
import { STAGES } from "./vocabulary.js";

/** One table's columns and row producer. */
export interface TableWriter {
  readonly table: TableName;
  readonly columns: readonly string[];
  /** Calls `emit` with each data row, each ending in "\n". */
  rows(world: World, emit: (row: string) => void): void;
}

const cache = new Map<string, string>();
/** csvField, memoised: for names that repeat on many rows. */
function field(text: string): string {
  let out = cache.get(text);
  if (out === undefined) {
    out = csvField(text);
    if (cache.size < 100_000) cache.set(text, out);
  }
  return out;
}

const STAGE_NAME = new Map(STAGES);

/** Every project's rows, then the rows of no project (PRONAC empty). */
function projectsOf(world: World): readonly Project[] {
  return world.keyless.length === 0 ? world.projects : [...world.projects, ...world.keyless];
}

/** The ids that may be missing from a row, written empty when they are. */
const itemId = (item: CatalogueItem): string => (item === NO_ITEM ? "" : String(item.id));
const receiptId = (l: Link): string => (l.receiptId === NO_RECEIPT ? "" : String(l.receiptId));

const RECEIPT_COLUMNS = [
  "IdPRONAC", "PRONAC", "DataProjeto", "idPlanilhaAprovacao", "idPlanilhaItem", "Item", "idSegmento", "vlComprovacao",
  "idComprovantePagamento", "nrCNPJCPF", "nmFornecedor", "UF", "cdProduto", "cdCidade", "cdEtapa", "proponenteCgcCpf",
] as const;

function linkPrefix(p: Project, l: Link): string {
  const line = l.line;
  return (
    `${p.idPronac},${p.pronac},${p.dataProjeto},${l.noLineId ? "" : line.id},${itemId(line.item)},${field(l.itemText ?? line.itemText)},${linkSegment(l)?.code ?? ""},` +
    `${formatCents(l.cents)},${receiptId(l)},${l.provider.taxId},${field(l.providerName)},${line.city.uf},` +
    `${line.product.id},${line.city.code},${line.stage},${p.proponent}`
  );
}

/** Writers of the five tables, in the spec's order. */
export const TABLES: readonly TableWriter[] = [
  {
    table: "planilha_orcamentaria",
    columns: [
      "idPronac", "PRONAC", "idPlanilhaAprovacao", "Item", "idPlanilhaItens", "Unidade", "QtDias", "QtItem", "nrOcorrencia",
      "VlUnitarioSolicitado", "VlTotalSolicitado", "VlUnitarioAprovado", "VlTotalAprovado", "UfItem", "MunicipioItem", "Etapa",
      "idArea", "Area", "idSegmento", "Segmento", "idProduto", "Produto", "DataProjeto", "cdEtapa", "cdCidade",
    ],
    rows(world, emit) {
      for (const p of projectsOf(world)) {
        for (const l of p.lines) {
          const s = l.segment;
          emit(
            `${l.idPronac ?? p.idPronac},${p.pronac},${l.id},${field(l.itemText)},${itemId(l.item)},${field(l.unit)},${l.qtDias},${l.qtItem},${l.nrOcorrencia},` +
              `${formatMills(l.unitRequestedMills)},${formatCents(l.totalRequestedCents)},${formatMills(l.unitApprovedMills)},` +
              `${formatCents(l.totalApprovedCents)},${l.city.uf},${field(l.city.name)},${field(STAGE_NAME.get(l.stage) ?? "")},` +
              `${s.areaCode},${field(s.areaName)},${l.noSegment ? "," : `${s.code},${field(s.name)}`},${l.product.id}${p.floatProductIds ? ".0" : ""},` +
              `${field(l.product.name)},${p.dataProjeto},${l.stage},${l.city.code}\n`,
          );
        }
      }
    },
  },
  {
    table: "planilha_comprovacao",
    columns: [...RECEIPT_COLUMNS, "tpFormaDePagamento"],
    rows(world, emit) {
      for (const p of projectsOf(world)) for (const l of p.links) emit(`${linkPrefix(p, l)},${l.payment}\n`);
    },
  },
  {
    table: "planilha_aprovacao_comprovacao",
    columns: [...RECEIPT_COLUMNS, "tpFormaDePagamento", "vlAprovado"],
    rows(world, emit) {
      for (const p of projectsOf(world))
        for (const l of p.links) emit(`${linkPrefix(p, l)},${l.payment},${formatCents(l.line.totalApprovedCents)}\n`);
    },
  },
  {
    table: "planilha_captacao",
    columns: [
      "Idcaptacao", "Pronac", "Segmento", "NumeroRecibo", "CgcCpfMecena", "TipoApoio", "MedidaProvisoria", "isBemServico",
      "DtChegadaRecibo", "DtRecibo", "CaptacaoReal", "CaptacaoUfir", "logon",
    ],
    rows(world, emit) {
      for (const p of projectsOf(world))
        for (const r of p.raised)
          emit(
            `${r.id},${p.pronac},${raisedSegment(p, r)?.code ?? ""},${r.receiptNumber},${r.sponsor},${r.supportType},${r.provisionalMeasure},` +
              `${r.goodsOrServices},${r.arrival},${r.receiptDate},${formatCents(r.cents)},` +
              `${formatCents(Math.round(r.cents / 1.0641))},${r.logon}\n`,
          );
    },
  },
  {
    table: "planilha_projetos",
    columns: [
      "PRONAC", "idPRONAC", "UfProjeto", "Area", "Segmento", "NomeProjeto", "CgcCpf", "Situacao", "DtProtocolo", "DtSituacao",
      "DtInicioExecucao", "DtFimExecucao",
    ],
    rows(world, emit) {
      for (const p of projectsOf(world)) {
        if (!p.listed) continue;
        const d = p.dates;
        emit(
          `${p.pronac},${p.idPronac},${p.city.uf},${p.segment.areaCode},${p.segment.code},${csvField(p.name)},${p.proponent},` +
            `${p.situation},${d.protocolo},${d.situacao},${d.inicio},${d.fim}\n`,
        );
      }
    },
  },
];
