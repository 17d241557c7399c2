import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { hashFile, sha256Hex } from "./hash.js";

const dir = mkdtempSync(join(tmpdir(), "salic-hash-"));

describe("hashFile", () => {
  it("gives the sha256 hex of a small file", () => {
    const file = join(dir, "abc.txt");
    writeFileSync(file, "abc");
    expect(hashFile(file)).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("hashes a file larger than its 8 MiB read chunk (9 MiB + 1 byte of 'a', digest from sha256sum)", () => {
    const file = join(dir, "big.txt");
    writeFileSync(file, Buffer.alloc(9 * 1024 * 1024 + 1, "a"));
    expect(hashFile(file)).toBe("2c02a5e152fe1090e242aa457d412fadfc3fc7b05a00576ccd3b0d403d08eb1a");
  });

  it("fails with the system error for a missing file", () => {
    expect(() => hashFile(join(dir, "nope.csv"))).toThrow(/ENOENT/);
  });
});

describe("sha256Hex", () => {
  it("hashes bytes in memory the same way", () => {
    expect(sha256Hex(Buffer.from("abc"))).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});
