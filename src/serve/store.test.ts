import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REGISTRY } from "../metrics/registry.js";
import { writeServeFixture } from "../../test/support/serve-fixture.js";
import { openCachedStore } from "./cache.js";
import { ENTRY_FILES, float64s } from "./entry.js";
import { DamagedEntryError, openStore, type ProjectStore } from "./store.js";

// A real cache entry of the fixture, copied and damaged byte by byte.
let root: string;
let entry: string;
let offsets: Float64Array;
let position: (pronac: string) => number;
let original: Map<string, Buffer>;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "salic-serve-store-"));
  mkdirSync(join(root, "data"));
  writeServeFixture(join(root, "data"));
  const { store } = await openCachedStore({ dataDir: join(root, "data"), cacheDir: join(root, "cache"), metrics: REGISTRY, log: () => {} });
  entry = store.dir;
  offsets = float64s(readFileSync(join(entry, ENTRY_FILES.detailsIndex)));
  position = (pronac) => store.position(pronac)!;
  original = new Map();
  for (const pronac of ["100001", "100002"]) original.set(pronac, Buffer.from(await store.details(position(pronac))));
  await store.close();
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A copy of the entry whose details.bin (and details.idx) `damage` rewrote. */
async function damaged(name: string, damage: (details: Buffer, offsets: Float64Array) => { details: Buffer; offsets?: Float64Array }): Promise<ProjectStore> {
  const dir = join(root, name);
  cpSync(entry, dir, { recursive: true });
  const result = damage(readFileSync(join(dir, ENTRY_FILES.details)), offsets.slice());
  writeFileSync(join(dir, ENTRY_FILES.details), result.details);
  if (result.offsets !== undefined) writeFileSync(join(dir, ENTRY_FILES.detailsIndex), Buffer.from(result.offsets.buffer));
  return openStore(dir);
}

/** Where `text` starts in project `pronac`'s record. */
function at(details: Buffer, pronac: string, text: string): number {
  const start = offsets[position(pronac)]!;
  const found = details.indexOf(Buffer.from(text), start);
  expect(found, `${text} in the record of ${pronac}`).toBeGreaterThanOrEqual(start);
  expect(found).toBeLessThan(offsets[position(pronac) + 1]!);
  return found;
}

describe("details records", () => {
  it("an undamaged entry serves each record as it was written", async () => {
    const store = await openStore(entry);
    try {
      expect((await store.details(position("100001"))).equals(original.get("100001")!)).toBe(true);
      expect(JSON.parse((await store.details(position("100001"))).toString("utf8")).pronac).toBe("100001");
    } finally {
      await store.close();
    }
  });

  it("a flipped byte that breaks the JSON is a DamagedEntryError naming the entry and the PRONAC; other records are still served", async () => {
    const store = await damaged("broken-json", (details) => {
      const quote = at(details, "100001", '"indicadores"');
      details[quote] = details[quote]! ^ 0x01;
      return { details };
    });
    try {
      const error = await store.details(position("100001")).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(DamagedEntryError);
      expect((error as DamagedEntryError).message).toBe(`cache entry ${join(root, "broken-json")} is damaged: the details of PRONAC 100001 fail their checksum`);
      expect((error as DamagedEntryError).dir).toBe(join(root, "broken-json"));
      // Checked again on the next read: a damaged record is never marked good.
      await expect(store.details(position("100001"))).rejects.toThrow(DamagedEntryError);
      expect((await store.details(position("100002"))).equals(original.get("100002")!)).toBe(true);
    } finally {
      await store.close();
    }
  });

  it("a flipped bit in a multi-byte letter (valid JSON once decoded leniently, as U+FFFD) is caught too", async () => {
    const store = await damaged("broken-utf8", (details) => {
      // "ú" of "Música" is C3 BA; C3 ^ 0x40 = 0x83 cannot start a UTF-8 sequence.
      const letter = at(details, "100001", "ú");
      details[letter] = details[letter]! ^ 0x40;
      expect(JSON.parse(details.subarray(offsets[position("100001")], offsets[position("100001") + 1]).toString("utf8")).nome).toBe("Festival de M\uFFFD\uFFFDsica do Sertão");
      return { details };
    });
    try {
      await expect(store.details(position("100001"))).rejects.toThrow(
        `cache entry ${join(root, "broken-utf8")} is damaged: the details of PRONAC 100001 fail their checksum`,
      );
    } finally {
      await store.close();
    }
  });

  it("a digit changed inside a number (still valid JSON of the same project) is caught by the checksum", async () => {
    const store = await damaged("changed-digit", (details, index) => {
      const i = position("100001");
      const record = details.subarray(index[i]!, index[i + 1]!);
      const at = record.indexOf('"complexidade":') + '"complexidade":'.length;
      record[at] = record[at] === 0x39 ? 0x38 : record[at]! + 1;
      return { details };
    });
    try {
      await expect(store.details(position("100001"))).rejects.toThrow(
        `cache entry ${join(root, "changed-digit")} is damaged: the details of PRONAC 100001 fail their checksum`,
      );
    } finally {
      await store.close();
    }
  });

  it("an index pointing at another project's record is caught", async () => {
    const store = await damaged("wrong-record", (details, index) => {
      // Project 100001's slot holds 100002's record; the offsets after it move by the difference.
      const i = position("100001");
      const other = original.get("100002")!;
      const shift = other.length - (index[i + 1]! - index[i]!);
      const rewritten = Buffer.concat([details.subarray(0, index[i]!), other, details.subarray(index[i + 1]!)]);
      for (let k = i + 1; k < index.length; k++) index[k] = index[k]! + shift;
      return { details: rewritten, offsets: index };
    });
    try {
      await expect(store.details(position("100001"))).rejects.toThrow(
        `cache entry ${join(root, "wrong-record")} is damaged: the details of PRONAC 100001 fail their checksum`,
      );
      expect((await store.details(position("100002"))).equals(original.get("100002")!)).toBe(true);
    } finally {
      await store.close();
    }
  });
});
