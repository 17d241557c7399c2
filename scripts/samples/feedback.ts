/**
 * A synthetic export of the analysts' feedback (`salic-ml feedback export`'s
 * CSV), so that notebook 12 runs in CI without a live service. Analysts judge
 * the projects a metric flags: a flag on a planted project is mostly found
 * useful, a flag the rule raises naturally mostly a false alarm, so the share
 * judged useful follows the rule's precision, which notebook 12 sets beside it. Seeded, so
 * `npm run samples` rewrites it byte for byte.
 */
import { join } from "node:path";
import { EXPORT_COLUMNS } from "../../src/feedback/export.js";
import { csvField } from "../../src/output/csv.js";
import { writeFilesAtomic } from "../../src/util/atomic.js";
import { byCodeUnit } from "../../src/util/order.js";
import { maskTaxIdsInText } from "../../src/util/tax-id.js";
import type { MetricId, Project, World } from "./model.js";
import { createRng, mixSeed } from "./prng.js";
import { flaggedBy } from "./rules.js";
import { type WrittenFile, writeText } from "./write.js";

/** The export's columns, in the order `salic-ml feedback export` writes them. */
const COLUMNS = EXPORT_COLUMNS;

/** Where the export goes, under the sample's folder. */
export const FEEDBACK_FOLDER = "feedback";
export const FEEDBACK_FILE = "exportacao.csv";

// A few metrics of each kind (event-based, Gaussian, noisy), so the report has contrast.
const JUDGED: readonly MetricId[] = [
  "comprovante_transferencia",
  "comprovantes_acima_50",
  "itens_orcamentarios",
  "valor_comprovado",
  "valor_a_ser_comprovado",
  "novos_fornecedores",
];
const PER_METRIC = 6;
const ANALYSTS = ["Ana Ribeiro", "Bruno Carvalho", "Carla Menezes"];
const SALT = 0x14feed;
const START = Date.UTC(2026, 10, 2, 12, 0, 0);

interface Entry {
  pronac: string;
  metrica: string | null;
  avaliacao: "util" | "falso_alarme" | null;
  nota: number | null;
  comentario: string;
}

function comment(rng: ReturnType<typeof createRng>, useful: boolean, project: Project): string {
  if (rng.chance(0.4)) return "";
  return useful
    ? rng.pick(["Confirmado na prestação de contas.", "Vale diligência, encaminhado.", "Indício consistente com os comprovantes."])
    : rng.pick([`Situação "${project.situation}" explica o valor.`, "Normal para o porte do projeto.", "Já esclarecido pelo proponente, sem irregularidade."]);
}

/** The export's entries: per judged metric, flags on planted projects and natural ones; some project grades. */
export function feedbackEntries(world: World): Entry[] {
  const rng = createRng(mixSeed(world.seed, SALT));
  const flags = flaggedBy(world.projects);
  const entries: Entry[] = [];
  const graded: Project[] = [];
  for (const metrica of JUDGED) {
    const planted = world.planted.get(metrica) ?? new Set<Project>();
    const flagged = [...(flags.get(metrica) ?? [])].filter((p) => p.listed).sort((a, b) => byCodeUnit(a.pronac, b.pronac));
    // The flags an analyst meets are a random few of the metric's: planted and natural ones in the rule's own proportion.
    const picks: Project[] = [];
    while (picks.length < Math.min(PER_METRIC, flagged.length)) {
      const p = rng.pick(flagged);
      if (!picks.includes(p)) picks.push(p);
    }
    for (const project of picks) {
      const useful = rng.chance(planted.has(project) ? 0.85 : 0.25);
      entries.push({ pronac: project.pronac, metrica, avaliacao: useful ? "util" : "falso_alarme", nota: null, comentario: comment(rng, useful, project) });
      if (!graded.includes(project) && rng.chance(0.3)) graded.push(project);
    }
  }
  for (const project of graded) entries.push({ pronac: project.pronac, metrica: null, avaliacao: null, nota: rng.int(1, 5), comentario: "" });
  // A comment naming a provider by its tax id: the server masks it before storing, so the export holds it masked.
  const withId = entries.find((e) => e.metrica === "comprovante_transferencia")!;
  const provider = world.projects.find((p) => p.pronac === withId.pronac)!.links[0]!.provider.taxId;
  withId.comentario = maskTaxIdsInText(`Fornecedor ${provider} recebe por dois itens no mesmo comprovante.`);
  return entries;
}

/** The export's CSV text as the service writes it: header, one row per entry in time order, RFC 4180 with CRLF line ends, empty field for null. */
export function feedbackCsv(world: World): string {
  const rng = createRng(mixSeed(world.seed, SALT + 1));
  let when = START;
  const rows = feedbackEntries(world).map((e) => {
    when += rng.int(5, 240) * 60_000;
    const row = { ...e, analista: rng.pick(ANALYSTS), quando: new Date(when).toISOString() };
    return COLUMNS.map((c) => csvField(row[c])).join(",");
  });
  return `${[COLUMNS.join(","), ...rows].join("\r\n")}\r\n`;
}

/** Writes `<out>/feedback/exportacao.csv` atomically and returns its record (name relative to `out`). */
export function writeFeedbackSample(out: string, world: World): WrittenFile {
  const [file] = writeFilesAtomic(join(out, FEEDBACK_FOLDER), (dir) => [writeText(dir, FEEDBACK_FILE, feedbackCsv(world))]);
  return { ...file!, name: `${FEEDBACK_FOLDER}/${FEEDBACK_FILE}` };
}
