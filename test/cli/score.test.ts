import { chmodSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { PassThrough, Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli.js";
import { killHard, startHanging } from "../support/hang.js";
import { METRIC_IDS, dataDir, runCli } from "./fixture.js";

const samples = fileURLToPath(new URL("../../data-samples", import.meta.url));
const mode = (path: string) => statSync(path).mode & 0o777;

interface Project {
  pronac: string;
  complexidade: number;
  admissibilidade: number;
  metricas: Record<string, Record<string, unknown>>;
}
const parse = (json: string): Project[] => (JSON.parse(json) as { projects: Project[] }).projects;

describe("salic-ml score (JSON)", () => {
  it("writes every project of planilha_projetos sorted by PRONAC as a string, with every metric in registry order", async () => {
    const { code, stdout, stderr } = await runCli(["score", "--data", dataDir()]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const projects = parse(stdout);
    // "99" has no rows in any table and is still reported; "000014" and "14" are distinct projects.
    expect(projects.map((p) => p.pronac)).toEqual(["000014", "14", "2", "99"]);
    for (const project of projects) {
      expect(Object.keys(project)).toEqual(["pronac", "complexidade", "admissibilidade", "metricas"]);
      expect(Object.keys(project.metricas)).toEqual(METRIC_IDS);
      for (const result of Object.values(project.metricas)) {
        expect(Object.keys(result).slice(0, 5).sort()).toEqual(
          ["is_outlier", "maximo_esperado", "minimo_esperado", "valor", "valor_valido"],
        );
      }
    }
  });

  it("computes the scores: 14 is an outlier on valor_a_ser_comprovado (5), comprovantes_acima_50 (2) and comprovante_transferencia (5)", async () => {
    const projects = parse((await runCli(["score", "--data", dataDir()])).stdout);
    const byPronac = new Map(projects.map((p) => [p.pronac, p]));
    // 10 · (5 + 2 + 5) / 22 = 5.45… → 5.5; project 2 only owes money raised: 10 · 5 / 22 → 2.3.
    expect([...byPronac].map(([pronac, p]) => [pronac, p.complexidade, p.admissibilidade])).toEqual([
      ["000014", 0, 0],
      ["14", 5.5, 0],
      ["2", 2.3, 0],
      ["99", 0, 0],
    ]);
    const fourteen = byPronac.get("14")!.metricas;
    expect(fourteen.itens_orcamentarios!.valor).toBe(3);
    // Money is exact and rounded to 2 decimals: 0.1 + 0.2 raised is 0.30, minus 100.1 + 50 proven.
    expect(fourteen.valor_captado!.valor).toBe(0.3);
    expect(fourteen.valor_a_ser_comprovado).toMatchObject({
      valor: -149.8,
      is_outlier: true,
      valor_captado: 0.3,
      valor_comprovado: 150.1,
    });
    expect(fourteen.comprovantes_acima_50).toMatchObject({
      valor: 1,
      lista_de_comprovantes: [{ nome: "Som", valor_aprovado: 50, valor_comprovado: 80, porcentagem: 60 }],
    });
    // 000014 raised nothing: the metric is not available, with nulls, not omitted fields.
    expect(byPronac.get("000014")!.metricas.valor_a_ser_comprovado).toEqual({
      valor: 0,
      is_outlier: false,
      valor_valido: false,
      minimo_esperado: null,
      maximo_esperado: null,
      valor_captado: null,
      valor_comprovado: null,
    });
  });

  it("--pronac writes that one project only", async () => {
    const { code, stdout } = await runCli(["score", "--data", dataDir(), "--pronac", "14"]);
    expect(code).toBe(0);
    expect(parse(stdout).map((p) => p.pronac)).toEqual(["14"]);
  });

  it("--pronac of an unknown project fails with exit 1 and writes nothing", async () => {
    const dir = dataDir();
    const { code, stdout, stderr } = await runCli(["score", "--data", dir, "--pronac", "0014", "--out", join(dir, "s.json")]);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toBe(`salic-ml: PRONAC "0014" is not a project of planilha_projetos in ${dir}\n`);
    expect(existsSync(join(dir, "s.json"))).toBe(false);
  });

  it("stops quietly, exit 0, when the reader of stdout goes away (EPIPE, as with `| head`)", async () => {
    const closedPipe = new Writable({
      write: (_chunk, _encoding, done) => done(Object.assign(new Error("write EPIPE"), { code: "EPIPE" })),
    });
    const stderr = new PassThrough();
    const errors: string[] = [];
    stderr.on("data", (chunk: Buffer) => errors.push(chunk.toString("utf8")));
    const code = await main(["score", "--data", dataDir()], { stdout: closedPipe, stderr, cwd: process.cwd() });
    expect({ code, stderr: errors.join("") }).toEqual({ code: 0, stderr: "" });
  });

  it("--out writes the file (relative to the working directory) and nothing to stdout", async () => {
    const dir = dataDir();
    const { code, stdout } = await runCli(["score", "--data", ".", "--out", "out.json"], dir);
    expect(code).toBe(0);
    expect(stdout).toBe("");
    expect(parse(readFileSync(join(dir, "out.json"), "utf8")).length).toBe(4);
    expect(readdirSync(dir).filter((f) => f.includes(".tmp"))).toEqual([]);
  });
});

describe("salic-ml score --out: file mode and kill -9", () => {
  it("creates --out readable by its owner only (0600), also in place of a 0644 file", async () => {
    const dir = dataDir();
    const out = join(dir, "score.json");
    writeFileSync(out, "old");
    chmodSync(out, 0o644);
    expect((await runCli(["score", "--data", dir, "--out", out])).code).toBe(0);
    expect(mode(out)).toBe(0o600);
    expect(parse(readFileSync(out, "utf8")).length).toBe(4);
  });

  it("a write killed half-way leaves the previous file and a 0600 temporary; the next score removes it", async () => {
    const dir = dataDir();
    const out = join(dir, "score.json");
    writeFileSync(out, "previous run\n");
    const child = await startHanging("test/support/score-and-hang.ts", [samples, out]);
    const leftover = join(dir, readdirSync(dir).find((f) => f.startsWith(`.score.json.${child.pid}.`))!);
    // At least the first 1 MB chunk (of 3.3) is on its way to the file when the writer stops.
    for (let tries = 0; statSync(leftover).size < 1 << 20 && tries < 100; tries++) await new Promise((r) => setTimeout(r, 50));
    await killHard(child);
    expect(readFileSync(out, "utf8")).toBe("previous run\n");
    expect(mode(leftover)).toBe(0o600);
    expect(readFileSync(leftover, "utf8").slice(0, 25)).toBe('{"projects":[\n{"pronac":"');
    expect(statSync(leftover).size).toBeGreaterThanOrEqual(1 << 20);

    const { code, stderr } = await runCli(["score", "--data", samples, "--out", out]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    expect(readdirSync(dir).filter((f) => f.startsWith(".score.json."))).toEqual([]);
    const text = readFileSync(out, "utf8");
    expect(text.endsWith("\n]}\n")).toBe(true);
    expect(parse(text).length).toBe(400);
    expect(mode(out)).toBe(0o600);
  }, 60_000);
});

describe("salic-ml score --mask-tax-ids", () => {
  it("masks the providers' CPF/CNPJ in the details as the service does, and changes nothing else", async () => {
    const dir = dataDir();
    const raw = (await runCli(["score", "--data", dir])).stdout;
    const { code, stdout, stderr } = await runCli(["score", "--data", dir, "--mask-tax-ids"]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    expect(raw).toContain('"cpf_cnpj_fornecedor":"12345678000190"');
    expect(raw).toContain('"cnpj":"98765432000110"');
    expect(stdout).toBe(raw.replaceAll('"12345678000190"', '"**.***.678/****-**"').replaceAll('"98765432000110"', '"**.***.432/****-**"'));
    const fourteen = parse(stdout).find((p) => p.pronac === "14")!;
    expect(fourteen.metricas.novos_fornecedores!.lista_de_novos_fornecedores).toEqual([
      { nome: "Banda", cnpj: "**.***.678/****-**", itens: { "1": { nome: "Cachê", tem_comprovante: true }, "2": { nome: "Som", tem_comprovante: true } } },
    ]);
  });

  it("masks the --out file too; the CSV, which holds no tax id, is the same either way", async () => {
    const dir = dataDir();
    expect((await runCli(["score", "--data", dir, "--mask-tax-ids", "--out", join(dir, "masked.json")])).code).toBe(0);
    expect(readFileSync(join(dir, "masked.json"), "utf8")).toBe((await runCli(["score", "--data", dir, "--mask-tax-ids"])).stdout);
    expect(readFileSync(join(dir, "masked.json"), "utf8")).not.toMatch(/12345678000190|98765432000110/);
    const csv = (await runCli(["score", "--data", dir, "--format", "csv"])).stdout;
    expect((await runCli(["score", "--data", dir, "--format", "csv", "--mask-tax-ids"])).stdout).toBe(csv);
  });
});

describe("salic-ml score (CSV)", () => {
  it("writes a header of pronac, the scores and each metric's valor and is_outlier, then one row per project", async () => {
    const { code, stdout } = await runCli(["score", "--data", dataDir(), "--format", "csv"]);
    expect(code).toBe(0);
    const [header, ...rows] = stdout.trimEnd().split("\n");
    expect(header).toBe(
      ["pronac", "complexidade", "admissibilidade", ...METRIC_IDS.flatMap((id) => [`${id}_valor`, `${id}_is_outlier`])].join(","),
    );
    expect(rows.map((row) => row.split(",").slice(0, 5).join(","))).toEqual([
      "000014,0,0,1,false",
      "14,5.5,0,3,false",
      "2,2.3,0,2,false",
      "99,0,0,0,false",
    ]);
  });

  it("picks CSV for an --out file ending in .csv", async () => {
    const dir = dataDir();
    expect((await runCli(["score", "--data", dir, "--out", join(dir, "s.csv")])).code).toBe(0);
    expect(readFileSync(join(dir, "s.csv"), "utf8")).toMatch(/^pronac,complexidade,admissibilidade,itens_orcamentarios_valor,/);
  });
});

describe("salic-ml score with incomplete or malformed data", () => {
  it("scores a directory without planilha_captacao and says on stderr which metrics are not available and why", async () => {
    const dir = dataDir({ omit: ["planilha_captacao.csv"] });
    const { code, stdout, stderr } = await runCli(["score", "--data", dir]);
    expect(code).toBe(0);
    expect(stderr).toMatch(
      /^salic-ml: planilha_captacao\.csv \(or \.parquet\) not found in .+: valor_captado, valor_a_ser_comprovado reported as not available\n$/,
    );
    const fourteen = parse(stdout).find((p) => p.pronac === "14")!;
    expect(fourteen.metricas.valor_captado).toMatchObject({ valor: 0, valor_valido: false, is_outlier: false });
    // Without the money-owed outlier 14 keeps comprovantes_acima_50 (2) and transferencia (5): 10 · 7 / 22 → 3.2.
    expect(fourteen.complexidade).toBe(3.2);
  });

  it("stops without planilha_projetos, which lists the projects to score: exit 1, nothing written", async () => {
    const dir = dataDir({ omit: ["planilha_projetos.csv"] });
    const { code, stdout, stderr } = await runCli(["score", "--data", dir]);
    expect({ code, stdout }).toEqual({ code: 1, stdout: "" });
    expect(stderr).toMatch(/^salic-ml: planilha_projetos\.csv .*not found in .+: it lists the projects to score\n$/);
  });

  it("stops on a malformed value with the loader's message (file, line, column, value), exit 1, no output file", async () => {
    const bad = "idPronac,PRONAC,Item,idPlanilhaItens,VlUnitarioAprovado,VlTotalAprovado,UfItem,idSegmento,idProduto,DataProjeto,cdEtapa,cdCidade\n" +
      "1,14,Cachê,10,100,100,DF,11,1,2015-03-01,2,5300108\n" +
      "1,14,Som,11,50,cinquenta,DF,11,1,2015-03-01,2,5300108";
    const dir = dataDir({ replace: { "planilha_orcamentaria.csv": bad } });
    const out = join(dir, "score.json");
    const { code, stdout, stderr } = await runCli(["score", "--data", dir, "--out", out]);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/^salic-ml: .*planilha_orcamentaria\.csv/);
    expect(stderr).toMatch(/\b3\b/);
    expect(stderr).toContain("VlTotalAprovado");
    expect(stderr).toContain("cinquenta");
    expect(stderr.split("\n").length).toBe(2); // one line, no stack trace
    expect(readdirSync(dir).filter((f) => f.includes("score"))).toEqual([]);
  });
});

describe("salic-ml arguments", () => {
  const usage = (command: string, message: string) => `salic-ml: ${message}\nRun 'salic-ml ${command} --help' for usage.\n`;

  it.each([
    [["score", "--data", ".", "--format", "xml"], usage("score", '--format must be json or csv, got "xml"')],
    [["score"], usage("score", "--data is required")],
    [["score", "--data"], usage("score", "--data needs a value")],
    [["score", "--data", ".", "--verbose"], usage("score", "unknown option --verbose")],
    [["score", "--data", ".", "extra"], usage("score", 'unexpected argument "extra"')],
    [["serve", "--port", "http"], usage("serve", '--port must be an integer from 0 to 65535, got "http"')],
    [["serve", "--port", "70000"], usage("serve", '--port must be an integer from 0 to 65535, got "70000"')],
    [["rank"], 'salic-ml: unknown command "rank"\nRun \'salic-ml --help\' for usage.\n'],
    [[], "salic-ml: missing command\nRun 'salic-ml --help' for usage.\n"],
  ])("%j exits 2 naming the parameter", async (args, message) => {
    const { code, stdout, stderr } = await runCli(args);
    expect({ code, stdout, stderr }).toEqual({ code: 2, stdout: "", stderr: message });
  });

  it("rejects a --data directory that does not exist, naming it", async () => {
    const dir = dataDir();
    const { code, stderr } = await runCli(["score", "--data", "nope"], dir);
    expect(code).toBe(2);
    expect(stderr).toBe(usage("score", `--data: no such directory: ${join(dir, "nope")}`));
  });

  it("rejects an --out whose directory does not exist before reading any data", async () => {
    const dir = dataDir();
    const out = join(dir, "missing", "s.json");
    const { code, stderr } = await runCli(["score", "--data", dir, "--out", relative(process.cwd(), out)]);
    expect(code).toBe(2);
    expect(stderr).toBe(usage("score", `--out: directory of ${out} does not exist`));
  });

  it.each([["score"], ["serve"]])("%s --help prints its options on stdout", async (command) => {
    const { code, stdout, stderr } = await runCli([command, "--help"]);
    expect(code).toBe(0);
    expect(stderr).toBe("");
    expect(stdout).toMatch(new RegExp(`^Usage: salic-ml ${command} `));
    expect(stdout).toContain("--data DIR");
  });

  it("--help lists the commands", async () => {
    const { code, stdout } = await runCli(["--help"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/score .*\n.*serve /);
  });
});
