/**
 * `tsx scripts/ipynb-textconv.ts NOTEBOOK.ipynb`: the notebook as text that
 * diffs like code, for git's "ipynb" diff driver (scripts/setup.sh sets
 * `diff.ipynb.textconv` to run this; .gitattributes sends *.ipynb to it).
 *
 * Each cell is a `## cell N (...)` heading and its source; each output a
 * `### output N: type` heading and its text (streams, text/* data, errors);
 * images and other binary or JSON data become one line with their size and
 * a short sha256, so a changed figure shows as one changed line instead of
 * a screen of base64. A file that is not JSON (say, mid-merge) is printed
 * as it is.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { cellTags, joinLines, sourceText, type Notebook, type NotebookCell, type NotebookOutput } from "../src/jupyter/types.js";

/** Non-text/* MIME types whose string values are text, not base64 (as nbformat stores them). */
const TEXT_VALUED = new Set(["image/svg+xml", "application/javascript"]);

const path = process.argv[2];
if (path === undefined) {
  console.error("usage: ipynb-textconv NOTEBOOK.ipynb");
  process.exit(2);
}
const text = readFileSync(path, "utf8");
let nb: Notebook | undefined;
try {
  nb = JSON.parse(text) as Notebook;
} catch {
  nb = undefined;
}
process.stdout.write(nb !== undefined && Array.isArray(nb.cells) ? notebookText(nb) : text);

function notebookText(nb: Notebook): string {
  return nb.cells.map((cell, i) => cellText(cell, i + 1)).join("\n");
}

function cellText(cell: NotebookCell, n: number): string {
  const about = [cell.cell_type];
  if (cell.cell_type === "code") about.push(`In [${cell.execution_count ?? " "}]`);
  const tags = cellTags(cell);
  if (tags.length > 0) about.push(`tags: ${tags.join(", ")}`);
  const lines = [`## cell ${n} (${about.join(", ")})`, ...block(sourceText(cell))];
  for (const [name, bundle] of Object.entries(cell.attachments ?? {})) {
    for (const [mime, value] of Object.entries((bundle ?? {}) as Record<string, unknown>)) lines.push(dataLine(`attachment ${name} ${mime}`, mime, value));
  }
  (cell.outputs ?? []).forEach((output, j) => lines.push(...outputText(output, j + 1)));
  return lines.map((l) => `${l}\n`).join("");
}

function outputText(output: NotebookOutput, n: number): string[] {
  if (output.output_type === "stream") return [`### output ${n}: stream ${output.name ?? ""}`.trimEnd(), ...block(joinLines(output.text))];
  if (output.output_type === "error") {
    // Tracebacks carry the kernel's terminal colours.
    // eslint-disable-next-line no-control-regex
    const plain = (s: string) => s.replace(/\u001b\[[0-9;]*[A-Za-z]/g, "");
    // The traceback starts with "ename: evalue" already; a bare error has only those.
    const traceback = output.traceback ?? [];
    return [`### output ${n}: error`, ...(traceback.length > 0 ? traceback.flatMap((t) => block(plain(t))) : [plain(`${output.ename ?? ""}: ${output.evalue ?? ""}`)])];
  }
  const lines = [`### output ${n}: ${output.output_type}`];
  const data = output.data ?? {};
  const mimes = Object.keys(data).sort();
  // Binary and JSON data first, then the readable text under its MIME type.
  for (const mime of mimes) if (!mime.startsWith("text/")) lines.push(dataLine(mime, mime, data[mime]));
  for (const mime of mimes) if (mime.startsWith("text/")) lines.push(`${mime}:`, ...block(joinLines(data[mime] as string | string[])));
  return lines;
}

/** `[label: N bytes, sha256 0123456789ab]` of the data's bytes (base64 decoded, or the JSON or text as UTF-8). */
function dataLine(label: string, mime: string, value: unknown): string {
  const isText = typeof value === "string" || (Array.isArray(value) && value.every((l) => typeof l === "string"));
  const bytes = !isText
    ? Buffer.from(JSON.stringify(value), "utf8")
    : Buffer.from(joinLines(value as string | string[]), TEXT_VALUED.has(mime) || mime.startsWith("text/") ? "utf8" : "base64");
  return `[${label}: ${bytes.length} bytes, sha256 ${createHash("sha256").update(bytes).digest("hex").slice(0, 12)}]`;
}

/** Text as lines, without the empty line a final "\n" would leave. */
function block(text: string): string[] {
  if (text === "") return [];
  return text.replace(/\n$/, "").split("\n");
}
