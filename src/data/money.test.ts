import pl from "nodejs-polars";
import { describe, expect, it } from "vitest";
import { exactMoney, findMoneyProblem } from "./money.js";
import { SCHEMA } from "./schema.js";

describe("exactMoney", () => {
  it("fails on a value beyond Int64 micro-reais instead of leaving it out of a sum", () => {
    const df = pl.DataFrame({ v: [1, 1e13] });
    expect(() => df.select(exactMoney("v").sum())).toThrow(/conversion from `f64` to `i64` failed/);
  });

  it("recovers every micro-real of a value at the limit", () => {
    const df = pl.DataFrame({ v: [1999999999.999999, -1999999999.000001, 0.30000000000000004] });
    expect(df.select(exactMoney("v")).getColumn("v").toArray()).toEqual([1999999999999999, -1999999999000001, 300000]);
  });
});

describe("findMoneyProblem", () => {
  const columns = SCHEMA.planilha_aprovacao_comprovacao;

  it("names the lowest row with a value beyond the range, ties in column order, before any total", () => {
    const df = pl.DataFrame({ vlComprovacao: [1, 3e9, 1], vlAprovado: [1, 3e9, 1] });
    expect(findMoneyProblem(df, columns)).toEqual({ row: 1, column: "vlComprovacao", kind: "value" });
  });

  it("ignores nulls and columns that are not money", () => {
    const df = pl.DataFrame({ vlComprovacao: [null, 1], vlAprovado: [2, null], idPlanilhaItem: [5e12, 1] });
    expect(findMoneyProblem(df, columns)).toBeUndefined();
  });
});
