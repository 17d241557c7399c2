import { describe, expect, it } from "vitest";
import { DatabaseError } from "./connect.js";
import { loadDatabaseSync } from "./export.js";

// The database itself (frames, DataErrors) is exercised through the toolkit in src/notebook/database.test.ts.
describe("loadDatabaseSync", () => {
  it("reports an unreachable server as a DatabaseError naming the masked URL, never the password", () => {
    let error: unknown;
    try {
      loadDatabaseSync("postgres://leitor:nao-mostrar%40@127.0.0.1:1/salic");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DatabaseError);
    expect((error as Error).message).toMatch(/^postgres:\/\/leitor:\*\*\*@127\.0\.0\.1:1\/salic: cannot connect: /);
    expect(`${(error as Error).message}\n${(error as Error).stack}`).not.toMatch(/nao-mostrar/);
  });
});
