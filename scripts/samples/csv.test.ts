import { describe, expect, it } from "vitest";
import { csvField, csvRow, dayOf, formatCents, formatDateTime, formatDay, formatMills } from "./csv.js";

describe("csvField", () => {
  it("leaves plain text, accents and empty text unquoted", () => {
    expect(csvField("Produtor executivo")).toBe("Produtor executivo");
    expect(csvField("Iluminação cênica")).toBe("Iluminação cênica");
    expect(csvField("")).toBe("");
  });
  it("quotes text with a comma", () => {
    expect(csvField("Passagens, ida e volta")).toBe('"Passagens, ida e volta"');
  });
  it("quotes text with a double quote and doubles each quote", () => {
    expect(csvField('Cachê "convidado"')).toBe('"Cachê ""convidado"""');
  });
  it("quotes text with a line feed or a carriage return", () => {
    expect(csvField("Material\ngráfico")).toBe('"Material\ngráfico"');
    expect(csvField("a\rb")).toBe('"a\rb"');
  });
});

describe("csvRow", () => {
  it("joins fields with commas, quoting only those that need it", () => {
    expect(csvRow(["000014", "a,b", "", 'x"y'])).toBe('000014,"a,b",,"x""y"');
  });
});

describe("money and dates", () => {
  it("formats cents with exactly two decimals", () => {
    expect(formatCents(0)).toBe("0.00");
    expect(formatCents(5)).toBe("0.05");
    expect(formatCents(123456)).toBe("1234.56");
    expect(formatCents(-150)).toBe("-1.50");
    expect(formatCents(0.0001)).toBe("0.000001");
    expect(formatCents(-0.0042)).toBe("-0.000042");
  });
  it("writes a fraction of a cent, in eighths, with the decimals it needs", () => {
    expect(formatCents(1012.5)).toBe("10.125");
    expect(formatCents(0.375)).toBe("0.00375");
    expect(formatCents(7.75)).toBe("0.0775");
    expect(formatCents(-0.5)).toBe("-0.005");
    expect(() => formatCents(1.1)).toThrow(/eighths of a cent/);
  });
  it("formats mills with two decimals unless the third is not zero", () => {
    expect(formatMills(12340)).toBe("12.34");
    expect(formatMills(12345)).toBe("12.345");
    expect(formatMills(1005)).toBe("1.005");
    expect(formatMills(1)).toBe("0.001");
  });
  it("formatDay agrees with the calendar for every 97th day from 1899 to 2101", () => {
    for (let day = dayOf(1899, 1, 1); day < dayOf(2101, 1, 1); day += 97) {
      expect(formatDay(day)).toBe(new Date(day * 86_400_000).toISOString().slice(0, 10));
    }
  });
  it("formats ISO dates and datetimes", () => {
    const d = dayOf(2013, 1, 1);
    expect(formatDay(d)).toBe("2013-01-01");
    expect(formatDay(dayOf(2000, 2, 29))).toBe("2000-02-29");
    expect(formatDateTime(d, 3600 * 9 + 60 * 5 + 7)).toBe("2013-01-01 09:05:07");
  });
});
