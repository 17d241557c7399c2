import { randomBytes } from "node:crypto";
import pg from "pg";
import { beforeAll, expect, it } from "vitest";
import { describeDatabase, freshDatabase } from "../../test/support/database.js";
import { DataError } from "../data/errors.js";
import { loadDataDir } from "../data/load.js";
import { TABLE_NAMES } from "../data/schema.js";
import { importDataDir } from "../db/import.js";
import { loadDatabase } from "../db/read.js";
import { maskDatabaseUrl } from "../db/url.js";
import { currentDataDir } from "./data-dir.js";
import { loadArquero, loadPolars } from "./data.js";
import { publishBundle } from "./publish.js";
import { RESULT_MIME, resultProblems } from "./result.js";

const PASSWORD = "s3gredo@notebook";

async function sql(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** A login role with a password that reads schema salic of `url`'s database, and the URL that logs in as it. */
async function readerUrl(url: string): Promise<string> {
  const role = `salic_nb_${randomBytes(4).toString("hex")}`;
  await sql(url, `CREATE ROLE ${role} LOGIN PASSWORD '${PASSWORD}'; GRANT USAGE ON SCHEMA salic TO ${role}; GRANT SELECT ON ALL TABLES IN SCHEMA salic TO ${role};`);
  const reader = new URL(url);
  reader.username = role;
  reader.password = PASSWORD;
  return reader.toString();
}

/** The error `work` throws (the test fails if it throws none). */
function thrown(work: () => unknown): Error {
  try {
    work();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected an error, got none");
}

describeDatabase("the notebook loaders on a database", (db) => {
  let url: string;
  beforeAll(async () => {
    url = await freshDatabase(db.url());
    await importDataDir("data-samples", url);
  }, 60_000);

  it("loadPolars(url) gives the frames loadDataDir gives for data-samples, and loadDatabase's: columns, dtypes, rows in order", async () => {
    const files = loadDataDir("data-samples", { hash: false });
    const fromDb = loadPolars(url);
    const direct = await loadDatabase(url);
    expect(Object.keys(fromDb.tables)).toEqual(TABLE_NAMES);
    for (const table of TABLE_NAMES) {
      const frame = fromDb.tables[table]!;
      const file = files.tables[table]!;
      expect(frame.columns, table).toEqual(file.columns);
      expect(frame.dtypes.map(String), table).toEqual(file.dtypes.map(String));
      expect(frame.height, table).toBe(file.height);
      expect(frame.frameEqual(file, true), table).toBe(true);
      expect(frame.writeCSV().toString(), table).toBe(file.writeCSV().toString());
      expect(frame.frameEqual(direct.tables[table]!, true), table).toBe(true);
    }
    expect(fromDb.dir).toBe(maskDatabaseUrl(url));
    expect(fromDb.missing.size).toBe(0);
    expect(fromDb.files).toEqual({});
    expect(currentDataDir()).toBe(maskDatabaseUrl(url));
  }, 60_000);

  it("loadArquero(url) gives the arquero tables of the folder; only the tables asked for are read", () => {
    const fromDb = loadArquero(url, { tables: ["planilha_projetos", "planilha_captacao"] });
    const files = loadArquero("data-samples", { tables: ["planilha_projetos", "planilha_captacao"] });
    expect(Object.keys(fromDb.tables)).toEqual(["planilha_captacao", "planilha_projetos"]);
    for (const table of ["planilha_projetos", "planilha_captacao"] as const) {
      expect(fromDb.tables[table]!.columnNames()).toEqual(files.tables[table]!.columnNames());
      expect(fromDb.tables[table]!.objects()).toEqual(files.tables[table]!.objects());
    }
  }, 60_000);

  it("publishes the URL with its password masked as data_dir", async () => {
    const reader = await readerUrl(url);
    const loaded = loadPolars(reader, { tables: ["planilha_projetos"] });
    // data-samples/README.md: 401 rows, one of them without a PRONAC.
    expect(loaded.tables.planilha_projetos!.height).toBe(401);
    const masked = maskDatabaseUrl(reader);
    expect(masked).toMatch(/^postgres:\/\/salic_nb_[0-9a-f]+:\*\*\*@127\.0\.0\.1:\d+\/salic_test_/);
    expect(loaded.dir).toBe(masked);
    expect(currentDataDir()).toBe(masked);
    const { result, bundle } = publishBundle("itens_orcamentarios", { "14": { valor: 1 } }, { tolerance: { abs: 0, rel: 0 } });
    expect(result.data_dir).toBe(masked);
    expect(resultProblems(result)).toEqual([]);
    expect(JSON.stringify(bundle)).not.toContain("s3gredo");
    // Given the URL itself, publish masks it too; a password in a payload is never canonical.
    expect(publishBundle("itens_orcamentarios", { "14": { valor: 1 } }, { tolerance: { abs: 0, rel: 0 }, dataDir: reader }).result.data_dir).toBe(masked);
    expect(resultProblems({ ...result, data_dir: reader })).toEqual([`data_dir ${JSON.stringify(reader)} is not canonical (expected ${JSON.stringify(masked)})`]);
  }, 60_000);

  it("names table, column, PRONAC and value of what does not fit a foreign-shaped database, and never the password", async () => {
    const foreign = await freshDatabase(db.url());
    await importDataDir("data-samples", foreign);
    // Salic's own shape: text everywhere, an extra column, a value that is not money.
    await sql(foreign, "DROP TABLE salic.planilha_captacao");
    await sql(foreign, 'CREATE TABLE salic.planilha_captacao ("Pronac" text, "Segmento" text, "CaptacaoReal" text, "Observacao" text)');
    await sql(foreign, "INSERT INTO salic.planilha_captacao VALUES ('000014', '11', '10.50', 'ignorada'), ('14', '11', 'muito', NULL)");
    const reader = await readerUrl(foreign);

    let direct: Error | undefined;
    await loadDatabase(reader).catch((error: Error) => (direct = error));
    const error = thrown(() => loadPolars(reader));
    expect(error).toBeInstanceOf(DataError);
    expect(error.message).toBe(
      'salic.planilha_captacao, row 2, column CaptacaoReal: "muito" is not a number (expected digits with "." as decimal point, e.g. 12.50) (the row with Pronac "14")',
    );
    expect(error.message).toBe(direct?.message);
    expect(error).toMatchObject({ file: "salic.planilha_captacao", row: 2, column: "CaptacaoReal", value: "muito" });
    expect(`${error.message}\n${error.stack ?? ""}`).not.toContain("s3gredo");
    expect(thrown(() => loadArquero(reader)).message).toBe(error.message);

    // A missing column, then a missing table: DataErrors too, the URL masked.
    await sql(foreign, 'ALTER TABLE salic.planilha_captacao DROP COLUMN "CaptacaoReal"');
    const column = thrown(() => loadPolars(reader));
    expect(column).toBeInstanceOf(DataError);
    expect(column.message).toBe('salic.planilha_captacao: missing column "CaptacaoReal" (a metric reads it)');
    await sql(foreign, "DROP TABLE salic.planilha_captacao");
    const table = thrown(() => loadPolars(reader));
    expect(table).toBeInstanceOf(DataError);
    expect(table.message).toBe(`salic.planilha_captacao: table salic.planilha_captacao not found in ${maskDatabaseUrl(reader)}`);
    expect(table.message).not.toContain("s3gredo");
  }, 60_000);
});
