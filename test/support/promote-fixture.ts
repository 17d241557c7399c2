/**
 * A throw-away repository for running the promotion gate on a fixture
 * notebook: it shares this repository's sources, compiled output and
 * node_modules (symlinks), has a metrics folder of its own (a test edits a
 * module after promotion), an empty promoted/, and a data-samples/ of three
 * projects whose budget lines itens_orcamentarios counts by hand.
 */
import { cpSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

/** This repository. */
export const REPO = resolve(import.meta.dirname, "../..");

/** The metric the fixtures publish. */
export const FIXTURE_METRIC = "itens_orcamentarios";

export const FIXTURE_PROJECTS = ["PRONAC,Segmento,NomeProjeto,CgcCpf", "000014,11,Festival,11111111111", "14,11,Mostra,22222222222", "150001,4B,Feira,11111111111"];
const BUDGET_HEADER = "idPronac,PRONAC,Item,idPlanilhaItens,VlUnitarioAprovado,VlTotalAprovado,UfItem,idSegmento,idProduto,DataProjeto,cdEtapa,cdCidade";
/** itens_orcamentarios by hand: "000014" has 3 lines, "14" has 1, "150001" has 2. */
export const FIXTURE_BUDGET = [
  BUDGET_HEADER,
  "1,000014,Cachê,10,100.00,100.00,DF,11,1,2015-01-01,1,10",
  "1,000014,Som,11,50.00,50.00,DF,11,1,2015-01-01,1,10",
  "1,000014,Luz,12,20.00,20.00,DF,11,1,2015-01-01,1,10",
  "2,14,Cachê,10,100.00,100.00,DF,11,1,2015-01-01,1,10",
  "3,150001,Aluguel,20,300.00,300.00,SP,4B,0,2016-05-01,2,20",
  "3,150001,Som,11,40.00,40.00,SP,4B,0,2016-05-01,2,20",
];

/** A throw-away repository whose notebooks/fixture.ipynb is `notebookText`. */
export function promoteFixture(notebookText: string): string {
  const root = mkdtempSync(join(tmpdir(), "salic-promote-"));
  for (const shared of ["node_modules", "dist", "package.json"]) symlinkSync(join(REPO, shared), join(root, shared));
  mkdirSync(join(root, "src"));
  for (const dir of ["data", "score", "notebook", "jupyter"]) symlinkSync(join(REPO, "src", dir), join(root, "src", dir));
  cpSync(join(REPO, "src", "metrics"), join(root, "src", "metrics"), { recursive: true });
  mkdirSync(join(root, "notebooks"));
  mkdirSync(join(root, "promoted"));
  mkdirSync(join(root, "data-samples"));
  writeFileSync(join(root, "data-samples", "planilha_projetos.csv"), `${FIXTURE_PROJECTS.join("\n")}\n`);
  writeFileSync(join(root, "data-samples", "planilha_orcamentaria.csv"), `${FIXTURE_BUDGET.join("\n")}\n`);
  writeFileSync(join(root, "notebooks", "fixture.ipynb"), notebookText);
  return root;
}
