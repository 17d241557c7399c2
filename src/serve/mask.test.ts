import { describe, expect, it } from "vitest";
import { maskTaxIds } from "./mask.js";

describe("maskTaxIds", () => {
  it("masks tax-id keys whole and digit runs elsewhere, in nested objects and arrays", () => {
    const input = {
      proponente: "11122233344",
      lista: [{ nome: "FORNECEDOR 55566677788", cnpj: "12345678000190", valor: 12345678901 }],
      itens: { "98765432109876": { nome: "Som", cpf_cnpj_fornecedor: "hash-xyz-000111222" } },
      vazio: "",
      nulo: null,
    };
    expect(maskTaxIds(input)).toEqual({
      proponente: "***.***.333-**",
      lista: [{ nome: "FORNECEDOR ***.***.777-**", cnpj: "**.***.678/****-**", valor: 12345678901 }],
      itens: { "98765432109876": { nome: "Som", cpf_cnpj_fornecedor: "***z-0***" } },
      vazio: "",
      nulo: null,
    });
  });

  it("does not modify its input", () => {
    const input = { cnpj: "12345678000190" };
    maskTaxIds(input);
    expect(input.cnpj).toBe("12345678000190");
  });
});

describe("maskTaxIds: the spellings of util/tax-id.ts", () => {
  it("masks a CPF or CNPJ with blanks or partial punctuation inside any string, not an ordinary value", () => {
    expect(maskTaxIds({ nome: "JOAO 123456789-01", obs: "CNPJ 12345678/0001-90", item: "Cachê 123 456 789 01" })).toEqual({
      nome: "JOAO ***.***.789-**",
      obs: "CNPJ **.***.678/****-**",
      item: "Cachê ***.***.789-**",
    });
    expect(maskTaxIds({ pronac: "000014", valor: "1234567.89", data: "2019-03-31 14:05:09" })).toEqual({
      pronac: "000014",
      valor: "1234567.89",
      data: "2019-03-31 14:05:09",
    });
  });
});
