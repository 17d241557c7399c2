/** The README.md written beside each generated sample. */
import type { SampleOptions } from "./args.js";
import type { Boundary, MetricId } from "./model.js";

/** Row counts of one run, for the README. */
export interface RunCounts {
  readonly rows: Readonly<Record<string, number>>;
  readonly segments: number;
  readonly planted: Readonly<Record<MetricId, readonly string[]>>;
  readonly boundaries: readonly Boundary[];
}

/** README text: what the folder holds, how it was made, how to regenerate it. */
export function readmeText(options: Pick<SampleOptions, "seed" | "projects" | "scale">, counts: RunCounts): string {
  const command =
    options.scale === "national"
      ? `npm run samples -- --scale national --seed ${options.seed}`
      : `npm run samples -- --seed ${options.seed} --projects ${options.projects}`;
  const rows = Object.entries(counts.rows)
    .map(([file, n]) => `| ${file} | ${n} |`)
    .join("\n");
  const planted = Object.entries(counts.planted)
    .map(([metric, list]) => `| ${metric} | ${list.length} |`)
    .join("\n");
  const boundaries = counts.boundaries
    .map((b) => `| ${b.pronacs.join(", ")} | ${b.rule} | ${b.case.replace(/\|/g, "\\|")} |`)
    .join("\n");
  return `# Synthetic Salic sample (seed ${options.seed}, ${options.projects} projects)

Generated data in the Salic schema (spec §2), not real projects. Regenerate it,
byte for byte, with:

\`\`\`
${command}
\`\`\`

(\`npm run samples\` alone uses seed 42, 400 projects and writes data-samples/.)

| file | rows |
|---|---|
${rows}

${counts.segments} segments. \`manifest.json\` holds the sha256 of each CSV and of
\`ground-truth.json\`.

## What is in it

- Segments with alphanumeric codes ("11", "4B", "6E", "2A"…) of very different
  sizes, the last few with only 1–2 budget projects (std undefined there; two
  of them are filled with the boundary cases below).
- Log-normal money and line counts, each segment with its own line-count
  distribution, catalogue and price level; a few unit prices with 3 decimals
  and some approved at 0.
- Budget lines dated before and after 2013-01-01 (the preco_itens cut), a few
  lines filed under another segment than the rest of their project, and a
  few projects whose idProduto is written with ".0" ("17.0": ints may be
  written so, spec §2).
- Projects without budget, without receipts, without raised funds; PRONACs with
  budget rows but no planilha_projetos row (they count in segment statistics).
- PRONAC = 2-digit year + 4–5 digit sequence, always a string: "000014" (year
  2000, sequence 14) and others of 2000–2009 keep their leading zeros. No
  "14"-style PRONAC is written: real PRONACs have 6–7 characters, and the
  generator never makes two PRONACs equal as numbers.
- Tax ids as opaque strings: 11-digit CPFs, 14-digit CNPJs, a few 19-digit
  hashed ids ("-8571903399542239214"); proponents with several projects;
  providers and sponsors reused across projects.
- Receipts that pay several lines; tpFormaDePagamento "1", "2", "3", "0",
  empty, "1.0", "2.0"; some receipt links at exactly 150 % of their line
  (never outliers); some projects whose raised total equals the proven total.
- Item and provider names with accents, commas, double quotes, and one item
  with a line break (RFC 4180 quoted).

## Ground truth

\`ground-truth.json\` is \`{"seed": N, "anomalies": {"<metric id>": ["<PRONAC>", …]}}\`,
every metric of spec §4 in spec order, PRONACs sorted as strings: the projects
the generator made anomalous on that metric. Before writing, the generator
checks each of them against the spec's rule and fails if one is not flagged.
Projects that are outliers naturally are not listed (a precision below 1 is a
finding, not a bug). A project planted on valor_comprovado had its whole budget
scaled up, so it is listed under valor_aprovado too; projetos_mesmo_proponente
projects are comprovante_transferencia/saque plants whose proponent also has
three projects with no rows elsewhere.

A few projects are "Muito complexo" (complexidade > 6, spec §5): each has a
shared transfer receipt, a shared cash-withdrawal receipt and raised money not
proven (15/22 → 6.8), every second one also a link above 150 % (17/22 → 7.7),
and is listed under each of those metrics. The generator checks that their
complexidade, computed from the spec's rules, is above 6.

| metric | planted |
|---|---|
${planted}

## Feedback export

\`feedback/exportacao.csv\` is a synthetic export of the analysts' feedback, in
the format of \`salic-ml feedback export --format csv\`
(\`pronac,metrica,avaliacao,nota,comentario,analista,quando\`), for notebook 12:
on six metrics, flags of planted projects mostly judged \`util\` and natural
flags mostly \`falso_alarme\`, a few project grades (\`nota\` 1–5), a comment
holding a tax id (masked, as the server stores it) and empty comments.
\`npm run samples\` rewrites it from the same seed (scripts/samples/feedback.ts);
it is not in \`manifest.json\`.

## Boundary cases

The gate proves only what the sample exercises: where a rule and its
off-by-one twin (\`>\` for \`>=\`, sample for population std, a day earlier…)
would give different answers, a case is planted at the edge
(scripts/samples/plant-boundaries.ts). Those that are anomalies are also in
the ground truth. Also present elsewhere: links at exactly 150 % of their line,
raised totals equal to proven ones (valor_a_ser_comprovado 0), one- and
two-project segments, proponents with three other projects.

| PRONAC | rule | case |
|---|---|---|
${boundaries || "| — | — | none planted at this size |"}
`;
}
