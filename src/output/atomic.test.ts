import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeStreamAtomic } from "./atomic.js";

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
