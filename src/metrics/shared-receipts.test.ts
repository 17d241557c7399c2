import pl from "nodejs-polars";
import { describe, expect, it } from "vitest";
import {
  comprovanteCheque,
  comprovanteSaque,
  comprovanteTransferencia,
  paymentCode,
} from "./shared-receipts.js";
import type { SalicTables } from "../data/schema.js";

type Row = [string, number | null, string | null, string, string, number, string];

/** planilha_comprovacao rows: PRONAC, receipt id, payment type, Item, supplier, value, tax id. */
function links(rows: Row[]): pl.DataFrame {
  const col = <T>(i: number) => rows.map((r) => r[i] as T);
  return pl.DataFrame(
    {
      PRONAC: col<string>(0),
      idComprovantePagamento: col<number | null>(1),
      tpFormaDePagamento: col<string | null>(2),
      Item: col<string>(3),
      nmFornecedor: col<string>(4),
      vlComprovacao: col<number>(5),
      nrCNPJCPF: col<string>(6),
    },
    {
      schema: {
        PRONAC: pl.Utf8,
        idComprovantePagamento: pl.Int64,
        tpFormaDePagamento: pl.Utf8,
        Item: pl.Utf8,
        nmFornecedor: pl.Utf8,
        vlComprovacao: pl.Float64,
        nrCNPJCPF: pl.Utf8,
      },
    },
  );
}

const HASHED = "-8571903399542239214";
const tables: SalicTables = {
  planilha_comprovacao: links([
    ["14", 7, "2", "Cachê", "Ana", 100, "111"],
    ["000014", 7, "2.0", "Transporte", "Bia", 50.5, "222"],
    ["14", 5, "1.0", "Som", "Caio", 10.125, HASHED],
    ["14", 5, "1", "Luz", "Caio", 20, HASHED],
    ["14", 9, "0", "Palco", "Davi", 1, "333"],
    ["14", 9, null, "Palco", "Davi", 1, "333"],
    ["15", 9, "abc", "Palco", "Davi", 1, "333"],
    ["15", 3, "1", "Lona", "Eva", 5, "444"],
    ["16", 20, "3", "b", "F", 1, "5"],
    ["16", 20, "3", "a", "F", 2, "5"],
    ["16", 10, "3", "z", "G", 3, "6"],
    ["16", 10, "3", "z", "A", 3, "6"],
    ["17", 30, "1", "Som", "H", 1, "7"],
    ["18", 30, "2", "Som", "H", 1, "7"],
    ["19", null, "1", "Som", "I", 1, "8"],
    ["19", null, "1", "Som", "I", 1, "8"],
  ]),
  planilha_projetos: pl.DataFrame(
    { PRONAC: ["14", "000014", "15", "16", "17", "18", "19", "99"] },
    { schema: { PRONAC: pl.Utf8 } },
  ),
};

const cheque = comprovanteCheque.compute(tables, new Map());
const transferencia = comprovanteTransferencia.compute(tables, new Map());
const saque = comprovanteSaque.compute(tables, new Map());

