/**
 * Plans the projects: who has a budget, receipts and raised funds, segment,
 * year and PRONAC, proponent, name, dates and planned number of budget lines.
 * Rows are generated later (lines.ts, receipts.ts, raised.ts).
 */
import { dayOf, formatDateTime, formatDay } from "./csv.js";
import type { City, Project, Segment } from "./model.js";
import type { Profile } from "./profile.js";
import type { Rng } from "./prng.js";
import { cumulative } from "./prng.js";
import { ADMIN_PRODUCT, CITY_LIST, shuffled, TaxIds } from "./world.js";
import { PROJECT_SUBJECTS, PROJECT_THEMES, SITUATIONS } from "./vocabulary.js";

const SUBTITLES = ["Raízes", "Vozes do Sertão", "Cidade Aberta", "Memória Viva", "Mar de Dentro", "Coração de Mãe"];
const LAST_DAY = dayOf(2019, 12, 31);

/** PRONAC = AnoProjeto (2 digits) + Sequencial (4 digits, 5 from 10000 on), as a string. */
export function pronacOf(year: number, sequence: number): string {
  return `${String(year % 100).padStart(2, "0")}${String(sequence).padStart(4, "0")}`;
}

function projectName(rng: Rng, year: number, city: City): string {
  const base = `${rng.pick(PROJECT_THEMES)} ${rng.pick(PROJECT_SUBJECTS)}`;
  const r = rng.next();
  if (r < 0.4) return base;
  if (r < 0.6) return `${base}, ${rng.int(2, 30)}ª edição`;
  if (r < 0.7) return `${base} – "${rng.pick(SUBTITLES)}"`;
  if (r < 0.85) return `${base} em ${city.name}`;
  return `${base} ${year}`;
}

