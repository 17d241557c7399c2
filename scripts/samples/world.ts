/**
 * The fixed parts of a synthetic world: segments with their catalogues and
 * prices, and makers of tax ids and names. Everything is drawn from the seeded
 * generator in a fixed order.
 */
import type { Rng } from "./prng.js";
import { cumulative } from "./prng.js";
import type { CatalogueItem, City, Product, Segment, SegmentItem } from "./model.js";
import {
  AREAS,
  CITIES,
  COMPANY_SUFFIXES,
  COMPANY_WORDS,
  FIRST_NAMES,
  ITEMS,
  NAMED_SEGMENTS,
  PRODUCTS,
  SURNAMES,
} from "./vocabulary.js";

const ADMIN_ITEMS = new Set([
  "Coordenador administrativo-financeiro",
  "Contador",
  "Custos de captação",
  "Remuneração de captação de recursos",
  "Elaboração de projeto",
  "Taxa de ECAD",
  "Seguro de equipamentos",
]);
const PROMOTION_ITEMS = /imprensa|gráfico|flyers|Mídia|Anúncio|Spot|Site|Coquetel|Registro|Designer/;

/** The catalogue with ids (idPlanilhaItens) drawn as increasing numbers with gaps. */
export function buildCatalogue(rng: Rng): CatalogueItem[] {
  let id = rng.int(1, 60);
  return ITEMS.map((seed) => {
    id += rng.int(1, 97);
    const admin = ADMIN_ITEMS.has(seed.name);
    const stage = admin ? 4 : PROMOTION_ITEMS.test(seed.name) ? 3 : seed.areas === "*" ? 1 : rng.chance(0.85) ? 2 : 1;
    return { id, name: seed.name, unit: seed.unit, price: seed.price, stage, admin };
  });
}

function segmentCodes(count: number): Array<readonly [string, string]> {
  const codes: Array<readonly [string, string]> = NAMED_SEGMENTS.slice(0, count);
  const used = new Set(codes.map(([c]) => c));
  const chars = "123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  for (const ch of chars) {
    for (const [area, areaName] of AREAS) {
      if (codes.length >= count) return codes;
      const code = area + ch;
      if (!used.has(code)) {
        used.add(code);
        codes.push([code, `${areaName} – Modalidade ${code}`]);
      }
    }
  }
  if (codes.length < count) throw new RangeError(`cannot make ${count} segment codes`);
  return codes;
}

/** Fisher-Yates shuffle of a copy, with the seeded generator. */
export function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** What buildSegments takes of a profile's shape (profile.ts). */
export interface SegmentShape {
  readonly extraItemsPerSegment: number;
  readonly tailExponent: number;
}

const DEFAULT_SEGMENT_SHAPE: SegmentShape = { extraItemsPerSegment: 0, tailExponent: 1.05 };

/**
 * `count` variants of a segment's own items ("Cenógrafo – variante 3"), with
 * ids `firstId + 1…`: catalogue items of that segment alone, so that its
 * budgets hold more distinct items, as the real catalogue's long tail does.
 */
export function itemVariants(own: readonly CatalogueItem[], count: number, firstId: number): CatalogueItem[] {
  return Array.from({ length: count }, (_, k) => {
    const base = own[k % own.length] as CatalogueItem;
    return { ...base, id: firstId + k + 1, name: `${base.name} – variante ${Math.floor(k / own.length) + 1}` };
  });
}

/**
 * `count` segments: named ones first ("11", "4B", "6E"…), then synthetic codes
 * of the same shape. Each gets its own line-count distribution, price level and
 * catalogue (core items most projects use, then a long tail, plus a few items
 * of other areas that are rare there).
 */
