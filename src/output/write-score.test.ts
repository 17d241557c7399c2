import { chmodSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { testMetric } from "../../test/support/metrics.js";
import type { MetricDefinition, MetricResult } from "../metrics/types.js";
import type { ProjectScore } from "../score/index.js";
import { shareResult } from "../score/shared-result.js";
import type { ScoreSource } from "./source.js";
import { projectToJson } from "./project-json.js";
import { writeScore, writeScoreFile } from "./write-score.js";

// Two metrics of a hand-made run; compute is never called by the writers.
const metric = (id: MetricDefinition["id"], details: string[]): MetricDefinition => testMetric(id, { details });
const metrics = [metric("itens_orcamentarios", ["desvio_padrao"]), metric("comprovantes_acima_50", ["lista_de_comprovantes"])];

const result = (fields: Partial<MetricResult> & Record<string, unknown>): MetricResult => ({
  valor: 0,
  is_outlier: false,
  valor_valido: true,
  minimo_esperado: null,
  maximo_esperado: null,
  ...fields,
});

// Keys deliberately inserted out of registry order: the writer must reorder them.
const projects: Record<string, ProjectScore> = {
  "000014": {
    pronac: "000014",
    complexidade: 4.5,
    admissibilidade: 0,
    metricas: {
      comprovantes_acima_50: result({
        valor: 1,
        is_outlier: true,
        minimo_esperado: 0,
        maximo_esperado: 0,
        lista_de_comprovantes: [{ nome: 'Cachê, "banda"', valor_aprovado: 10, valor_comprovado: 20.5, porcentagem: 105 }],
      }),
      itens_orcamentarios: result({ valor: 46, is_outlier: true, minimo_esperado: 0, maximo_esperado: 44.06, desvio_padrao: 3.5 }),
    } as ProjectScore["metricas"],
  },
  "14": {
    pronac: "14",
    complexidade: 0,
    admissibilidade: 10,
    metricas: {
      itens_orcamentarios: result({ valor: 0, valor_valido: false, desvio_padrao: undefined }),
      comprovantes_acima_50: result({
        valor: 0,
        minimo_esperado: Number.NEGATIVE_INFINITY,
        maximo_esperado: Number.NaN,
        lista_de_comprovantes: [{ nome: "Luz", porcentagem: Number.POSITIVE_INFINITY }],
      }),
    } as ProjectScore["metricas"],
  },
};
const run: ScoreSource = { pronacs: ["000014", "14"], project: (p) => projects[p], metrics };

async function collect(source: ScoreSource, options: Parameters<typeof writeScore>[2]): Promise<string> {
  const out = new PassThrough();
  const parts: string[] = [];
  out.on("data", (chunk: Buffer) => parts.push(chunk.toString("utf8")));
  await writeScore(source, out, options);
  return parts.join("");
}

describe("writeScore", () => {
  it("writes JSON with canonical key order, one project per line, undefined fields, NaN and infinities (nested too) as null", async () => {
    expect(await collect(run, { format: "json" })).toBe(
      '{"projects":[\n' +
        '{"pronac":"000014","complexidade":4.5,"admissibilidade":0,"metricas":{' +
        '"itens_orcamentarios":{"valor":46,"is_outlier":true,"valor_valido":true,"minimo_esperado":0,"maximo_esperado":44.06,"desvio_padrao":3.5},' +
        '"comprovantes_acima_50":{"valor":1,"is_outlier":true,"valor_valido":true,"minimo_esperado":0,"maximo_esperado":0,' +
        '"lista_de_comprovantes":[{"nome":"Cachê, \\"banda\\"","valor_aprovado":10,"valor_comprovado":20.5,"porcentagem":105}]}}},\n' +
        '{"pronac":"14","complexidade":0,"admissibilidade":10,"metricas":{' +
        '"itens_orcamentarios":{"valor":0,"is_outlier":false,"valor_valido":false,"minimo_esperado":null,"maximo_esperado":null,"desvio_padrao":null},' +
        '"comprovantes_acima_50":{"valor":0,"is_outlier":false,"valor_valido":true,"minimo_esperado":null,"maximo_esperado":null,' +
        '"lista_de_comprovantes":[{"nome":"Luz","porcentagem":null}]}}}\n' +
        "]}\n",
    );
  });

  it("writes JSON for an empty run as an empty project list", async () => {
    expect(await collect({ pronacs: [], project: () => undefined, metrics }, {})).toBe('{"projects":[]}\n');
  });

  it("writes CSV with the pronac, scores and each metric's valor and is_outlier, quoting per RFC 4180", async () => {
    const quoted: ScoreSource = { ...run, pronacs: ['1,"2"'], project: () => ({ ...projects["14"]!, pronac: '1,"2"' }) };
    expect(await collect(run, { format: "csv" })).toBe(
      "pronac,complexidade,admissibilidade,itens_orcamentarios_valor,itens_orcamentarios_is_outlier," +
        "comprovantes_acima_50_valor,comprovantes_acima_50_is_outlier\n" +
        "000014,4.5,0,46,true,1,true\n" +
        "14,0,10,0,false,0,false\n",
    );
    expect((await collect(quoted, { format: "csv" })).split("\n")[1]).toBe('"1,""2""",0,10,0,false,0,false');
  });

  it("writes only the requested PRONACs, in the order given", async () => {
    const json = await collect(run, { pronacs: ["14"] });
    expect(JSON.parse(json).projects.map((p: ProjectScore) => p.pronac)).toEqual(["14"]);
  });

  it("rejects a PRONAC that is not a project of the run", async () => {
    await expect(collect(run, { pronacs: ["999"] })).rejects.toThrow('PRONAC "999" is not a project of this run');
  });

  it("rejects a project lacking a metric's result", async () => {
    const partial: ScoreSource = { ...run, project: (p) => ({ ...projects[p]!, metricas: {} as ProjectScore["metricas"] }) };
    await expect(collect(partial, {})).rejects.toThrow("project 000014 has no result for metric itens_orcamentarios");
  });

  it("waits for a slow destination instead of buffering the whole output (backpressure)", async () => {
    // 20 000 projects of ~500 characters: ~10 MB, several times the bound below.
    const size = projectToJson(projects["000014"]!, metrics).length + 2;
    const many: ScoreSource = {
      pronacs: Array.from({ length: 20_000 }, (_, i) => String(i).padStart(6, "0")),
      project: (p) => ({ ...projects["000014"]!, pronac: p }),
      metrics,
    };
    let written = 0;
    let maxPending = 0;
    let generated = 0;
    const slow = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _encoding, done) {
        written += chunk.length;
        setTimeout(done, 1);
      },
    });
    const counting: ScoreSource = {
      ...many,
      project: (p) => {
        generated += 1;
        maxPending = Math.max(maxPending, generated * size - written);
        return many.project(p);
      },
    };
    await writeScore(counting, slow);
    expect(generated).toBe(20_000);
    expect(written).toBeGreaterThan(4 * (1 << 20));
    // Never more than a few 1 MB chunks ahead of the destination.
    expect(maxPending).toBeLessThan(4 * (1 << 20));
  });
});

