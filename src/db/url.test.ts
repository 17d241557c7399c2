import { describe, expect, it } from "vitest";
import { databaseUrl, maskDatabaseUrl, maskPassword } from "./url.js";

describe("maskDatabaseUrl", () => {
  it("replaces the password and keeps the rest", () => {
    expect(maskDatabaseUrl("postgres://analista:s3cr%40t@db.example:5433/salic")).toBe("postgres://analista:***@db.example:5433/salic");
  });
  it("leaves a URL without password as it is and hides one that does not parse", () => {
    expect(maskDatabaseUrl("postgres://postgres@127.0.0.1:5432/postgres")).toBe("postgres://postgres@127.0.0.1:5432/postgres");
    expect(maskDatabaseUrl("s3cret")).toBe("<database URL>");
  });
});

describe("maskPassword", () => {
  it("removes the password, plain or percent-encoded, from any text", () => {
    const url = "postgres://u:p%40ss@h/d";
    expect(maskPassword("auth failed for u with p@ss at postgres://u:p%40ss@h/d", url)).toBe("auth failed for u with *** at postgres://u:***@h/d");
  });
});

describe("databaseUrl", () => {
  it("takes --db first, then SALIC_ML_DB, else none", () => {
    expect(databaseUrl("postgres://a@h/d", { SALIC_ML_DB: "postgres://b@h/d" })).toBe("postgres://a@h/d");
    expect(databaseUrl(undefined, { SALIC_ML_DB: "postgresql://b@h/d" })).toBe("postgresql://b@h/d");
    expect(databaseUrl(undefined, {})).toBeUndefined();
    expect(databaseUrl(undefined, { SALIC_ML_DB: "" })).toBeUndefined();
  });
  it("refuses what is not a PostgreSQL URL, naming where it came from", () => {
    expect(() => databaseUrl("mssql://sa@h/salic", {})).toThrow("--db must be a postgres:// URL, got mssql:// (only PostgreSQL is supported)");
    expect(() => databaseUrl(undefined, { SALIC_ML_DB: "not a url" })).toThrow("SALIC_ML_DB is not a URL");
  });
});
