import { readFileSync } from "node:fs";
import { extname } from "node:path";
import pl from "nodejs-polars";
import { DataError } from "../data/errors.js";
import { EXPORT_COLUMNS } from "../feedback/export.js";
import { lineOfRow } from "../data/records.js";
import { isMetricId, METRIC_IDS } from "../metrics/catalog.js";

/** The columns of `salic-ml feedback export`, in its order. */
export const FEEDBACK_EXPORT_COLUMNS = EXPORT_COLUMNS;

/** One entry of a feedback export: a metric's judgement (metrica + avaliacao) or a project's grade (nota). */
export interface FeedbackExportEntry {
  pronac: string;
  metrica: string | null;
  avaliacao: "util" | "falso_alarme" | null;
  nota: number | null;
  comentario: string;
  analista: string;
  quando: string;
}

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
type Raw = Record<(typeof FEEDBACK_EXPORT_COLUMNS)[number], string | null>;

/**
 * Reads a feedback export, CSV or JSON by its extension (`.json` is JSON),
 * and checks every entry: the exact columns, a PRONAC, a catalog metric with
 * `util`/`falso_alarme` or a grade 1–5 (not both), an analyst and an ISO 8601
 * UTC time.
 *
 * @throws DataError naming the file, line (CSV) or entry (JSON), column and what was expected.
 */
export function readFeedbackExport(path: string): FeedbackExportEntry[] {
  const bytes = readFileSync(path);
  if (extname(path).toLowerCase() === ".json") {
    const parsed: unknown = JSON.parse(bytes.toString("utf8"));
    if (!Array.isArray(parsed)) throw new DataError({ file: path }, "expected a JSON array of feedback entries");
    return parsed.map((item: unknown, i) => {
      const where = { file: path, row: i + 1 };
      if (item === null || typeof item !== "object" || Array.isArray(item)) throw new DataError(where, "expected an object");
      const keys = Object.keys(item);
      if (keys.join(",") !== FEEDBACK_EXPORT_COLUMNS.join(",")) {
        throw new DataError(where, `expected the keys ${FEEDBACK_EXPORT_COLUMNS.join(", ")}, got ${keys.join(", ")}`);
      }
      const raw = Object.fromEntries(Object.entries(item).map(([k, v]) => [k, v === null ? null : String(v)])) as Raw;
      return checkEntry(raw, (column) => ({ ...where, column }));
    });
  }
  const frame = pl.readCSV(bytes, { hasHeader: true, inferSchemaLength: 0, quoteChar: '"', sep: ",", nullValues: "" });
  if (frame.columns.join(",") !== FEEDBACK_EXPORT_COLUMNS.join(",")) {
    throw new DataError({ file: path, line: 1 }, `expected the header ${FEEDBACK_EXPORT_COLUMNS.join(",")}, got ${frame.columns.join(",")}`);
  }
  return (frame.toRecords() as Raw[]).map((raw, i) => checkEntry(raw, (column) => ({ file: path, line: lineOfRow(bytes, i) ?? i + 2, column })));
}

function checkEntry(raw: Raw, at: (column: string) => { file: string; column: string }): FeedbackExportEntry {
  const fail = (column: keyof Raw, expected: string): never => {
    throw new DataError({ ...at(column), value: raw[column] ?? "" }, `expected ${expected}, got ${JSON.stringify(raw[column] ?? "")}`);
  };
  if (!raw.pronac) fail("pronac", "a PRONAC");
  if (!raw.analista) fail("analista", "the analyst's name");
  if (raw.quando === null || !ISO_UTC.test(raw.quando) || Number.isNaN(Date.parse(raw.quando))) fail("quando", "an ISO 8601 UTC time such as 2026-12-03T14:55:00.000Z");
  const entry = { pronac: raw.pronac!, comentario: raw.comentario ?? "", analista: raw.analista!, quando: raw.quando! };
  if (raw.nota !== null) {
    if (!/^[1-5]$/.test(raw.nota)) fail("nota", "a grade from 1 to 5");
    if (raw.metrica !== null || raw.avaliacao !== null) fail(raw.metrica !== null ? "metrica" : "avaliacao", "nothing beside a project's grade");
    return { ...entry, metrica: null, avaliacao: null, nota: Number(raw.nota) };
  }
  if (raw.metrica === null || !isMetricId(raw.metrica)) fail("metrica", "a metric id of the catalog (or a grade in nota)");
  if (raw.avaliacao !== "util" && raw.avaliacao !== "falso_alarme") fail("avaliacao", '"util" or "falso_alarme"');
  return { ...entry, metrica: raw.metrica, avaliacao: raw.avaliacao as "util" | "falso_alarme", nota: null };
}

/** What the analysts said of one metric's flags. */
export type FeedbackSummary = {
  metrica: string;
  entradas: number;
  util: number;
  falso_alarme: number;
  /** util / entradas, null without entries. */
  "share util": number | null;
  /** 95 % Wilson score interval of the share, null without entries: a handful of judgements says little. */
  "95% low": number | null;
  "95% high": number | null;
};

const Z95 = 1.959963984540054;

/** The 95 % Wilson score interval of `successes` out of `n` (n > 0). */
export function wilsonInterval(successes: number, n: number): [number, number] {
  const p = successes / n;
  const z2 = Z95 * Z95;
  const scale = 1 + z2 / n;
  const center = (p + z2 / (2 * n)) / scale;
  const half = (Z95 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / scale;
  return [Math.max(0, center - half), Math.min(1, center + half)];
}

/** Per catalog metric (catalog order, every metric): how often its flags were judged useful or false alarms. */
export function feedbackByMetric(entries: readonly FeedbackExportEntry[]): FeedbackSummary[] {
  return METRIC_IDS.map((metrica) => {
    const own = entries.filter((e) => e.metrica === metrica);
    const util = own.filter((e) => e.avaliacao === "util").length;
    const [low, high] = own.length === 0 ? [null, null] : wilsonInterval(util, own.length);
    return { metrica, entradas: own.length, util, falso_alarme: own.length - util, "share util": own.length === 0 ? null : util / own.length, "95% low": low, "95% high": high };
  });
}
