import { describe, expect, it } from "vitest";
import { maskTaxId, maskTaxIds, maskTaxIdsInText } from "./mask.js";

describe("maskTaxId", () => {
  it("shows only the 7th-9th digits of an 11-digit CPF", () => {
    expect(maskTaxId("12345678901")).toBe("***.***.789-**");
    expect(maskTaxId("123.456.789-01")).toBe("***.***.789-**");
  });

  it("shows only the 6th-8th digits of a 14-digit CNPJ", () => {
    expect(maskTaxId("12345678000190")).toBe("**.***.678/****-**");
    expect(maskTaxId("12.345.678/0001-90")).toBe("**.***.678/****-**");
  });

  it("shows at most the 3 middle characters of an opaque or hashed id", () => {
    expect(maskTaxId("-8571903399542239214")).toBe("***399***");
    expect(maskTaxId("abcdefghi")).toBe("***def***");
  });

  it("hides a short opaque value entirely", () => {
    expect(maskTaxId("12345678")).toBe("***");
    expect(maskTaxId("x")).toBe("***");
  });
});

describe("maskTaxIdsInText", () => {
  it("masks CPF, CNPJ and long digit runs inside a name, leaving PRONACs and the words", () => {
    expect(maskTaxIdsInText("JOAO 12345678901 PRONAC 1234567")).toBe("JOAO ***.***.789-** PRONAC 1234567");
    expect(maskTaxIdsInText("ACME 12.345.678/0001-90 LTDA")).toBe("ACME **.***.678/****-** LTDA");
    expect(maskTaxIdsInText("MARIA 987.654.321-00")).toBe("MARIA ***.***.321-**");
  });
});

describe("maskTaxIds", () => {
  it("masks tax-id keys whole and digit runs elsewhere, in nested objects and arrays", () => {
    const input = {
      responsavel: "11122233344",
      lista: [{ nome: "FORNECEDOR 55566677788", cnpj: "12345678000190", valor: 12345678901 }],
      itens: { "98765432109876": { nome: "Som", cpf_cnpj_fornecedor: "hash-xyz-000111222" } },
      vazio: "",
      nulo: null,
    };
    expect(maskTaxIds(input)).toEqual({
      responsavel: "***.***.333-**",
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
