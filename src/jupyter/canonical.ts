import { createHash } from "node:crypto";
import { byCodePoint } from "../util/order.js";
import { stringifySorted } from "./json.js";
import { joinLines, sourceText, type Notebook, type NotebookCell, type NotebookOutput } from "./types.js";

/** Kernelspec every committed notebook names (the one scripts/setup.sh installs). */
export const KERNELSPEC = { display_name: "TypeScript (tslab)", language: "typescript", name: "tslab" } as const;

/** language_info exactly as tslab 1.0.22 reports it, fixed so re-runs do not rewrite it. */
export const LANGUAGE_INFO = {
  codemirror_mode: { mode: "typescript", name: "javascript", typescript: true },
  file_extension: ".ts",
  mimetype: "text/typescript",
  name: "typescript",
  version: "3.7.2",
} as const;

const NOTEBOOK_METADATA_KEPT = ["title", "authors"];
const CELL_METADATA_KEPT = ["tags", "jupyter", "editable", "deletable", "slideshow"];
const SPLIT_MIMES = new Set(["application/javascript", "image/svg+xml"]);

/**
 * The canonical form of a notebook, so that re-executing an unchanged
 * notebook gives an identical file: nbformat 4.5; fixed kernelspec and
 * language_info; no execution timestamps or other volatile metadata; cell
 * ids from the cell's position (`cell-1`, …); execution counts 1..n over
 * the code cells that ran, in order (a cell that never ran keeps null);
 * consecutive stream outputs of one stream merged (the kernel's chunking
 * varies between runs); multi-line strings as lists of lines, as Jupyter
 * writes them.
 */
export function canonicalNotebook(nb: Notebook): Notebook {
  const metadata: Record<string, unknown> = { kernelspec: { ...KERNELSPEC }, language_info: structuredClone(LANGUAGE_INFO) };
  for (const key of NOTEBOOK_METADATA_KEPT) if (nb.metadata?.[key] !== undefined) metadata[key] = nb.metadata[key];
  let count = 0;
  const cells = nb.cells.map((cell, i) => {
    const base = { id: `cell-${i + 1}`, cell_type: cell.cell_type, metadata: cellMetadata(cell), source: splitLines(sourceText(cell)) };
    if (cell.cell_type !== "code") return cell.attachments !== undefined ? { ...base, attachments: cell.attachments } : base;
    // A cell that never ran (count null) stays visibly unexecuted; blank cells never run.
    const ran = sourceText(cell).trim() !== "" && typeof cell.execution_count === "number";
    const n = ran ? ++count : null;
    return { ...base, execution_count: n, outputs: sourceText(cell).trim() !== "" ? canonicalOutputs(cell.outputs ?? [], n) : [] };
  });
  return { cells, metadata, nbformat: 4, nbformat_minor: 5 };
}

/** The canonical file text: sorted keys, one-space indent, trailing newline. */
export function serializeNotebook(nb: Notebook): string {
  return `${stringifySorted(canonicalNotebook(nb), 1)}\n`;
}

/**
 * sha256 (hex) of what a notebook says, not what it printed: each cell's
 * type and source, in order. Unchanged by re-execution or canonicalization.
 */
export function notebookSourceHash(nb: Notebook): string {
  const cells = nb.cells.map((c) => [c.cell_type, sourceText(c)]);
  return createHash("sha256").update(JSON.stringify(cells)).digest("hex");
}

/** Splits text into lines that keep their "\n", as the .ipynb format stores multi-line strings. */
export function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

function cellMetadata(cell: NotebookCell): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of CELL_METADATA_KEPT) {
    const value = cell.metadata?.[key];
    if (value === undefined) continue;
    if (key === "tags") {
      const tags = Array.isArray(value) ? [...new Set(value.filter((t): t is string => typeof t === "string"))] : [];
      if (tags.length > 0) out[key] = tags;
    } else out[key] = value;
  }
  return out;
}

function canonicalOutputs(outputs: readonly NotebookOutput[], count: number | null): NotebookOutput[] {
  const out: NotebookOutput[] = [];
  for (const o of outputs) {
    if (o.output_type === "stream") {
      const text = joinLines(o.text);
      const last = out[out.length - 1];
      if (last?.output_type === "stream" && last.name === o.name) last.text = joinLines(last.text) + text;
      else out.push({ name: o.name, output_type: "stream", text });
    } else if (o.output_type === "display_data" || o.output_type === "execute_result") {
      out.push({
        data: canonicalData(o.data ?? {}),
        metadata: o.metadata ?? {},
        output_type: o.output_type,
        ...(o.output_type === "execute_result" ? { execution_count: count } : {}),
      });
    } else if (o.output_type === "error") {
      out.push({ ename: o.ename ?? "", evalue: o.evalue ?? "", output_type: "error", traceback: o.traceback ?? [] });
    }
  }
  for (const o of out) if (o.output_type === "stream") o.text = splitLines(joinLines(o.text));
  return out;
}

function canonicalData(data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const mime of Object.keys(data).sort(byCodePoint)) {
    const value = data[mime];
    const isJson = mime === "application/json" || (mime.startsWith("application/") && mime.endsWith("+json"));
    const text = Array.isArray(value) && value.every((l) => typeof l === "string") ? value.join("") : value;
    if (isJson) out[mime] = value;
    else if (typeof text === "string" && (mime.startsWith("text/") || SPLIT_MIMES.has(mime))) out[mime] = splitLines(text);
    else out[mime] = text;
  }
  return out;
}
