import { describe, expect, it } from "vitest";
import { maskTaxId, maskTaxIdsInText } from "./tax-id.js";

describe("maskTaxId", () => {
  it("shows only the 7th-9th digits of an 11-digit CPF, however it is written", () => {
    for (const cpf of ["12345678901", "123.456.789-01", "123456789-01", "123 456 789 01"]) expect(maskTaxId(cpf)).toBe("***.***.789-**");
  });

  it("shows only the 6th-8th digits of a 14-digit CNPJ, however it is written", () => {
    for (const cnpj of ["12345678000190", "12.345.678/0001-90", "12345678/0001-90"]) expect(maskTaxId(cnpj)).toBe("**.***.678/****-**");
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

describe("maskTaxIdsInText: what is masked", () => {
  it.each([
    ["JOAO 12345678901 LTDA", "JOAO ***.***.789-** LTDA"],
    ["MARIA 987.654.321-00", "MARIA ***.***.321-**"],
    ["cpf 123456789-01.", "cpf ***.***.789-**."],
    ["cpf 123 456 789 01, casa", "cpf ***.***.789-**, casa"],
    ['"123.456.789-01" is not a number', '"***.***.789-**" is not a number'],
    ["ACME 12.345.678/0001-90 LTDA", "ACME **.***.678/****-** LTDA"],
    ["ACME 12345678/0001-90", "ACME **.***.678/****-**"],
    ["ACME 12 345 678 0001 90", "ACME **.***.678/****-**"],
    ["(12345678000190)", "(**.***.678/****-**)"],
    ["hash -8571903399542239214", "hash ***399***"],
    ["a CPF read as a float: 12345678901.0", "a CPF read as a float: ***.***.789-**.0"],
    ["two: 11122233344;55566677788", "two: ***.***.333-**;***.***.777-**"],
  ])("%j → %j", (text, masked) => {
    expect(maskTaxIdsInText(text)).toBe(masked);
  });
});

describe("maskTaxIdsInText: what is left alone", () => {
  it.each([
    "PRONAC 000014 and 1234567",
    "money 1234567.89, -2000000000.01, 9999999999.99",
    "money written as in Brazil: 1.234.567.890,12",
    "money that looks like a CPF without its dash: 123456789.01",
    "float noise 0.30000000000000004 and 1234.5600000000001",
    "dates 2019-03-31 14:05:09 and 2019-03-31T14:05:09.250",
    "a phone (61) 99999-9999",
    "ten digits 1234567890 and twelve 123 456 789 0",
    "line 2002, column CaptacaoReal",
  ])("%j", (text) => {
    expect(maskTaxIdsInText(text)).toBe(text);
  });
});
