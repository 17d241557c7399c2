/**
 * Surviving mutants that no input can tell from the original, by mutant id
 * (`<file>:<line>:<column>#<n>`, see plan.ts), with the reason. A mutant
 * listed here that gets killed one day is simply reported as killed.
 */
export const EQUIVALENT: Readonly<Record<string, string>> = {};
