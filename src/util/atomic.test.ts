import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { killHard, startHanging } from "../../test/support/hang.js";
import { publishDirectory, temporarySibling, writeFileAtomic, writeFilesAtomic, writeStreamAtomic } from "./atomic.js";

const tempDir = () => mkdtempSync(join(tmpdir(), "salic-atomic-"));
const mode = (path: string) => statSync(path).mode & 0o777;

// A real process stopped mid-write by test/support/atomic-and-hang.ts, then killed with SIGKILL: its pid.
async function killedMidWrite(kind: "stream" | "files" | "folder", target: string): Promise<number> {
  const child = await startHanging("test/support/atomic-and-hang.ts", [kind, target]);
  await killHard(child);
  return child.pid!;
}

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
    expect(readdirSync(root)).toEqual(["kept"]);
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

describe("file modes", () => {
  it("writeStreamAtomic creates the file, and its temporary while written, with the mode given, replacing a 0644 target", async () => {
    const dir = tempDir();
    const path = join(dir, "score.json");
    writeFileSync(path, "old");
    chmodSync(path, 0o644);
    const whileWritten: number[] = [];
    await writeStreamAtomic(
      path,
      async (out) => {
        whileWritten.push(...readdirSync(dir).filter((f) => f.endsWith(".tmp")).map((f) => mode(join(dir, f))));
        out.end("new");
      },
      { mode: 0o600 },
    );
    expect(whileWritten).toEqual([0o600]);
    expect(mode(path)).toBe(0o600);
    expect(readFileSync(path, "utf8")).toBe("new");
  });

  it("writeFileAtomic creates the file with the mode given", () => {
    const path = join(tempDir(), "record.json");
    writeFileAtomic(path, "x", { mode: 0o640 });
    expect(mode(path)).toBe(0o640);
  });
});

describe("leftovers of a process killed mid-write (kill -9)", () => {
  it("writeStreamAtomic: the killed write leaves the previous file and its temporary; the next write removes the temporary", async () => {
    const dir = tempDir();
    const path = join(dir, "score.json");
    writeFileSync(path, "old");
    const pid = await killedMidWrite("stream", path);
    expect(readFileSync(path, "utf8")).toBe("old");
    const [leftover, ...others] = readdirSync(dir).filter((f) => f !== "score.json");
    expect(others).toEqual([]);
    expect(leftover).toMatch(new RegExp(`^\\.score\\.json\\.${pid}\\.[0-9a-f]{8}\\.tmp$`));
    expect(readFileSync(join(dir, leftover!), "utf8")).toBe("partial");

    await writeStreamAtomic(path, async (out) => void out.end("new"));
    expect(readdirSync(dir)).toEqual(["score.json"]);
    expect(readFileSync(path, "utf8")).toBe("new");
  }, 30_000);

  it("writeFileAtomic removes the temporary a killed writer of the same file left", async () => {
    const dir = tempDir();
    const path = join(dir, "record.json");
    await killedMidWrite("stream", path);
    expect(readdirSync(dir).length).toBe(1);
    writeFileAtomic(path, "new");
    expect(readdirSync(dir)).toEqual(["record.json"]);
  }, 30_000);

  it("keeps a live writer's temporary, and a dead one's of another target or of a look-alike name", async () => {
    const dir = tempDir();
    const path = join(dir, "score.json");
    const dead = await killedMidWrite("stream", join(dir, "score.json.bak"));
    const lookAlikes = [
      `.score.json.${dead}.tmp`,
      `score.json.${dead}.0123abcd.tmp`,
      `.score.json.${dead}.0123abcd.tmp.old`,
      `.score.json.${dead}.0123ABCD.tmp`,
      `.score.json.${dead}.0123abcde.tmp`,
      `.score.json.x${dead}.0123abcd.tmp`,
      `.xscore.json.${dead}.0123abcd.tmp`,
    ];
    for (const name of lookAlikes) writeFileSync(join(dir, name), "not a leftover of score.json");
    const live = await startHanging("test/support/atomic-and-hang.ts", ["stream", path]);
    try {
      const before = readdirSync(dir).sort();
      await writeStreamAtomic(path, async (out) => void out.end("new"));
      // Everything stays: the other target's temporary, the look-alikes, the live writer's temporary.
      expect(readdirSync(dir).sort()).toEqual([...before, "score.json"].sort());
      expect(readdirSync(dir).filter((f) => f.startsWith(`.score.json.${live.pid}.`)).length).toBe(1);
    } finally {
      await killHard(live);
    }
    // Once that writer is dead, the next write of score.json removes its temporary, and only that.
    writeFileAtomic(path, "newer");
    expect(readdirSync(dir).filter((f) => f.startsWith(`.score.json.${live.pid}.`))).toEqual([]);
    expect(readdirSync(dir).filter((f) => f.startsWith(`.score.json.bak.${dead}.`)).length).toBe(1);
    for (const name of lookAlikes) expect(existsSync(join(dir, name))).toBe(true);
  }, 30_000);

  it("writeFilesAtomic: the killed run leaves the folder as it was; the next run removes its temporary folder", async () => {
    const root = tempDir();
    const out = join(root, "samples");
    writeFilesAtomic(out, (tmp) => {
      writeFileSync(join(tmp, "a.csv"), "old");
      return [{ name: "a.csv" }];
    });
    const pid = await killedMidWrite("files", out);
    expect(readFileSync(join(out, "a.csv"), "utf8")).toBe("old");
    expect(readdirSync(root).filter((f) => f !== "samples")).toEqual([expect.stringMatching(new RegExp(`^\\.samples\\.${pid}\\.[0-9a-f]{8}\\.tmp$`))]);

    writeFilesAtomic(out, (tmp) => {
      writeFileSync(join(tmp, "a.csv"), "new");
      return [{ name: "a.csv" }];
    });
    expect(readdirSync(root)).toEqual(["samples"]);
    expect(readFileSync(join(out, "a.csv"), "utf8")).toBe("new");
  }, 30_000);

  it("publishDirectory removes the folder a killed builder of the same target left", async () => {
    const root = tempDir();
    const entry = join(root, "entry");
    const pid = await killedMidWrite("folder", entry);
    expect(readdirSync(root)).toEqual([expect.stringMatching(new RegExp(`^\\.entry\\.${pid}\\.[0-9a-f]{8}\\.tmp$`))]);
    const temp = temporarySibling(entry);
    mkdirSync(temp);
    writeFileSync(join(temp, "meta.json"), "whole");
    publishDirectory(temp, entry, () => true);
    expect(readdirSync(root)).toEqual(["entry"]);
    expect(readFileSync(join(entry, "meta.json"), "utf8")).toBe("whole");
  }, 30_000);
});
