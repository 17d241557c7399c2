/**
 * Rows whose segment is not their project's (issue #12 point 4; spec §3, "a
 * project's segment" for a metric over one table is the most frequent code
 * of its rows there):
 *
 * - on planilha_comprovacao and on planilha_captacao, a project with one row
 *   filed under a segment whose code sorts before its own, among at least
 *   three rows: its segment is still the most frequent code, not the smallest;
 * - on each of those tables, a project two of whose three rows have the
 *   segment empty, and on planilha_orcamentaria one all of whose lines but
 *   one have it empty: rows without a code are not counted, so its segment is
 *   the code of its other rows, although "no code" is the most frequent. The
 *   receipt rows without a code also name no provider, so that no reading of
 *   "distinct (PRONAC, idSegmento) pairs" (spec §4.9) is at stake there; the
 *   budget lines without one still count among the project's lines and
 *   all_items rows, but in no segment's reference prices or common items.
 *
 * Each on a project no other plant touched; every plant is re-checked after
 * each change (rules.ts reads the rows' own segments the same way).
 */
import { NO_PROVIDER } from "./plant-receipt-edges.js";
import type { Planter } from "./planter.js";
import { type Link, linkSegment, type Project, type RaisedRow, raisedSegment, type Segment } from "./model.js";

/** The rows of one table that carry a segment, and how a plant reads them. */
interface SegmentRows {
  readonly table: string;
  readonly metrics: string;
  rows(p: Project): readonly (Link | RaisedRow)[];
  segmentOf(p: Project, row: Link | RaisedRow): Segment | null;
}

const RECEIPT_ROWS: SegmentRows = {
  table: "planilha_comprovacao",
  metrics: "comprovante_pagamento, valor_comprovado, novos_fornecedores",
  rows: (p) => p.links,
  segmentOf: (_p, row) => linkSegment(row as Link),
};

const RAISED_ROWS: SegmentRows = {
  table: "planilha_captacao",
  metrics: "valor_captado",
  rows: (p) => p.raised,
  segmentOf: (p, row) => raisedSegment(p, row as RaisedRow),
};

/** The segment every row of the project's table has, or null when they differ or lack one. */
function soleSegment(table: SegmentRows, p: Project): Segment | null {
  const segments = new Set(table.rows(p).map((r) => table.segmentOf(p, r)));
  return segments.size === 1 ? ([...segments][0] as Segment | null) : null;
}

/** Plants every case of the module comment. */
export function plantSegmentRows(planter: Planter): void {
  for (const table of [RECEIPT_ROWS, RAISED_ROWS]) {
    plantMinorityWithSmallerCode(planter, table);
    plantMostlyWithoutSegment(planter, table);
  }
  plantBudgetMostlyWithoutSegment(planter);
}

/** A project without receipts, all its budget lines but one with the segment empty. */
function plantBudgetMostlyWithoutSegment(planter: Planter): void {
  const p = planter.firstKeepingPlants(
    planter.candidates((q) => q.lines.length >= 3 && q.links.length === 0 && q.lines.every((l) => l.segment === q.segment)),
    (q) => {
      const rest = q.lines.slice(1);
      for (const l of rest) l.noSegment = true;
      return () => rest.forEach((l) => delete l.noSegment);
    },
  );
  if (p === undefined) return;
  planter.world.boundaries.push({
    pronacs: [p.pronac],
    rule: "segment (spec §3): itens_orcamentarios, valor_aprovado, preco_itens, itens_comuns_e_incomuns_por_segmento",
    case:
      `planilha_orcamentaria: ${p.lines.length - 1} of its ${p.lines.length} lines with idSegmento empty: not counted, so its segment is ` +
      `its other line's "${p.segment.code}"; those lines count among its lines and all_items rows, in no segment's reference prices or common items`,
  });
}

/** Sets the segment of `rows` (undefined: back to the row's default), returning the undo. */
function setSegments(rows: readonly (Link | RaisedRow)[], segment: Segment | null): () => void {
  const before = rows.map((r) => r.segment);
  for (const r of rows) r.segment = segment;
  return () => rows.forEach((r, i) => void (r.segment = before[i]));
}

function plantMinorityWithSmallerCode(planter: Planter, table: SegmentRows): void {
  const { world } = planter;
  let smaller: Segment | undefined;
  let own: Segment | null = null;
  const p = planter.firstKeepingPlants(
    planter.candidates((q) => table.rows(q).length >= 3),
    (q) => {
      const sole = soleSegment(table, q);
      own = sole;
      // The smallest code of all: the one a "smallest code" reading would pick.
      smaller = sole === null ? undefined : world.segments.filter((s) => s.code < sole.code).sort((a, b) => (a.code < b.code ? -1 : 1))[0];
      if (smaller === undefined) return undefined;
      return setSegments(table.rows(q).slice(0, 1), smaller);
    },
  );
  if (p === undefined || smaller === undefined || own === null) return;
  const n = table.rows(p).length;
  world.boundaries.push({
    pronacs: [p.pronac],
    rule: `segment (spec §3): ${table.metrics}`,
    case: `${table.table}: 1 of its ${n} rows under segment "${smaller.code}", which sorts before its own "${(own as Segment).code}": the most frequent code wins, not the smallest`,
  });
}

function plantMostlyWithoutSegment(planter: Planter, table: SegmentRows): void {
  const p = planter.firstKeepingPlants(
    planter.candidates((q) => table.rows(q).length === 3 && soleSegment(table, q) !== null),
    (q) => {
      const rows = table.rows(q).slice(0, 2);
      const undoSegments = setSegments(rows, null);
      if (table !== RECEIPT_ROWS) return undoSegments;
      const links = rows as Link[];
      const providers = links.map((l) => [l.provider, l.providerName] as const);
      for (const l of links) (l.provider = NO_PROVIDER), (l.providerName = "");
      return () => {
        undoSegments();
        links.forEach((l, i) => ([l.provider, l.providerName] = providers[i] as (typeof providers)[number]));
      };
    },
  );
  if (p === undefined) return;
  const kept = table.segmentOf(p, table.rows(p)[2] as Link | RaisedRow) as Segment;
  planter.world.boundaries.push({
    pronacs: [p.pronac],
    rule: `segment (spec §3): ${table.metrics}`,
    case:
      `${table.table}: 2 of its 3 rows with the segment empty` +
      (table === RECEIPT_ROWS ? " (and no provider)" : "") +
      `: not counted, so its segment is its other row's "${kept.code}"`,
  });
}
