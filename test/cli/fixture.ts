import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { main } from "../../src/cli.js";

/**
 * A tiny data directory: four projects ("2", "14", "000014" — a different
 * project from "14" — and "99", which has no rows anywhere) in one segment.
 */
export const TABLES: Record<string, string> = {
  "planilha_projetos.csv": [
    "PRONAC,Segmento,NomeProjeto,CgcCpf",
    "2,11,Peça dois,111",
    "14,11,Peça catorze,222",
    "000014,11,\"Festival, com vírgula\",111",
    "99,11,Sem linhas,333",
  ].join("\n"),
  "planilha_orcamentaria.csv": [
    "idPronac,PRONAC,Item,idPlanilhaItens,VlUnitarioAprovado,VlTotalAprovado,UfItem,idSegmento,idProduto,DataProjeto,cdEtapa,cdCidade",
    "1,14,Cachê,10,100.10,100.10,DF,11,1,2015-03-01,2,5300108",
    "1,14,Som,11,50,50,DF,11,1,2015-03-01,2,5300108",
    "1,14,Luz,12,0.2,0.2,DF,11,1,2015-03-01,2,5300108",
    "2,000014,Cachê,10,100,100,DF,11,1,2015-03-01,2,5300108",
    "3,2,Cachê,10,90,90,SP,11,1,2016-01-01,2,3550308",
    "3,2,Som,11,40,40,SP,11,1,2016-01-01,2,3550308",
  ].join("\n"),
  "planilha_comprovacao.csv": [
    "PRONAC,idPlanilhaAprovacao,idPlanilhaItem,Item,idSegmento,vlComprovacao,idComprovantePagamento,nrCNPJCPF,nmFornecedor,tpFormaDePagamento",
    "14,1,10,Cachê,11,100.1,501,12345678000190,Banda,2",
    "14,2,11,Som,11,50,501,12345678000190,Banda,2",
    "2,5,10,Cachê,11,90,601,98765432000110,Outra,1",
  ].join("\n"),
  "planilha_aprovacao_comprovacao.csv": [
    "PRONAC,idPlanilhaAprovacao,idPlanilhaItem,Item,idSegmento,vlComprovacao,idComprovantePagamento,nrCNPJCPF,nmFornecedor,vlAprovado",
    "14,1,10,Cachê,11,100.1,501,12345678000190,Banda,100.10",
    "14,2,11,Som,11,80,501,12345678000190,Banda,50",
    "2,5,10,Cachê,11,90,601,98765432000110,Outra,90",
  ].join("\n"),
  "planilha_captacao.csv": ["Pronac,Segmento,CaptacaoReal", "14,11,0.1", "14,11,0.2", "2,11,130"].join("\n"),
};

/** Writes the tables (minus `omit`, with `replace` overriding files) into a new temp dir. */
export function dataDir(options: { omit?: string[]; replace?: Record<string, string> } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "salic-cli-"));
  const files = { ...TABLES, ...options.replace };
  for (const [name, content] of Object.entries(files)) {
    if (!options.omit?.includes(name)) writeFileSync(join(dir, name), content + "\n");
  }
  return dir;
}

/** The CLI run in-process: exit code and everything written to stdout and stderr. */
export async function runCli(
  args: string[],
  cwd = process.cwd(),
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on("data", (chunk: Buffer) => out.push(chunk.toString("utf8")));
  stderr.on("data", (chunk: Buffer) => err.push(chunk.toString("utf8")));
  const code = await main(args, { stdout, stderr, cwd, env });
  return { code, stdout: out.join(""), stderr: err.join("") };
}

/** Metric ids in spec §4 order: the order of `metricas` keys and CSV columns. */
export const METRIC_IDS = [
  "itens_orcamentarios",
  "comprovante_pagamento",
  "valor_comprovado",
  "valor_aprovado",
  "valor_captado",
  "valor_a_ser_comprovado",
  "comprovantes_acima_50",
  "comprovante_cheque",
  "comprovante_transferencia",
  "comprovante_saque",
  "novos_fornecedores",
  "projetos_mesmo_proponente",
  "preco_itens",
  "itens_comuns_e_incomuns_por_segmento",
];
