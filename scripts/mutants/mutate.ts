/**
 * The mutation operators of `npm run mutants`: each mutant changes one token
 * (or removes one `.filter(…)` call) of a TypeScript source, found through the
 * compiler's syntax tree, so strings, comments and type positions are never
 * touched. Listed in source order, then operator order: the same source
 * always gives the same mutants.
 */
import ts from "typescript";

/** One mutation of a source: replace `[start, end)` by `replacement`. */
export interface Mutant {
  /** 1-based line and column of the mutated text. */
  readonly line: number;
  readonly column: number;
  readonly start: number;
  readonly end: number;
  readonly original: string;
  readonly replacement: string;
  /** What changed, e.g. "`>` → `>=`". */
  readonly mutation: string;
}

/** Binary operators swapped with their boundary or logical twin. */
const BINARY: ReadonlyMap<ts.SyntaxKind, string> = new Map([
  [ts.SyntaxKind.GreaterThanToken, ">="],
  [ts.SyntaxKind.GreaterThanEqualsToken, ">"],
  [ts.SyntaxKind.LessThanToken, "<="],
  [ts.SyntaxKind.LessThanEqualsToken, "<"],
  [ts.SyntaxKind.EqualsEqualsEqualsToken, "!=="],
  [ts.SyntaxKind.ExclamationEqualsEqualsToken, "==="],
  [ts.SyntaxKind.PlusToken, "-"],
  [ts.SyntaxKind.MinusToken, "+"],
  [ts.SyntaxKind.AmpersandAmpersandToken, "||"],
  [ts.SyntaxKind.BarBarToken, "&&"],
]);

/** The same swaps spelled as nodejs-polars expression methods (`col.gt(x)`). */
const METHODS: ReadonlyMap<string, string> = new Map([
  ["gt", "gtEq"],
  ["gtEq", "gt"],
  ["lt", "ltEq"],
  ["ltEq", "lt"],
  ["eq", "neq"],
  ["neq", "eq"],
  ["add", "sub"],
  ["sub", "add"],
  ["and", "or"],
  ["or", "and"],
]);

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The day before and after an ISO date, as ISO dates. */
function neighbourDays(text: string): string[] {
  const m = ISO_DAY.exec(text);
  if (!m) return [];
  const day = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return [-1, 1].map((d) => new Date(day + d * 86_400_000).toISOString().slice(0, 10));
}

/** Replacements of a numeric literal: ±1 for integers, ×1.01 otherwise. */
function numberReplacements(text: string): Array<[string, string]> {
  const value = Number(text.replace(/_/g, ""));
  if (!Number.isFinite(value)) return [];
  if (Number.isInteger(value)) {
    const out: Array<[string, string]> = [[String(value + 1), "+1"]];
    // `0 - 1` as a literal would need a unary minus: `-1` written in parentheses keeps the expression's shape.
    out.push([value === 0 ? "(-1)" : String(value - 1), "−1"]);
    return out;
  }
  // toPrecision drops the binary noise (1.5 × 1.01 is written 1.515, not 1.5150000000000001).
  return [[String(Number((value * 1.01).toPrecision(12))), "×1.01"]];
}

/** Whether a node sits in a type or an import/export declaration, where a change is not a change of behaviour. */
function inTypeOrImport(node: ts.Node): boolean {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (ts.isTypeNode(n) || ts.isImportDeclaration(n) || ts.isExportDeclaration(n) || ts.isLiteralTypeNode(n)) return true;
  }
  return false;
}

/** Every mutant of `source` (a TypeScript file's text), in source order. */
export function mutantsOf(source: string, fileName = "source.ts"): Mutant[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const out: Mutant[] = [];
  const add = (start: number, end: number, replacement: string, mutation: string) => {
    const { line, character } = file.getLineAndCharacterOfPosition(start);
    out.push({ line: line + 1, column: character + 1, start, end, original: source.slice(start, end), replacement, mutation });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isBinaryExpression(node)) {
      const swap = BINARY.get(node.operatorToken.kind);
      if (swap !== undefined) {
        const op = node.operatorToken;
        add(op.getStart(file), op.getEnd(), swap, `\`${op.getText(file)}\` → \`${swap}\``);
      }
    }
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const name = node.expression.name;
      const swap = METHODS.get(name.text);
      if (swap !== undefined) add(name.getStart(file), name.getEnd(), swap, `\`.${name.text}(…)\` → \`.${swap}(…)\``);
      if (name.text === "filter") {
        // The call without its filter: `a.filter(f)` → `a`.
        const receiver = node.expression.expression;
        add(node.getStart(file), node.getEnd(), receiver.getText(file), "`.filter(…)` removed");
      }
    }
    if (ts.isNumericLiteral(node) && !inTypeOrImport(node)) {
      for (const [replacement, how] of numberReplacements(node.text)) {
        add(node.getStart(file), node.getEnd(), replacement, `\`${node.getText(file)}\` ${how} → \`${replacement}\``);
      }
    }
    if (ts.isStringLiteral(node) && !inTypeOrImport(node)) {
      for (const day of neighbourDays(node.text)) add(node.getStart(file), node.getEnd(), JSON.stringify(day), `date "${node.text}" → "${day}"`);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  // Sorted by position, then by the order operators were tried (stable sort).
  return out.map((m, i) => [m, i] as const).sort(([a, i], [b, j]) => a.start - b.start || i - j).map(([m]) => m);
}

/** `source` with one mutant applied. */
export function applyMutant(source: string, mutant: Mutant): string {
  return source.slice(0, mutant.start) + mutant.replacement + source.slice(mutant.end);
}
