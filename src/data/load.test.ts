import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pl from "nodejs-polars";
import { describe, expect, it } from "vitest";
import { DataError } from "./errors.js";
import { loadDataDir } from "./load.js";

const root = mkdtempSync(join(tmpdir(), "salic-load-"));
const CAPTACAO = "Pronac,Segmento,CaptacaoReal\n1,11,5\n";
const PROJETOS = "PRONAC,Segmento,NomeProjeto,CgcCpf\n000014,11,A,1\n";

/** A fresh data directory holding `files` (name → content). */
function dataDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(root, "d-"));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

describe("loadDataDir", () => {
  it("loads the tables present, lists the absent ones with a reason, and ignores other files", () => {
    const dir = dataDir({ "planilha_captacao.csv": CAPTACAO, "planilha_projetos.csv": PROJETOS, "notes.txt": "x", "other.csv": "a\n1\n" });
    const data = loadDataDir(dir);
    expect(data.dir).toBe(dir);
    expect(Object.keys(data.tables)).toEqual(["planilha_captacao", "planilha_projetos"]);
    expect(data.tables.planilha_projetos?.getColumn("PRONAC").toArray()).toEqual(["000014"]);
    expect([...data.missing]).toEqual([
      ["planilha_orcamentaria", `planilha_orcamentaria.csv (or .parquet) not found in ${dir}`],
      ["planilha_comprovacao", `planilha_comprovacao.csv (or .parquet) not found in ${dir}`],
      ["planilha_aprovacao_comprovacao", `planilha_aprovacao_comprovacao.csv (or .parquet) not found in ${dir}`],
    ]);
  });

  it("gives the sha256 of each file read, by file name (digests from sha256sum)", () => {
    const data = loadDataDir(dataDir({ "planilha_captacao.csv": CAPTACAO, "planilha_projetos.csv": PROJETOS }));
    expect(data.files).toEqual({
      "planilha_captacao.csv": "9d91151ed531a7148105badb570859e66568a9e5732bebba23d0925f7bb48b71",
      "planilha_projetos.csv": "a205d413a09a986d013e65c760149a6c127d8d23b5cce6461449a43a78993c32",
    });
  });

  it("leaves files empty with { hash: false }, the tables loaded as usual", () => {
    const data = loadDataDir(dataDir({ "planilha_captacao.csv": CAPTACAO, "planilha_projetos.csv": PROJETOS }), { hash: false });
    expect(data.files).toEqual({});
    expect(Object.keys(data.tables).sort()).toEqual(["planilha_captacao", "planilha_projetos"]);
  });

  it("reads only the tables asked for", () => {
    const data = loadDataDir(dataDir({ "planilha_captacao.csv": CAPTACAO, "planilha_projetos.csv": PROJETOS }), {
      tables: ["planilha_projetos", "planilha_orcamentaria"],
    });
    expect(Object.keys(data.tables)).toEqual(["planilha_projetos"]);
    expect([...data.missing.keys()]).toEqual(["planilha_orcamentaria"]);
    expect(Object.keys(data.files)).toEqual(["planilha_projetos.csv"]);
  });

  it("reads a table from Parquet", () => {
    const dir = dataDir({});
    pl.DataFrame({ Pronac: ["000014"], Segmento: ["11"], CaptacaoReal: [5.25] }).writeParquet(join(dir, "planilha_captacao.parquet"));
    const data = loadDataDir(dir, { tables: ["planilha_captacao"] });
    expect(data.tables.planilha_captacao?.toRecords()).toEqual([{ Pronac: "000014", Segmento: "11", CaptacaoReal: 5.25 }]);
    expect(Object.keys(data.files)).toEqual(["planilha_captacao.parquet"]);
    expect(data.files["planilha_captacao.parquet"]).toMatch(/^[0-9a-f]{64}$/);
  });

  it("rejects a table present as both CSV and Parquet, naming both files", () => {
    const dir = dataDir({ "planilha_captacao.csv": CAPTACAO, "planilha_captacao.parquet": "" });
    expect(() => loadDataDir(dir)).toThrow(
      new DataError({ file: dir }, "both planilha_captacao.csv and planilha_captacao.parquet are present; keep one of them"),
    );
  });

  it("rejects a directory that does not exist and an unknown table name", () => {
    const missing = join(root, "nowhere");
    expect(() => loadDataDir(missing)).toThrow(`data directory not found: ${missing}`);
    const dir = dataDir({});
    expect(() => loadDataDir(dir, { tables: ["planilha_x" as never] })).toThrow(/unknown table "planilha_x"/);
  });

  it("passes on a malformed file's DataError", () => {
    const dir = dataDir({ "planilha_captacao.csv": "Pronac,Segmento\n1,11\n" });
    expect(() => loadDataDir(dir)).toThrow('planilha_captacao.csv: missing column "CaptacaoReal" (a metric reads it)');
  });

  it("does not take a sub-directory named like a table for its file", () => {
    const dir = dataDir({});
    mkdirSync(join(dir, "planilha_captacao.csv"));
    expect(() => loadDataDir(dir, { tables: ["planilha_captacao"] })).toThrow(
      new DataError(
        { file: join(dir, "planilha_captacao.csv") },
        "cannot read the file: it is a directory (expected a readable file holding table planilha_captacao)",
      ),
    );
  });
});

describe("loadDataDir: only a name with no directory entry is an absent table", () => {
  /** The message loading `dir`'s planilha_captacao throws. */
  const failure = (dir: string) => {
    try {
      loadDataDir(dir, { tables: ["planilha_captacao"] });
    } catch (error) {
      if (error instanceof DataError) return error.message;
      throw error;
    }
    throw new Error("expected a DataError");
  };

  it("refuses a dangling symbolic link, naming the file and its target", () => {
    const dir = dataDir({});
    symlinkSync("gone.csv", join(dir, "planilha_captacao.csv"));
    expect(failure(dir)).toBe(
      'planilha_captacao.csv: cannot read the file: it is a symbolic link to "gone.csv", which does not exist (expected a readable file holding table planilha_captacao)',
    );
  });

  it("refuses a loop of symbolic links", () => {
    const dir = dataDir({});
    symlinkSync("planilha_captacao.parquet", join(dir, "planilha_captacao.parquet"));
    expect(failure(dir)).toBe(
      "planilha_captacao.parquet: cannot read the file: it is a loop of symbolic links (expected a readable file holding table planilha_captacao)",
    );
  });

  it("refuses a named pipe without waiting for a writer", () => {
    const dir = dataDir({});
    expect(spawnSync("mkfifo", [join(dir, "planilha_captacao.csv")]).status).toBe(0);
    expect(failure(dir)).toBe(
      "planilha_captacao.csv: cannot read the file: it is a named pipe (expected a readable file holding table planilha_captacao)",
    );
  });

  it("reads a table through a symbolic link to its file", () => {
    const dir = dataDir({ "captacao-2019.csv": CAPTACAO });
    symlinkSync("captacao-2019.csv", join(dir, "planilha_captacao.csv"));
    expect(loadDataDir(dir, { tables: ["planilha_captacao"] }).tables.planilha_captacao?.height).toBe(1);
  });

  it("refuses a data directory that is a dangling link", () => {
    const link = join(dataDir({}), "data");
    symlinkSync("nowhere", link);
    expect(() => loadDataDir(link)).toThrow(`data: cannot open the data directory ${link}: it is a symbolic link to "nowhere", which does not exist`);
  });
});