/** Plans every project (listed and orphan) in idPRONAC order. */
export function planProjects(rng: Rng, profile: Profile, segments: readonly Segment[], taxIds: TaxIds): Project[] {
  const total = profile.listedProjects + profile.orphanProjects;
  const perm = shuffled(
    rng,
    Array.from({ length: total }, (_, i) => i),
  );
  const budget = perm.slice(0, profile.budgetProjects);
  const orphan = new Set(budget.slice(0, profile.orphanProjects));
  const listedBudget = budget.filter((i) => !orphan.has(i));
  const withoutBudget = perm.slice(profile.budgetProjects);

  const raisedWithBudget = Math.min(listedBudget.length, Math.round(profile.raisedProjects * profile.raisedWithBudgetShare));
  const raisedBudget = shuffled(rng, listedBudget).slice(0, raisedWithBudget);
  const raised = new Set([...raisedBudget, ...withoutBudget.slice(0, profile.raisedProjects - raisedWithBudget)]);
  // Receipts mostly where money was raised, the rest among other budget projects.
  const receipts = new Set(raisedBudget.slice(0, Math.min(profile.receiptProjects, Math.round(raisedBudget.length * 0.85))));
  for (const i of shuffled(rng, budget)) {
    if (receipts.size >= profile.receiptProjects) break;
    receipts.add(i);
  }

  // Segments: the last few get exactly 1–2 budget projects; the others follow a skewed law.
  const segmentOf = new Array<Segment>(total);
  const tinyStart = segments.length - profile.tinySegments.length;
  let k = 0;
  profile.tinySegments.forEach((size, t) => {
    for (let j = 0; j < size; j++) segmentOf[listedBudget[k++] as number] = segments[tinyStart + t] as Segment;
  });
  const regular = segments.slice(0, tinyStart);
  const weights = cumulative(regular.map((_, r) => Math.pow(r + 1, -0.95) * rng.logNormal(0, 0.35)));
  for (const i of perm) if (!segmentOf[i]) segmentOf[i] = regular[rng.weighted(weights)] as Segment;

  // Years: budgets from 2003 on (before and after the 2013 price cut), other projects from 1992.
  const isBudget = new Set(budget);
  const budgetYears = cumulative(Array.from({ length: 17 }, (_, j) => Math.pow(j + 1, 1.2)));
  const yearOf = perm.map(() => 0);
  for (const i of perm) yearOf[i] = isBudget.has(i) ? 2003 + rng.weighted(budgetYears) : 1992 + rng.int(0, 27);
  // "000014": a complete project of 2000 whose PRONAC keeps its leading zeros.
  const zeroProject = raisedBudget.find((i) => receipts.has(i)) ?? listedBudget[k] ?? (perm[0] as number);
  yearOf[zeroProject] = 2000;
  const sortKey = perm.map(() => rng.next());
  sortKey[zeroProject] = -1;
  const order = Array.from({ length: total }, (_, i) => i).sort(
    (a, b) => (yearOf[a] as number) - (yearOf[b] as number) || (sortKey[a] as number) - (sortKey[b] as number),
  );

  const cityWeights = cumulative(CITY_LIST.map((_, i) => Math.pow(i + 1, -0.8)));
  const proponents: string[] = [];
  const sequence = new Map<number, number>();
  let idPronac = rng.int(90_000, 110_000);
  return order.map((i, index) => {
    const year = yearOf[i] as number;
    const seq = sequence.has(year) ? (sequence.get(year) as number) + rng.int(1, 3) : year === 2000 ? 14 : rng.int(1, 40);
    sequence.set(year, seq);
    idPronac += rng.int(1, 4);
    const segment = segmentOf[i] as Segment;
    const city = CITY_LIST[rng.weighted(cityWeights)] as City;
    let proponent: string;
    if (proponents.length === 0 || rng.chance(0.55)) proponent = taxIds.any(0.6, 0.01);
    else proponent = rng.pick(proponents);
    proponents.push(proponent);
    const protocolDay = dayOf(year, 1, 1) + rng.int(0, 364);
    const situationDay = Math.min(LAST_DAY, protocolDay + rng.int(20, 1500));
    const startDay = protocolDay + rng.int(60, 400);
    const hasDates = rng.chance(0.8);
    const hasBudget = isBudget.has(i);
    const mainProducts = shuffled(rng, segment.products).slice(0, rng.chance(0.3) ? 2 : 1);
    const lineCount = hasBudget ? rng.logNormal(Math.log(segment.lineMedian), segment.lineSigma) : 0;
    const dataProjeto = formatDateTime(protocolDay, rng.int(8 * 3600, 19 * 3600));
    return {
      index,
      pronac: pronacOf(year, seq),
      idPronac,
      year,
      listed: !orphan.has(i),
      segment,
      proponent,
      city,
      name: projectName(rng, year, city),
      situation: rng.pick(SITUATIONS),
      protocolDay,
      dates: {
        protocolo: dataProjeto,
        situacao: formatDay(situationDay),
        inicio: hasDates ? formatDay(startDay) : "",
        fim: hasDates ? formatDay(startDay + rng.int(30, 720)) : "",
      },
      dataProjeto,
      dataProjetoDay: protocolDay,
      hasBudget,
      hasReceipts: receipts.has(i),
      hasRaised: raised.has(i),
      lineCount,
      lines: [],
      links: [],
      raised: [],
      products: [ADMIN_PRODUCT, ...mainProducts],
      floatProductIds: hasBudget && rng.chance(0.01),
    };
  });
}

/** Scales the planned (fractional) line counts so that they add up to about `target`, at least 1 each. */
export function scaleLineCounts(projects: readonly Project[], target: number): void {
  const budget = projects.filter((p) => p.hasBudget);
  const sum = budget.reduce((s, p) => s + p.lineCount, 0);
  const factor = sum > 0 ? target / sum : 1;
  for (const p of budget) p.lineCount = Math.max(1, Math.round(p.lineCount * factor));
}
