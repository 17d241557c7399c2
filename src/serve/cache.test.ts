import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { REGISTRY } from "../metrics/registry.js";
import { openCachedStore, type CacheOptions } from "./cache.js";
import { ENTRY_FILES } from "./entry.js";
import { writeServeFixture } from "../../test/support/serve-fixture.js";

let root: string;
let options: CacheOptions;
const lines: string[] = [];

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "salic-serve-cache-"));
  mkdirSync(join(root, "data"));
  writeServeFixture(join(root, "data"));
  lines.length = 0;
  options = { dataDir: join(root, "data"), cacheDir: join(root, "cache"), metrics: REGISTRY, log: (line) => lines.push(line), codeVersion: "test" };
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

const entries = () => readdirSync(join(root, "cache")).filter((name) => /^[0-9a-f]{64}$/.test(name));

async function open(extra: Partial<CacheOptions> = {}) {
  const result = await openCachedStore({ ...options, ...extra });
  await result.store.close();
  return result;
}

describe("openCachedStore", () => {
  it("scores on the first start and serves the same entry from disk on the next", async () => {
    const first = await open();
    expect(first.hit).toBe(false);
    expect(lines.some((line) => line.includes("scoring"))).toBe(true);
    const second = await open();
    expect(second.hit).toBe(true);
    expect(second.store.meta.key).toBe(first.store.meta.key);
    expect(entries()).toEqual([first.store.meta.key]);
    for (const file of Object.values(ENTRY_FILES)) expect(existsSync(join(root, "cache", first.store.meta.key, file))).toBe(true);
  });

  it("never serves stale results: changed data gets a new entry with the new values", async () => {
    const first = await open();
    const projects = join(root, "data", "planilha_projetos.csv");
    writeFileSync(projects, readFileSync(projects, "utf8").replace("Teatro na Praça", "Teatro na Rua"));
    const second = await open();
    expect(second.hit).toBe(false);
    expect(second.store.meta.key).not.toBe(first.store.meta.key);
    const { nome } = second.store.columns;
    const names = Array.from({ length: nome.length }, (_, i) => nome.get(i));
    expect(names).toContain("Teatro na Rua");
    expect(names).not.toContain("Teatro na Praça");
  });

  it("re-hashes a file rewritten with the same size and mtime (its ctime moved)", async () => {
    const first = await open();
    const file = join(root, "data", "planilha_captacao.csv");
    const before = statSync(file);
    writeFileSync(file, readFileSync(file, "utf8").replace("600.00", "700.00"));
    utimesSync(file, before.atime, before.mtime);
    expect(statSync(file).size).toBe(before.size);
    const second = await open();
    expect(second.hit).toBe(false);
    expect(second.store.meta.key).not.toBe(first.store.meta.key);
    const position = second.store.position("100001")!;
    expect(second.store.columns.raised_funds[position]).toBe(700);
  });

  it("trusts the stat index for unchanged files, and corrects it when the loaded bytes disagree", async () => {
    const first = await open();
    const indexPath = join(root, "cache", "stat-index.json");
    const index = JSON.parse(readFileSync(indexPath, "utf8")) as { files: Record<string, { sha256: string }> };
    const projects = Object.keys(index.files).find((path) => path.endsWith("planilha_projetos.csv"))!;
    expect(index.files[projects]!.sha256).toBe(first.store.meta.files["planilha_projetos.csv"]);
    // A forged hash for an unchanged stat is believed (no entry has that key: a miss), which
    // proves the file was not hashed again; the loaders then read the real bytes, so the
    // results are filed under the real key and the index entry is dropped.
    index.files[projects]!.sha256 = "0".repeat(64);
    writeFileSync(indexPath, JSON.stringify(index));
    const second = await open();
    expect(second.hit).toBe(false);
    expect(second.store.meta.key).toBe(first.store.meta.key);
    expect(lines.some((line) => line.includes("planilha_projetos.csv changed after hashing"))).toBe(true);
    const third = await open();
    expect(third.hit).toBe(true);
    expect(third.store.meta.key).toBe(first.store.meta.key);
  });

  it("a different metric set is a different entry", async () => {
    const all = await open();
    const some = await open({ metrics: REGISTRY.slice(0, 3) });
    expect(some.hit).toBe(false);
    expect(some.store.meta.key).not.toBe(all.store.meta.key);
    expect(some.store.meta.metrics.map((metric) => metric.id)).toEqual(REGISTRY.slice(0, 3).map((metric) => metric.id));
  });

  it("rebuilds a damaged entry", async () => {
    const first = await open();
    appendFileSync(join(root, "cache", first.store.meta.key, ENTRY_FILES.details), "garbage");
    const second = await open();
    expect(second.hit).toBe(false);
    expect(lines.some((line) => line.includes("unreadable"))).toBe(true);
    const third = await openCachedStore(options);
    try {
      expect(third.hit).toBe(true);
      expect((await third.store.details(0)).toString()).toMatch(/^\{"pronac":"000014"/);
    } finally {
      await third.store.close();
    }
  });

  it("keeps only the most recently used entries besides the current one", async () => {
    await open({ metrics: REGISTRY.slice(0, 1) });
    await open({ metrics: REGISTRY.slice(0, 2) });
    await open({ metrics: REGISTRY.slice(0, 3) });
    expect(entries()).toHaveLength(3);
    await open({ metrics: REGISTRY.slice(0, 4), keep: 1 });
    expect(entries()).toHaveLength(2);
  });

  it("says which folder lacks the tables", async () => {
    mkdirSync(join(root, "empty"));
    await expect(openCachedStore({ ...options, dataDir: join(root, "empty") })).rejects.toThrow(
      `no Salic table in ${join(root, "empty")}: expected planilha_projetos.csv and the other tables (.csv or .parquet)`,
    );
    await expect(openCachedStore({ ...options, dataDir: join(root, "nowhere") })).rejects.toThrow(
      `data directory ${join(root, "nowhere")} does not exist`,
    );
  });
});