export function buildSegments(rng: Rng, catalogue: readonly CatalogueItem[], count: number, shape: SegmentShape = DEFAULT_SEGMENT_SHAPE): Segment[] {
  const areaName = new Map(AREAS);
  const lastId = catalogue.reduce((max, item) => Math.max(max, item.id), 0);
  return segmentCodes(count).map(([code, name], index) => {
    const areaCode = code[0] as string;
    const priceLevel = rng.logNormal(0, 0.3);
    const price = (item: CatalogueItem): SegmentItem => ({
      item,
      priceMills: Math.max(10, Math.round(item.price * priceLevel * rng.logNormal(0, 0.2) * 100) * 10),
    });
    const inArea = (i: number) => (ITEMS[i]?.areas ?? "").includes(areaCode) || ITEMS[i]?.areas === "*";
    const own = catalogue.filter((_, i) => inArea(i));
    const foreign = catalogue.filter((_, i) => !inArea(i));
    const areaSpecific = shuffled(rng, own.filter((it) => ITEMS[catalogue.indexOf(it)]?.areas !== "*"));
    const general = shuffled(rng, own.filter((it) => ITEMS[catalogue.indexOf(it)]?.areas === "*"));
    // Core: the executive producer plus a few of the area's own items.
    const producer = own.find((it) => it.name === "Produtor executivo") as CatalogueItem;
    const coreCount = rng.int(3, 5);
    const core = [producer, ...areaSpecific.slice(0, coreCount - 1)];
    const rest = [...areaSpecific.slice(coreCount - 1), ...general.filter((it) => it !== producer)];
    if (shape.extraItemsPerSegment > 0) rest.push(...itemVariants(own, shape.extraItemsPerSegment, lastId + index * shape.extraItemsPerSegment));
    const tail = shuffled(rng, rest);
    const rare = shuffled(rng, foreign).slice(0, rng.int(2, 5));
    const others = [...tail, ...rare];
    const weights = others.map((_, r) => (r < tail.length ? 1 / Math.pow(r + 1.5, shape.tailExponent) : 0.004));
    const products = PRODUCTS.filter(([id, , area]) => id !== 0 && (area === "*" || area.includes(areaCode))).map(
      ([id, pname]) => ({ id, name: pname }),
    );
    return {
      index,
      code,
      name,
      areaCode,
      areaName: areaName.get(areaCode) ?? "",
      lineMedian: Math.round(Math.exp(Math.log(8) + rng.next() * Math.log(60 / 8))),
      lineSigma: 0.2 + rng.next() * 0.55,
      core: core.map(price),
      others: others.map(price),
      otherWeights: cumulative(weights),
      products,
    };
  });
}

/** Product 0, the project's administration. */
export const ADMIN_PRODUCT: Product = { id: 0, name: PRODUCTS[0]?.[1] ?? "Administração do Projeto" };

/** Cities as objects. */
export const CITY_LIST: readonly City[] = CITIES.map(([code, name, uf], index) => ({ index, code, name, uf }));

function digits(rng: Rng, n: number): string {
  let s = "";
  for (let i = 0; i < n; i++) s += String.fromCharCode(48 + rng.int(0, 9));
  return s;
}

/**
 * Unique opaque tax ids: CPF (11 digits), CNPJ (14 digits, branch "0001") and
 * hashed ids of 19 digits (mostly negative), all strings, leading zeros kept.
 */
export class TaxIds {
  private readonly seen = new Set<string>();
  constructor(private readonly rng: Rng) {}

  private unique(make: () => string): string {
    for (;;) {
      const id = make();
      if (!this.seen.has(id)) {
        this.seen.add(id);
        return id;
      }
    }
  }

  /** An 11-digit CPF. */
  cpf(): string {
    return this.unique(() => digits(this.rng, 11));
  }

  /** A 14-digit CNPJ. */
  cnpj(): string {
    return this.unique(() => `${digits(this.rng, 8)}0001${digits(this.rng, 2)}`);
  }

  /** A 19-digit hashed id, as some exports hold: "-8571903399542239214". */
  hashed(): string {
    return this.unique(() => `${this.rng.chance(0.8) ? "-" : ""}${this.rng.int(1, 8)}${digits(this.rng, 18)}`);
  }

  /** A person's or a company's id, with a small share of hashed ids. */
  any(companyShare: number, hashedShare: number): string {
    if (this.rng.chance(hashedShare)) return this.hashed();
    return this.rng.chance(companyShare) ? this.cnpj() : this.cpf();
  }
}

/** A person's name, with accents. */
export function personName(rng: Rng): string {
  const second = rng.chance(0.5) ? ` ${rng.pick(SURNAMES)}` : "";
  return `${rng.pick(FIRST_NAMES)} ${rng.pick(SURNAMES)}${second}`;
}

/** A company name; some carry commas ("Silva, Souza & Cia Ltda") or quotes. */
export function companyName(rng: Rng): string {
  const r = rng.next();
  if (r < 0.08) return `${rng.pick(SURNAMES)}, ${rng.pick(SURNAMES)} & Cia Ltda`;
  if (r < 0.14) return `${rng.pick(COMPANY_WORDS)} "${rng.pick(SURNAMES)}" ${rng.pick(COMPANY_SUFFIXES)}`;
  return `${rng.pick(SURNAMES)} ${rng.pick(COMPANY_WORDS)} ${rng.pick(COMPANY_SUFFIXES)}`;
}
