import { complexityBand, type ComplexityBand } from "../../src/score/complexity-band";

/**
 * The complexity bands, from the score module itself (one source of truth:
 * the page never restates the thresholds). The gauge's coloured arcs are
 * found by asking the band of every score the module can produce (0.0 to 10.0
 * in steps of 0.1, as complexidade is rounded to one decimal).
 */
export { complexityBand };

export type Band = ComplexityBand;

const CLASSES: Record<Band, string> = {
  "Muito complexo": "band-muito",
  Complexo: "band-complexo",
  Normal: "band-normal",
};

/** CSS class of a band (red, yellow, green). */
export function bandClass(band: Band): string {
  return CLASSES[band];
}

/** Consecutive ranges of the 0–10 scale that share a band; boundaries sit halfway between scores. */
export function bandSegments(): { band: Band; from: number; to: number }[] {
  const segments: { band: Band; from: number; to: number }[] = [];
  for (let tenths = 0; tenths <= 100; tenths++) {
    const band = complexityBand(tenths / 10);
    const last = segments[segments.length - 1];
    if (last !== undefined && last.band === band) last.to = tenths / 10;
    else {
      if (last !== undefined) last.to = (tenths - 0.5) / 10;
      segments.push({ band, from: last === undefined ? 0 : (tenths - 0.5) / 10, to: tenths / 10 });
    }
  }
  return segments;
}