describe("writeScore with maskTaxIds", () => {
  // A provider list as novos_fornecedores writes it, shared by two projects (a run's filler is shared so).
  const providers = shareResult(
    result({ lista_de_novos_fornecedores: [{ nome: "José, CPF 758.491.039-65", cnpj: "75849103965", itens: { "1141411": { nome: "Bailarino" } } }] }),
  );
  const proofs = result({ comprovantes: [{ id_comprovante: 501, cpf_cnpj_fornecedor: "75180996000114", valor_comprovado: 12345678901 }] });
  const withIds: ScoreSource = {
    pronacs: ["1", "2"],
    project: (pronac) =>
      ({ pronac, complexidade: 0, admissibilidade: 0, metricas: { itens_orcamentarios: providers, comprovantes_acima_50: proofs } }) as ProjectScore,
    metrics,
  };
  const head = '"valor":0,"is_outlier":false,"valor_valido":true,"minimo_esperado":null,"maximo_esperado":null';
  const line = (pronac: string, cpfInName: string, cpf: string, cnpj: string) =>
    `{"pronac":"${pronac}","complexidade":0,"admissibilidade":0,"metricas":{` +
    `"itens_orcamentarios":{${head},"lista_de_novos_fornecedores":[{"nome":"José, CPF ${cpfInName}","cnpj":"${cpf}","itens":{"1141411":{"nome":"Bailarino"}}}]},` +
    `"comprovantes_acima_50":{${head},"comprovantes":[{"id_comprovante":501,"cpf_cnpj_fornecedor":"${cnpj}","valor_comprovado":12345678901}]}}}`;

  it("masks tax-id fields and tax ids inside text (numbers and keys stay), for shared results too", async () => {
    const masked = line("1", "***.***.039-**", "***.***.039-**", "**.***.996/****-**");
    expect(await collect(withIds, { maskTaxIds: true })).toBe(`{"projects":[\n${masked},\n${masked.replace('"1"', '"2"')}\n]}\n`);
  });

  it("writes the ids as they are without it, also after a masked write of the same shared result", async () => {
    await collect(withIds, { maskTaxIds: true });
    const raw = line("1", "758.491.039-65", "75849103965", "75180996000114");
    expect(await collect(withIds, {})).toBe(`{"projects":[\n${raw},\n${raw.replace('"1"', '"2"')}\n]}\n`);
  });

  it("leaves the CSV as it is (it holds no details)", async () => {
    expect(await collect(withIds, { format: "csv", maskTaxIds: true })).toBe(await collect(withIds, { format: "csv" }));
  });
});

describe("writeScoreFile", () => {
  it("replaces the file (even a 0644 one) with one only its owner can read (0600), leaving no temporary", async () => {
    const dir = mkdtempSync(join(tmpdir(), "salic-score-file-"));
    const path = join(dir, "score.csv");
    writeFileSync(path, "old");
    chmodSync(path, 0o644);
    await writeScoreFile(path, run, { format: "csv" });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path, "utf8")).toBe(await collect(run, { format: "csv" }));
    expect(readdirSync(dir)).toEqual(["score.csv"]);
  });
});
