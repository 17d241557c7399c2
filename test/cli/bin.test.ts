import { spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { dataDir } from "./fixture.js";

const repo = fileURLToPath(new URL("../..", import.meta.url));
// The source entry point run as a real process (the built bin is the same
// module compiled): checks the entry guard, stdout flushing and exit codes.
const cli = (args: string[]) =>
  spawnSync(process.execPath, ["--import", "tsx", "src/cli.ts", ...args], { cwd: repo, encoding: "utf8" });

describe("salic-ml as a process", () => {
  it("starts with a node shebang (the package's bin)", () => {
    expect(readFileSync(`${repo}/src/cli.ts`, "utf8").split("\n")[0]).toBe("#!/usr/bin/env node");
  });

  it("writes the score JSON to stdout and exits 0", () => {
    const result = cli(["score", "--data", dataDir()]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect((JSON.parse(result.stdout) as { projects: unknown[] }).projects.length).toBe(4);
  });

  it("prints the package's version with --version and exits 0", () => {
    const result = cli(["--version"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`${(JSON.parse(readFileSync(`${repo}/package.json`, "utf8")) as { version: string }).version}\n`);
    expect(result.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it("exits 2 on a bad argument", () => {
    const result = cli(["score", "--data", ".", "--format", "xml"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--format must be json or csv, got "xml"');
  });

  it("exits 1 on malformed data", () => {
    const dir = dataDir({ replace: { "planilha_captacao.csv": "Pronac,Segmento,CaptacaoReal\n14,11,muito" } });
    const result = cli(["score", "--data", dir]);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("planilha_captacao.csv");
  });
});

describe("salic-ml serve as a process", () => {
  it("starts the service on the given host and port and says where", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/cli.ts", "serve", "--data", dataDir(), "--port", "0"], {
      cwd: repo,
    });
    try {
      let stderr = "";
      const url = await new Promise<string>((resolve, reject) => {
        child.stderr.on("data", (chunk: Buffer) => {
          stderr += chunk.toString("utf8");
          const match = /serving .* at (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr);
          if (match) resolve(match[1]!);
        });
        child.on("exit", (code) => reject(new Error(`serve exited with ${code}:\n${stderr}`)));
      });
      expect((await fetch(url)).status).toBeLessThan(500);
    } finally {
      child.kill();
    }
  });
});
