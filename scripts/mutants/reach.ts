/**
 * Which mutants a metric can reach: a mutant of a shared file counts for a
 * metric only when the function holding it runs while that metric is
 * computed. Every outermost function of the mutated files (a declaration, an
 * arrow, a method: the unit a caller calls) is instrumented to record its
 * first call; a mutant outside every function (module level) is evaluated at
 * import and counts for every metric that imports its file. Granularity is the
 * function, not the line: a branch of a called function that the sample never
 * takes stays in the metric's score, as a survivor for a planted case to kill.
 */
import ts from "typescript";

/** The global set the instrumented functions add their unit key to. */
export const REACH_GLOBAL = "__salicMutantsReach";

/** An outermost function of a source: its text range. */
interface Unit {
  readonly start: number;
  readonly end: number;
  readonly node: ts.SignatureDeclaration & { body?: ts.ConciseBody | ts.Block };
}

function outermostFunctions(file: ts.SourceFile): Unit[] {
  const out: Unit[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && "body" in node && node.body !== undefined) {
      out.push({ start: node.getStart(file), end: node.getEnd(), node: node as Unit["node"] });
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return out;
}

/** For a source, the unit key (`<file>@<n>`) of the function holding a position, or undefined at module level. */
export function unitFinder(source: string, file: string): (position: number) => string | undefined {
  const units = outermostFunctions(ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS));
  return (position) => {
    const i = units.findIndex((u) => u.start <= position && position < u.end);
    return i < 0 ? undefined : `${file}@${i}`;
  };
}

/** `source` with each outermost function recording its unit key in `globalThis[REACH_GLOBAL]` when called. */
export function instrument(source: string, file: string): string {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const edits: Array<[number, string]> = [];
  outermostFunctions(sf).forEach((u, i) => {
    const hit = `globalThis.${REACH_GLOBAL}?.add(${JSON.stringify(`${file}@${i}`)})`;
    const body = u.node.body as ts.ConciseBody;
    if (ts.isBlock(body)) edits.push([body.getStart(sf) + 1, `${hit};`]);
    else {
      edits.push([body.getStart(sf), `(${hit}, `]);
      edits.push([body.getEnd(), ")"]);
    }
  });
  let text = source;
  for (const [at, insert] of edits.sort((a, b) => b[0] - a[0])) text = text.slice(0, at) + insert + text.slice(at);
  return text;
}
