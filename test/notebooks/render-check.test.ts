import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkNotebook, checkNotebooks, type RenderProblem } from "../../src/jupyter/index.js";

const root = join(import.meta.dirname, "..", "..");
const fixtures = join(root, "test", "fixtures", "notebooks", "render");
const fixture = (name: string) => join(fixtures, `${name}.ipynb`);
const reasons = (problems: RenderProblem[]) => problems.map((p) => `${p.cell !== undefined ? `cell ${p.cell}: ` : ""}${p.reason}`);

describe("render check of the committed notebooks", () => {
  it("passes every notebooks/*.ipynb (schema, canonical, no errors, fallbacks, size, parameters, results)", () => {
    const dir = join(root, "notebooks");
    const paths = readdirSync(dir).filter((f) => f.endsWith(".ipynb")).map((f) => join(dir, f));
    const problems = checkNotebooks(paths).map((p) => `${relative(root, p.notebook)}${p.cell !== undefined ? ` cell ${p.cell}` : ""}: ${p.reason}`);
    expect(problems).toEqual([]);
  });
});

describe("render check of broken fixtures", () => {
  const tmp = mkdtempSync(join(tmpdir(), "render-check-"));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it("finds nothing wrong with a well-formed executed notebook", () => {
    expect(checkNotebook(fixture("good"))).toEqual([]);
  });

  it("fails an error output, naming the notebook and cell", () => {
    expect(checkNotebook(fixture("error-output"))).toEqual([{ notebook: fixture("error-output"), cell: 3, reason: "output 1: error output Error: boom" }]);
  });

  it("fails a Plotly output without a PNG", () => {
    expect(reasons(checkNotebook(fixture("plotly-only")))).toEqual([
      "cell 3: output 1: rich output without a fallback GitHub renders (has application/vnd.plotly.v1+json, text/plain; needs image/png, image/svg+xml, text/markdown or text/html without <script>)",
    ]);
  });

  it("fails HTML whose content needs a script", () => {
    expect(reasons(checkNotebook(fixture("html-script")))).toEqual([
      "cell 3: output 1: text/html contains <script>, which GitHub does not run, and there is no other fallback (add image/png or text/markdown); has text/html, text/plain",
    ]);
  });

  it("fails a notebook without a parameters cell", () => {
    expect(reasons(checkNotebook(fixture("no-parameters")))).toEqual(['parameters: no cell tagged "parameters"']);
  });

  it("fails a malformed published result", () => {
    expect(reasons(checkNotebook(fixture("malformed-result")))).toEqual([
      'cell 3: published result (application/vnd.salic-ml.result+json): tolerance must be {abs, rel} with finite non-negative numbers, got {"abs":1e-9}',
      'cell 3: published result (application/vnd.salic-ml.result+json): project "000014": field name "valor total" is not an identifier (letters, digits, _)',
    ]);
  });

  it("fails a result published from another data directory than the parameters cell's", () => {
    expect(reasons(checkNotebook(fixture("wrong-data-dir")))).toEqual([
      'cell 3: published result\'s data_dir "../data-national" is not the parameters cell\'s dataDir "../data-samples"',
    ]);
  });

  it("fails a notebook that is not in canonical form", () => {
    expect(reasons(checkNotebook(fixture("not-canonical")))).toEqual(["not in canonical form: run `npm run notebooks -- NAME` to execute and canonicalize it"]);
  });

  it("fails a code cell that never ran", () => {
    expect(reasons(checkNotebook(fixture("unexecuted")))).toEqual(["cell 3: code cell was not executed (no execution count)"]);
  });

  it("fails a notebook over 2 MB", () => {
    // Made here rather than committed: a 2 MB fixture would cost the repository what the budget saves.
    const nb = JSON.parse(readFileSync(fixture("good"), "utf8")) as { metadata: Record<string, unknown> };
    nb.metadata["title"] = "x".repeat(2 * 1024 * 1024);
    const path = join(tmp, "oversize.ipynb");
    writeFileSync(path, `${JSON.stringify(nb, null, 1)}\n`);
    expect(reasons(checkNotebook(path))).toContain("file is 2.00 MB, over the 2 MB budget (smaller figures or tables?)");
  });

  it("fails a document that breaks the nbformat schema, naming the cell", () => {
    const nb = JSON.parse(readFileSync(fixture("good"), "utf8")) as { cells: Record<string, unknown>[] };
    nb.cells[1]!["outputs"] = "none";
    const path = join(tmp, "schema.ipynb");
    writeFileSync(path, JSON.stringify(nb));
    const problems = checkNotebook(path).filter((p) => p.reason.startsWith("nbformat schema"));
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]!.cell).toBe(2);
  });
});
