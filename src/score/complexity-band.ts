/** The bands analysts see for a complexidade score (spec §5). */
export type ComplexityBand = "Muito complexo" | "Complexo" | "Normal";

/** `> 6` "Muito complexo", `> 3` "Complexo", else "Normal" (spec §5). */
export function complexityBand(complexidade: number): ComplexityBand {
  if (complexidade > 6) return "Muito complexo";
  if (complexidade > 3) return "Complexo";
  return "Normal";
}
