import { cellTags, sourceText, type Notebook, type NotebookCell } from "./types.js";

/** Tag of the cell holding a notebook's parameters. */
export const PARAMETERS_TAG = "parameters";
/** Tag of the cell `injectParameters` adds after it. */
export const INJECTED_TAG = "injected-parameters";

const DECLARATION = /^(?:const|let)\s+([A-Za-z_$][\w$]*)\s*(?::[^=]+)?=\s*(.+?)\s*;?\s*$/;

/**
 * The index of the notebook's one code cell tagged `parameters`; the error
 * says what is wrong (none, several, not code).
 */
export function parametersCellIndex(nb: Notebook): number {
  const tagged = nb.cells.flatMap((c, i) => (cellTags(c).includes(PARAMETERS_TAG) ? [i] : []));
  if (tagged.length === 0) throw new Error(`no cell tagged "${PARAMETERS_TAG}"`);
  if (tagged.length > 1) throw new Error(`${tagged.length} cells tagged "${PARAMETERS_TAG}" (cells ${tagged.map((i) => i + 1).join(", ")}); expected one`);
  const index = tagged[0]!;
  if (nb.cells[index]!.cell_type !== "code") throw new Error(`cell ${index + 1} is tagged "${PARAMETERS_TAG}" but is not a code cell`);
  return index;
}

/**
 * Reads a parameters cell: one declaration per line, `const name = <JSON
 * literal>;` (a type annotation is allowed, `let` too), plus blank lines and
 * `//` comments. Values are JSON so that the cell can be read without a
 * TypeScript compiler and rewritten exactly.
 */
export function parseParameters(source: string): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  source.split("\n").forEach((raw, i) => {
    const line = raw.trim();
    if (line === "" || line.startsWith("//")) return;
    const m = DECLARATION.exec(line);
    if (m === null) throw new Error(`parameters line ${i + 1}: expected \`const name = <JSON value>;\`, got ${JSON.stringify(line)}`);
    const [, name, literal] = m as unknown as [string, string, string];
    if (Object.prototype.hasOwnProperty.call(params, name)) throw new Error(`parameters line ${i + 1}: ${name} is declared twice`);
    try {
      params[name] = JSON.parse(literal);
    } catch {
      throw new Error(`parameters line ${i + 1}: the value of ${name} is not a JSON literal (strings take double quotes): ${literal}`);
    }
  });
  return params;
}

/** The parameters a notebook declares (its `parameters` cell). */
export function notebookParameters(nb: Notebook): Record<string, unknown> {
  return parseParameters(sourceText(nb.cells[parametersCellIndex(nb)]!));
}

/**
 * Papermill-style injection: a copy of the notebook with, right after the
 * `parameters` cell, a code cell tagged `injected-parameters` that declares
 * the given values again (tslab lets a later cell redeclare a `const`). An
 * earlier injected cell is replaced. Every name must be declared in the
 * parameters cell, so a typo cannot pass silently.
 */
export function injectParameters(nb: Notebook, values: Readonly<Record<string, unknown>>): Notebook {
  const declared = notebookParameters(nb);
  const lines = ["// Injected by executeNotebook: these values replace the parameters cell's."];
  for (const [name, value] of Object.entries(values)) {
    if (!Object.prototype.hasOwnProperty.call(declared, name)) {
      throw new Error(`parameter ${name} is not declared in the parameters cell (declared: ${Object.keys(declared).join(", ") || "none"})`);
    }
    lines.push(`const ${name} = ${jsonLiteral(value, name)};`);
  }
  const cells = nb.cells.filter((c) => !cellTags(c).includes(INJECTED_TAG));
  const at = parametersCellIndex({ ...nb, cells });
  const injected: NotebookCell = {
    cell_type: "code",
    execution_count: null,
    metadata: { tags: [INJECTED_TAG] },
    outputs: [],
    source: lines.join("\n"),
  };
  return { ...nb, cells: [...cells.slice(0, at + 1), injected, ...cells.slice(at + 1)] };
}

function jsonLiteral(value: unknown, name: string): string {
  const ok = (v: unknown): boolean =>
    v === null ||
    typeof v === "string" ||
    typeof v === "boolean" ||
    (typeof v === "number" && Number.isFinite(v)) ||
    (Array.isArray(v) && v.every(ok)) ||
    (typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype && Object.values(v as object).every(ok));
  if (!ok(value)) throw new Error(`parameter ${name}: value must be JSON (finite numbers, strings, booleans, null, arrays, objects)`);
  return JSON.stringify(value);
}

/**
 * One `-p name=value` of the command line, as papermill reads it: the value
 * is JSON when it parses as JSON (`n=3`, `flag=true`, `dirs=["a","b"]`),
 * else the text itself (`dataDir=/tmp/amostra`).
 */
export function parseParameterAssignment(text: string): [string, unknown] {
  const at = text.indexOf("=");
  const name = at < 0 ? "" : text.slice(0, at);
  if (!/^[A-Za-z_$][\w$]*$/.test(name)) throw new Error(`-p expects name=value, got ${JSON.stringify(text)}`);
  const raw = text.slice(at + 1);
  try {
    return [name, JSON.parse(raw)];
  } catch {
    return [name, raw];
  }
}

/**
 * Which of `values` differ from what the notebook's parameters cell assigns
 * (compared as JSON). Throws, naming the parameter and `shown` (the
 * notebook), when one is not assigned there.
 */
export function changedParameters(nb: Notebook, values: Readonly<Record<string, unknown>>, shown: string): string[] {
  let declared: Record<string, unknown>;
  try {
    declared = notebookParameters(nb);
  } catch (error) {
    throw new Error(`${shown}: ${(error as Error).message}, so it takes no parameters`);
  }
  const changed: string[] = [];
  for (const [name, value] of Object.entries(values)) {
    if (!Object.prototype.hasOwnProperty.call(declared, name)) {
      throw new Error(`parameter ${name} is not assigned in the parameters cell of ${shown} (assigned: ${Object.keys(declared).join(", ") || "none"})`);
    }
    if (JSON.stringify(value) !== JSON.stringify(declared[name])) changed.push(name);
  }
  return changed;
}
