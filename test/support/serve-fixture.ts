import { writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * A hand-made data directory for the service's tests, small enough that every
 * expected value is worked out by hand (all projects in segment "11"):
 *
 * - 100001 "Festival de Música do Sertão" (CPF 12345678901): 5 budget lines
 *   where the others have 1 — counts [5,1,1,1,1,1], mean 10/6, sample std
 *   √(16/6) ≈ 1.633, so maximo_esperado ≈ 4.116 and 5 is an outlier (w 1);
 *   receipt 9001 (transfer) pays two of its lines — shared (w 5); it proved
 *   300.00 on a line approved at 100.00 — above 150 % (w 2); its provider
 *   CNPJ 12345678000190 appears nowhere else — 100 % new providers against a
 *   segment average of 1/3 (w 1); raised 600.00, proved 500.00 — 100.00 to
 *   prove (w 5). Complexity round(10·14/22, 1) = 6.4, "Muito complexo".
 * - 100002 "Teatro na Praça" (CNPJ 98765432000110): raised 1000.00, proved
 *   100.00 — 900.00 to prove (w 5): round(10·5/22, 1) = 2.3, "Normal".
 * - 100003 "Ação Cultural São João" (hashed id), 100004, 100005 and 000014
 *   (same proponent as 100001, one other project only): complexity 0.
 * - 14 filler projects 200001–200014 without any rows, complexity 0, so
 *   the list has 20 projects and two pages.
 */
export function writeServeFixture(dir: string): void {
  write(dir, "planilha_projetos.csv", [
    "PRONAC,idPRONAC,Segmento,NomeProjeto,CgcCpf,Situacao,DtInicioExecucao,DtFimExecucao",
    '100001,1,11,"Festival de Música do Sertão",12345678901,E12,2019-02-01,2019-12-31',
    "100002,2,11,Teatro na Praça,98765432000110,,,",
    "100003,3,11,Ação Cultural São João,-8571903399542239214,,,",
    "100004,4,11,Oficina de Dança,11122233344,,,",
    "100005,5,11,Mostra de Cinema,55566677788,,,",
    "000014,6,11,Coral Municipal,12345678901,G24,2018-03-05 10:30:00,",
    ...Array.from({ length: 14 }, (_, i) => {
      const n = String(i + 1).padStart(2, "0");
      return `2000${n},${10 + i},11,Projeto Auxiliar ${n},200000000${n},,,`;
    }),
  ]);
  const budgetHeader =
    "idPronac,PRONAC,idPlanilhaAprovacao,Item,idPlanilhaItens,VlUnitarioAprovado,VlTotalAprovado,UfItem,idSegmento,idProduto,DataProjeto,cdEtapa,cdCidade";
  const line = (idPronac: number, pronac: string, id: number, item: string, itemId: number, value: string) =>
    `${idPronac},${pronac},${id},${item},${itemId},${value},${value},PE,11,1,2019-01-10,2,2611606`;
  write(dir, "planilha_orcamentaria.csv", [
    budgetHeader,
    line(1, "100001", 1, "Cachê artístico", 10, "100.00"),
    line(1, "100001", 2, "Som e iluminação", 11, "200.00"),
    line(1, "100001", 3, "Hospedagem", 12, "300.00"),
    line(1, "100001", 4, "Alimentação", 13, "50.00"),
    line(1, "100001", 5, "Transporte", 14, "80.00"),
    line(2, "100002", 6, "Cachê artístico", 10, "100.00"),
    line(3, "100003", 7, "Som e iluminação", 11, "50.00"),
    line(4, "100004", 8, "Cachê artístico", 10, "120.00"),
    line(5, "100005", 9, "Hospedagem", 12, "90.00"),
    line(6, "000014", 10, "Cachê artístico", 10, "100.00"),
  ]);
  const receipt = (pronac: string, line: number, item: string, itemId: number, value: string, id: number, taxId: string, name: string, type: string) =>
    `${pronac},${line},${itemId},${item},11,${value},${id},${taxId},${name},${type}`;
  const receipts = [
    receipt("100001", 1, "Cachê artístico", 10, "300.00", 9001, "12345678000190", "Som e Luz Ltda", "2"),
    receipt("100001", 2, "Som e iluminação", 11, "200.00", 9001, "12345678000190", "Som e Luz Ltda", "2"),
    receipt("100002", 6, "Cachê artístico", 10, "100.00", 9002, "98765432100", "Maria Souza", "1"),
    receipt("100003", 7, "Som e iluminação", 11, "50.00", 9003, "98765432100", "Maria Souza", "1"),
  ];
  write(dir, "planilha_comprovacao.csv", [
    "PRONAC,idPlanilhaAprovacao,idPlanilhaItem,Item,idSegmento,vlComprovacao,idComprovantePagamento,nrCNPJCPF,nmFornecedor,tpFormaDePagamento",
    ...receipts,
  ]);
  const approved = ["100.00", "200.00", "100.00", "50.00"];
  write(dir, "planilha_aprovacao_comprovacao.csv", [
    "PRONAC,idPlanilhaAprovacao,idPlanilhaItem,Item,idSegmento,vlComprovacao,idComprovantePagamento,nrCNPJCPF,nmFornecedor,tpFormaDePagamento,vlAprovado",
    ...receipts.map((row, i) => `${row},${approved[i]}`),
  ]);
  write(dir, "planilha_captacao.csv", [
    "Pronac,Segmento,CgcCpfMecena,CaptacaoReal",
    "100001,11,33344455566,600.00",
    "100002,11,33344455566,1000.00",
  ]);
}

function write(dir: string, name: string, lines: readonly string[]): void {
  writeFileSync(join(dir, name), `${lines.join("\n")}\n`);
}
