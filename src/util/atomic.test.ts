import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { publishDirectory, writeFileAtomic, writeFilesAtomic, writeStreamAtomic } from "./atomic.js";

const tempDir = () => mkdtempSync(join(tmpdir(), "salic-atomic-"));

describe("writeStreamAtomic", () => {
  it("replaces the file with what was written and leaves no temporary file", async () => {
    const dir = tempDir();
    const path = join(dir, "score.json");
    writeFileSync(path, "old");
    await writeStreamAtomic(path, async (out) => {
      out.write("new ");
      out.end("content");
    });
    expect(readFileSync(path, "utf8")).toBe("new content");
    expect(readdirSync(dir)).toEqual(["score.json"]);
  });

  it("keeps the old file and removes the temporary one when writing fails half-way", async () => {
    const dir = tempDir();
    const path = join(dir, "score.json");
    writeFileSync(path, "old");
    const failing = writeStreamAtomic(path, async (out) => {
      out.write("half of it");
      throw new Error("disk on fire");
    });
    await expect(failing).rejects.toThrow("disk on fire");
    expect(readFileSync(path, "utf8")).toBe("old");
    expect(readdirSync(dir)).toEqual(["score.json"]);
  });

  it("fails with the system error when the directory does not exist", async () => {
    const path = join(tempDir(), "missing", "score.json");
    await expect(writeStreamAtomic(path, async (out) => void out.end("x"))).rejects.toThrow(/ENOENT/);
  });
});

describe("writeFileAtomic", () => {
  it("replaces the file and leaves no temporary file", () => {
    const dir = tempDir();
    const path = join(dir, "record.json");
    writeFileSync(path, "old");
    writeFileAtomic(path, "new");
    expect(readFileSync(path, "utf8")).toBe("new");
    expect(readdirSync(dir)).toEqual(["record.json"]);
  });

  it("fails with the system error, leaving nothing behind, when the directory does not exist", () => {
    const dir = tempDir();
    expect(() => writeFileAtomic(join(dir, "missing", "x.json"), "x")).toThrow(/ENOENT/);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe("writeFilesAtomic", () => {
  it("a run that fails leaves the output folder as it was and no temporary folder behind", () => {
    const root = tempDir();
    const out = join(root, "kept");
    writeFilesAtomic(out, (tmp) => {
      writeFileSync(join(tmp, "x.csv"), "old\n");
      return [{ name: "x.csv", sha256: "", bytes: 4 }];
    });
    expect(() =>
      writeFilesAtomic(out, (tmp) => {
        writeFileSync(join(tmp, "x.csv"), "half");
        throw new Error("disk full");
      }),
    ).toThrow("disk full");
    expect(readFileSync(join(out, "x.csv"), "utf8")).toBe("old\n");
    expect(readdirSync(root).filter((f) => f.includes(".tmp-"))).toEqual([]);
    expect(existsSync(join(root, "never"))).toBe(false);
  });
});

describe("publishDirectory", () => {
  const folder = (root: string, name: string, files: Record<string, string>) => {
    const dir = join(root, name);
    mkdirSync(dir);
    for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
    return dir;
  };

  it("renames the folder into place", () => {
    const root = tempDir();
    publishDirectory(folder(root, ".new.tmp", { "meta.json": "new" }), join(root, "entry"), () => true);
    expect(readdirSync(root)).toEqual(["entry"]);
    expect(readFileSync(join(root, "entry", "meta.json"), "utf8")).toBe("new");
  });

  it("keeps a complete folder published meanwhile, leaving the temporary one to the caller", () => {
    const root = tempDir();
    folder(root, "entry", { "meta.json": "theirs" });
    const temp = folder(root, ".new.tmp", { "meta.json": "ours" });
    publishDirectory(temp, join(root, "entry"), (existing) => existsSync(join(existing, "meta.json")));
    expect(readFileSync(join(root, "entry", "meta.json"), "utf8")).toBe("theirs");
    expect(existsSync(temp)).toBe(true);
  });

  it("replaces an incomplete folder", () => {
    const root = tempDir();
    folder(root, "entry", { "half.bin": "x" });
    const temp = folder(root, ".new.tmp", { "meta.json": "ours" });
    publishDirectory(temp, join(root, "entry"), (existing) => existsSync(join(existing, "meta.json")));
    expect(readdirSync(join(root, "entry"))).toEqual(["meta.json"]);
    expect(existsSync(temp)).toBe(false);
  });
});