describe("comprovante_cheque / _transferencia / _saque", () => {
  it("are weighted 1, 5 and 5, right tail, available for every project", () => {
    expect([comprovanteCheque, comprovanteTransferencia, comprovanteSaque].map((m) => [m.id, m.weight])).toEqual([
      ["comprovante_cheque", 1],
      ["comprovante_transferencia", 5],
      ["comprovante_saque", 5],
    ]);
    for (const m of [comprovanteCheque, comprovanteTransferencia, comprovanteSaque]) {
      expect(m.absence).toBe("zero");
      expect(m.details).toEqual(["comprovantes"]);
      expect(m.tables).toEqual(["planilha_comprovacao"]);
    }
  });

  it("a receipt shared across two projects counts for both; PRONAC 000014 is not 14", () => {
    expect(transferencia.get("14")).toEqual({
      valor: 1,
      is_outlier: true,
      valor_valido: true,
      minimo_esperado: 0,
      maximo_esperado: 0,
      comprovantes: [
        { id_comprovante: 7, itens: [{ item: "Cachê", nome_fornecedor: "Ana", valor_comprovado: 100, cpf_cnpj_fornecedor: "111" }] },
      ],
    });
    expect(transferencia.get("000014")?.comprovantes).toEqual([
      { id_comprovante: 7, itens: [{ item: "Transporte", nome_fornecedor: "Bia", valor_comprovado: 50.5, cpf_cnpj_fornecedor: "222" }] },
    ]);
  });

  it("\"1.0\" is the same payment code as \"1\"; lines by item; money to 2 decimals; tax id kept raw", () => {
    expect(cheque.get("14")?.valor).toBe(1);
    expect(cheque.get("14")?.comprovantes).toEqual([
      {
        id_comprovante: 5,
        itens: [
          { item: "Luz", nome_fornecedor: "Caio", valor_comprovado: 20, cpf_cnpj_fornecedor: HASHED },
          { item: "Som", nome_fornecedor: "Caio", valor_comprovado: 10.12, cpf_cnpj_fornecedor: HASHED },
        ],
      },
    ]);
  });

  it("never counts unknown payment types (0, null, non-numeric text)", () => {
    // Receipt 9 is shared (3 rows) but none of its rows has a known type.
    for (const results of [cheque, transferencia, saque]) {
      const ids = (results.get("14")?.comprovantes as { id_comprovante: number }[]).map((r) => r.id_comprovante);
      expect(ids).not.toContain(9);
    }
    expect(saque.get("14")?.valor).toBe(0);
  });

  it("does not count a receipt used in a single row", () => {
    expect(cheque.get("15")).toMatchObject({ valor: 0, is_outlier: false, comprovantes: [] });
  });

  it("lists receipts by id, lines by item then supplier name", () => {
    expect(saque.get("16")).toMatchObject({
      valor: 2,
      is_outlier: true,
      comprovantes: [
        {
          id_comprovante: 10,
          itens: [
            { item: "z", nome_fornecedor: "A", valor_comprovado: 3, cpf_cnpj_fornecedor: "6" },
            { item: "z", nome_fornecedor: "G", valor_comprovado: 3, cpf_cnpj_fornecedor: "6" },
          ],
        },
        {
          id_comprovante: 20,
          itens: [
            { item: "a", nome_fornecedor: "F", valor_comprovado: 2, cpf_cnpj_fornecedor: "5" },
            { item: "b", nome_fornecedor: "F", valor_comprovado: 1, cpf_cnpj_fornecedor: "5" },
          ],
        },
      ],
    });
  });

  it("counts a receipt shared across projects under each row's own payment type", () => {
    expect([cheque.get("17")?.valor, transferencia.get("17")?.valor]).toEqual([1, 0]);
    expect([cheque.get("18")?.valor, transferencia.get("18")?.valor]).toEqual([0, 1]);
  });

  it("does not treat a null receipt id as a shared receipt", () => {
    expect(cheque.get("19")?.valor).toBe(0);
  });

  it("reports a project with rows but no shared receipt as available, valor 0, empty list, min and max 0", () => {
    const expected = { valor: 0, is_outlier: false, valor_valido: true, minimo_esperado: 0, maximo_esperado: 0, comprovantes: [] };
    expect(cheque.get("15")).toEqual(expected);
    expect(transferencia.get("15")).toEqual(expected);
    expect(saque.get("15")).toEqual(expected);
  });

  it("computes every PRONAC of planilha_comprovacao, sorted; others are left to the \"zero\" absence", () => {
    expect([...cheque.keys()]).toEqual(["000014", "14", "15", "16", "17", "18", "19"]);
  });

  it("fails naming the table when planilha_comprovacao is not loaded", () => {
    expect(() => comprovanteCheque.compute({}, new Map())).toThrow(/planilha_comprovacao/);
  });
});

describe("paymentCode", () => {
  it("reads numeric spellings as the same code and anything else as null", () => {
    const df = pl.DataFrame(
      { t: ["1", "1.0", " 2 ", "3.00", "0", null, "cheque", ""] },
      { schema: { t: pl.Utf8 } },
    );
    expect(df.select(paymentCode("t")).getColumn("t").toArray()).toEqual([1, 1, 2, 3, 0, null, null, null]);
  });
});
