import { describe, expect, it } from "vitest";
import { INJECTED_TAG, injectParameters, notebookParameters, parseParameterAssignment, parseParameters } from "./parameters.js";
import type { Notebook } from "./types.js";

const cell = (source: string, tags: string[] = []) => ({ cell_type: "code", execution_count: null, metadata: tags.length ? { tags } : {}, outputs: [], source });
const notebook = (...cells: ReturnType<typeof cell>[]): Notebook => ({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells });

describe("parseParameters", () => {
  it("reads one JSON-valued declaration per line, with comments, let and type annotations", () => {
    expect(parseParameters('// data\nconst dataDir = "../data-samples";\nlet limite: number = 1.5\n')).toEqual({ dataDir: "../data-samples", limite: 1.5 });
  });

  it("rejects single-quoted strings, naming the line", () => {
    expect(() => parseParameters("\nconst dataDir = '../x';")).toThrow("parameters line 2: the value of dataDir is not a JSON literal (strings take double quotes): '../x'");
  });

  it("rejects code that is not a declaration", () => {
    expect(() => parseParameters('console.log("x")')).toThrow(/parameters line 1: expected `const name = <JSON value>;`/);
  });
});

describe("injectParameters", () => {
  const nb = notebook(cell('import x from "y";'), cell('const dataDir = "../data-samples";', ["parameters"]), cell("console.log(dataDir)"));

  it("adds a tagged cell right after the parameters cell that redeclares the values", () => {
    const out = injectParameters(nb, { dataDir: "/tmp/amostra" });
    expect(out.cells).toHaveLength(4);
    expect(out.cells[2]).toEqual({
      cell_type: "code",
      execution_count: null,
      metadata: { tags: [INJECTED_TAG] },
      outputs: [],
      source: '// Injected by executeNotebook: these values replace the parameters cell\'s.\nconst dataDir = "/tmp/amostra";',
    });
    expect(out.cells[3]!.source).toBe("console.log(dataDir)");
    expect(nb.cells).toHaveLength(3); // the input is not modified
  });

  it("replaces an earlier injected cell instead of stacking another", () => {
    const twice = injectParameters(injectParameters(nb, { dataDir: "a" }), { dataDir: "b" });
    expect(twice.cells).toHaveLength(4);
    expect(twice.cells[2]!.source).toContain('const dataDir = "b";');
  });

  it("refuses a name the parameters cell does not declare", () => {
    expect(() => injectParameters(nb, { dataDri: "x" })).toThrow("parameter dataDri is not declared in the parameters cell (declared: dataDir)");
  });

  it("says when there is no parameters cell or more than one", () => {
    expect(() => notebookParameters(notebook(cell("1")))).toThrow('no cell tagged "parameters"');
    expect(() => notebookParameters(notebook(cell("const a = 1;", ["parameters"]), cell("const b = 1;", ["parameters"])))).toThrow(
      '2 cells tagged "parameters" (cells 1, 2); expected one',
    );
  });
});

describe("parseParameterAssignment (-p name=value)", () => {
  it("reads the value as JSON when it parses, else as text", () => {
    expect(parseParameterAssignment("n=3")).toEqual(["n", 3]);
    expect(parseParameterAssignment("flag=true")).toEqual(["flag", true]);
    expect(parseParameterAssignment('dirs=["a","b"]')).toEqual(["dirs", ["a", "b"]]);
    expect(parseParameterAssignment('dataDir="../x"')).toEqual(["dataDir", "../x"]);
    expect(parseParameterAssignment("dataDir=/tmp/a=b")).toEqual(["dataDir", "/tmp/a=b"]);
    expect(parseParameterAssignment("empty=")).toEqual(["empty", ""]);
  });

  it("refuses what is not name=value", () => {
    expect(() => parseParameterAssignment("dataDir")).toThrow('-p expects name=value, got "dataDir"');
    expect(() => parseParameterAssignment("1x=2")).toThrow('-p expects name=value, got "1x=2"');
  });
});
