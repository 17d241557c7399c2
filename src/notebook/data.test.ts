import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { currentDataDir } from "./data-dir.js";
import { loadArquero, loadPolars } from "./data.js";

const dir = mkdtempSync(join(tmpdir(), "notebook-data-"));
writeFileSync(
  join(dir, "planilha_projetos.csv"),
  "PRONAC,idPRONAC,Segmento,NomeProjeto,CgcCpf\n000014,7,4B,Festival,-8571903399542239214\n14,8,11,Teatro,12345678901\n",
);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("loadArquero", () => {
  it("keeps identifiers as the strings they are and counts as numbers", () => {
    const data = loadArquero(dir);
    const projetos = data.tables.planilha_projetos!;
    expect(projetos.columnNames()).toEqual(["PRONAC", "idPRONAC", "Segmento", "NomeProjeto", "CgcCpf"]);
    expect(projetos.objects()).toEqual([
      { PRONAC: "000014", idPRONAC: "7", Segmento: "4B", NomeProjeto: "Festival", CgcCpf: "-8571903399542239214" },
      { PRONAC: "14", idPRONAC: "8", Segmento: "11", NomeProjeto: "Teatro", CgcCpf: "12345678901" },
    ]);
    expect(data.missing.has("planilha_orcamentaria")).toBe(true);
  });
});

describe("loadPolars", () => {
  it("remembers the directory as given, canonical, for publish's data_dir", () => {
    const rel = relative(process.cwd(), dir);
    loadPolars(`${rel}/`);
    expect(currentDataDir()).toBe(rel);
    expect(loadPolars(dir).tables.planilha_projetos!.height).toBe(2);
    expect(currentDataDir()).toBe(dir);
  });
});
