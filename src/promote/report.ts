import type { Difference } from "./compare.js";
import type { Verdict } from "./gate.js";
import type { Staleness } from "./check.js";
import { maskTaxIdsInText } from "../util/tax-id.js";

/** How many differing projects a disagreement shows side by side. */
const SHOWN_DIFFERENCES = 5;

/**
 * The gate's summary: a table of every verdict, then why each refused metric
 * was refused. With `{ recorded: false }` (a database run, which writes no
 * record) a metric that agrees reads "agrees", not "promoted".
 */
export function formatSummary(verdicts: readonly Verdict[], options: { recorded?: boolean } = {}): string {
  const agreed = options.recorded === false ? "agrees" : "promoted";
  const rows = verdicts.map((v) => [
    v.metric,
    v.comparison ? String(v.comparison.compared) : "-",
    v.comparison ? v.comparison.maxAbsDiff.toExponential(2) : "-",
    v.comparison ? v.comparison.maxRelDiff.toExponential(2) : "-",
    v.fresh === true ? "fresh (skipped)" : v.ok ? agreed : "REFUSED",
  ]);
  const lines = [alignedTable(["metric", "compared", "max abs diff", "max rel diff", "verdict"], rows)];
  for (const v of verdicts.filter((x) => !x.ok)) {
    lines.push("", `${v.metric}: ${v.reason ?? "refused"}`);
    const c = v.comparison;
    if (c === undefined) continue;
    if (c.onlyInNotebook.length > 0) lines.push(`  only in the notebook (${c.onlyInNotebook.length}): ${preview(c.onlyInNotebook)}`);
    if (c.onlyInModule.length > 0) lines.push(`  only in the module (${c.onlyInModule.length}): ${preview(c.onlyInModule)}`);
    if (c.differences.length > 0) {
      lines.push(`  ${c.differences.length} differing field(s), tolerance abs ${v.tolerance?.abs} rel ${v.tolerance?.rel}; first:`);
      lines.push(indent(alignedTable(["pronac", "field", "notebook", "module"], c.differences.slice(0, SHOWN_DIFFERENCES).map(differenceRow))));
    }
  }
  return lines.join("\n");
}

/** The staleness report, ending with the command that re-promotes. */
export function formatStaleness(stale: readonly Staleness[]): string {
  const lines = stale.map((s) => `${s.metric}:\n${s.changes.map((c) => `  - ${c}`).join("\n")}`);
  const metrics = stale.map((s) => s.metric).filter((m) => !m.startsWith("("));
  lines.push("", `Re-promote with: npm run promote${metrics.length > 0 ? ` -- ${metrics.join(" ")}` : ""}`);
  return lines.join("\n");
}

function differenceRow(d: Difference): string[] {
  return [d.pronac, d.field, short(d.notebook), short(d.module)];
}

/**
 * A published or computed value as a message shows it: JSON with its tax ids
 * masked (details list providers' CPF/CNPJ, which are never shown, LGPD),
 * clipped to `chars` characters.
 */
export function shownValue(value: unknown, chars: number): string {
  const text = value === undefined ? "(absent)" : maskTaxIdsInText(JSON.stringify(value));
  return text.length > chars ? `${text.slice(0, chars - 1)}…` : text;
}

function short(value: unknown): string {
  return shownValue(value, 60);
}

function preview(pronacs: readonly string[]): string {
  return pronacs.slice(0, 10).join(", ") + (pronacs.length > 10 ? ", ..." : "");
}

function indent(text: string): string {
  return text.split("\n").map((l) => `    ${l}`).join("\n");
}

/** A plain-text table with columns padded to their widest cell. */
export function alignedTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}
