import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { killHard } from "../../test/support/hang.js";
import { isAlive } from "./process.js";

describe("isAlive", () => {
  it("is true for this process and for a running child", async () => {
    expect(isAlive(process.pid)).toBe(true);
    const child = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"]);
    await new Promise((resolve) => child.once("spawn", resolve));
    try {
      expect(isAlive(child.pid!)).toBe(true);
    } finally {
      await killHard(child);
    }
  });

  it("is false for a child killed with SIGKILL and reaped", async () => {
    const child = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"]);
    await new Promise((resolve) => child.once("spawn", resolve));
    await killHard(child);
    expect(isAlive(child.pid!)).toBe(false);
  });

  it.each([0, -1, 1.5, Number.NaN, 2 ** 40])("is true for %s, which is no process id (false would allow deleting)", (pid) => {
    expect(isAlive(pid)).toBe(true);
  });
});
