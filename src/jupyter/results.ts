import { RESULT_MIME } from "../notebook/result.js";
import type { Notebook } from "./types.js";

/** A result payload found in a notebook's outputs, and where. */
export interface FoundResult {
  /** 1-based position of the cell in the notebook. */
  cell: number;
  /** The `application/vnd.salic-ml.result+json` payload as stored (validate with `resultProblems`). */
  payload: unknown;
}

/** Every published result of a notebook, in cell order. */
export function readPublishedResults(nb: Notebook): FoundResult[] {
  const found: FoundResult[] = [];
  nb.cells.forEach((cell, i) => {
    for (const output of cell.outputs ?? []) {
      if (output.data !== undefined && RESULT_MIME in output.data) found.push({ cell: i + 1, payload: output.data[RESULT_MIME] });
    }
  });
  return found;
}
