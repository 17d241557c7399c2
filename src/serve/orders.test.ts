import { describe, expect, it } from "vitest";
import { sortPermutation } from "./orders.js";

const columns = {
  pronac: ["000014", "14", "2001", "30"],
  busca: ["orfaos do sertao", "banda larga", "agua viva", "agua fria"],
  complexidade: [4.5, 9, 4.5, 0],
};

describe("sortPermutation", () => {
  it("-complexidade puts the most complex first and keeps PRONAC order among ties", () => {
    expect([...sortPermutation(columns, "-complexidade")]).toEqual([1, 0, 2, 3]);
  });

  it("complexidade ascending also keeps PRONAC order among ties", () => {
    expect([...sortPermutation(columns, "complexidade")]).toEqual([3, 0, 2, 1]);
  });

  it("nome sorts by the folded name, so case and accents do not matter", () => {
    expect([...sortPermutation(columns, "nome")]).toEqual([3, 2, 1, 0]);
    expect([...sortPermutation(columns, "-nome")]).toEqual([0, 1, 2, 3]);
  });

  it("pronac sorts as strings, so 000014 comes before 14", () => {
    expect([...sortPermutation(columns, "pronac")]).toEqual([0, 1, 2, 3]);
    expect([...sortPermutation(columns, "-pronac")]).toEqual([3, 2, 1, 0]);
  });

  it("responsavel is PRONAC order both ways in the cache (who has a project is ordered while serving, see ProjectList)", () => {
    expect([...sortPermutation(columns, "responsavel")]).toEqual([0, 1, 2, 3]);
    expect([...sortPermutation(columns, "-responsavel")]).toEqual([0, 1, 2, 3]);
  });
});
