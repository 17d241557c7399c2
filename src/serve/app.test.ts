import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import { REGISTRY } from "../metrics/registry.js";
import { buildApp } from "./app.js";
import { openCachedStore } from "./cache.js";
import { writeServeFixture } from "../../test/support/serve-fixture.js";
import type { ProjectStore } from "./store.js";

// Expected values are worked out by hand in fixture.ts.
let root: string;
let store: ProjectStore;
let app: FastifyInstance;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "salic-serve-app-"));
  mkdirSync(join(root, "data"));
  writeServeFixture(join(root, "data"));
  ({ store } = await openCachedStore({ dataDir: join(root, "data"), cacheDir: join(root, "cache"), metrics: REGISTRY, log: () => {} }));
  app = buildApp(store);
});

afterAll(async () => {
  await app.close();
  await store.close();
  rmSync(root, { recursive: true, force: true });
});

const get = (url: string) => app.inject({ method: "GET", url, headers: { host: "salic.test" } });
const pronacs = (body: { data: { pronac: string }[] }) => body.data.map((row) => row.pronac);
const FILLERS = Array.from({ length: 14 }, (_, i) => `2000${String(i + 1).padStart(2, "0")}`);

describe("GET /v1/projects/", () => {
  it("lists 15 projects per page, most complex first, ties in PRONAC order, with the original envelope", async () => {
    const response = await get("/v1/projects/");
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toMatch(/^application\/json/);
    const body = response.json();
    expect({ ...body, data: undefined }).toEqual({
      next_page_url: "/v1/projects/?page=2",
      prev_page_url: null,
      per_page: 15,
      current_page: 1,
      last_page: 2,
      from: 1,
      to: 15,
      total: 20,
      data: undefined,
    });
    expect(pronacs(body)).toEqual(["100001", "100002", "000014", "100003", "100004", "100005", ...FILLERS.slice(0, 9)]);
    expect(body.data[0]).toEqual({
      pronac: "100001",
      nome: "Festival de Música do Sertão",
      responsavel: " ",
      proponente: "***.***.789-**",
      verified_funds: 500,
      raised_funds: 600,
      complexidade: 6.4,
      links: { details: "/v1/projects/100001/details/" },
    });
    expect(body.data[1]).toEqual({
      pronac: "100002",
      nome: "Teatro na Praça",
      responsavel: " ",
      proponente: "**.***.432/****-**",
      verified_funds: 100,
      raised_funds: 1000,
      complexidade: 2.3,
      links: { details: "/v1/projects/100002/details/" },
    });
    expect(body.data[3]).toMatchObject({ pronac: "100003", responsavel: " ", proponente: "***399***", verified_funds: 50, raised_funds: 0, complexidade: 0 });
  });

  it("page 2 holds the rest, links back to the URL without page, and has no next page", async () => {
    const body = (await get("/v1/projects/?page=2")).json();
    expect(body).toMatchObject({ next_page_url: null, prev_page_url: "/v1/projects/", current_page: 2, last_page: 2, from: 16, to: 20, total: 20 });
    expect(pronacs(body)).toEqual(FILLERS.slice(9));
  });

  it("keeps the other parameters in the page links", async () => {
    // Every name has an "o": all 20 projects, two pages.
    const body = (await get("/v1/projects/?order_by=pronac&nome__icontains=o")).json();
    expect(body.total).toBe(20);
    expect(body.next_page_url).toBe("/v1/projects/?order_by=pronac&nome__icontains=o&page=2");
    const second = (await get("/v1/projects/?order_by=pronac&nome__icontains=o&page=2")).json();
    expect(second.prev_page_url).toBe("/v1/projects/?order_by=pronac&nome__icontains=o");
    expect(pronacs(second)).toEqual(FILLERS.slice(9));
  });

  it("orders by pronac as text (000014 first) and by -pronac", async () => {
    expect(pronacs((await get("/v1/projects/?order_by=pronac")).json()).slice(0, 3)).toEqual(["000014", "100001", "100002"]);
    expect(pronacs((await get("/v1/projects/?order_by=-pronac")).json()).slice(0, 2)).toEqual(["200014", "200013"]);
  });

  it("orders by nome as Portuguese text, accents and case ignored", async () => {
    const first = (await get("/v1/projects/?order_by=nome")).json();
    expect(first.data.slice(0, 6).map((row: { nome: string }) => row.nome)).toEqual([
      "Ação Cultural São João",
      "Coral Municipal",
      "Festival de Música do Sertão",
      "Mostra de Cinema",
      "Oficina de Dança",
      "Projeto Auxiliar 01",
    ]);
    const last = (await get("/v1/projects/?order_by=-nome")).json();
    expect(last.data[0].nome).toBe("Teatro na Praça");
  });

  it("orders by complexidade ascending, and by responsavel (nobody has a project: PRONAC order both ways)", async () => {
    expect(pronacs((await get("/v1/projects/?order_by=complexidade&page=2")).json()).slice(-2)).toEqual(["100002", "100001"]);
    expect(pronacs((await get("/v1/projects/?order_by=responsavel")).json()).slice(0, 3)).toEqual(["000014", "100001", "100002"]);
    expect(pronacs((await get("/v1/projects/?order_by=-responsavel")).json()).slice(0, 3)).toEqual(["000014", "100001", "100002"]);
  });

  it("nome__icontains ignores case and accents", async () => {
    for (const text of ["musica", "MÚSICA", "Música do"]) {
      expect(pronacs((await get(`/v1/projects/?nome__icontains=${encodeURIComponent(text)}`)).json())).toEqual(["100001"]);
    }
    expect(pronacs((await get(`/v1/projects/?nome__icontains=${encodeURIComponent("ção")}`)).json())).toEqual(["100003"]);
  });

  it("complexidade__gt keeps projects strictly above the value", async () => {
    expect(pronacs((await get("/v1/projects/?complexidade__gt=2")).json())).toEqual(["100001", "100002"]);
    expect(pronacs((await get("/v1/projects/?complexidade__gt=2.3")).json())).toEqual(["100001"]);
    const none = (await get("/v1/projects/?complexidade__gt=6.4")).json();
    expect(none).toEqual({ next_page_url: null, prev_page_url: null, per_page: 15, current_page: 1, last_page: 1, from: 0, to: 0, total: 0, data: [] });
  });

  it("combines filters and order", async () => {
    const body = (await get("/v1/projects/?complexidade__gt=0&order_by=nome&nome__icontains=a")).json();
    expect(pronacs(body)).toEqual(["100001", "100002"]);
  });

  it("treats empty filters as absent and ignores unknown parameters", async () => {
    const body = (await get("/v1/projects/?nome__icontains=&complexidade__gt=&format=json")).json();
    expect(body.total).toBe(20);
  });

  it("answers without the trailing slash too", async () => {
    expect((await get("/v1/projects")).statusCode).toBe(200);
  });
});

describe("GET /v1/projects/ with bad input", () => {
  const cases: [string, string, string][] = [
    ["page=0", "page", 'page must be a positive integer, got "0"'],
    ["page=abc", "page", 'page must be a positive integer, got "abc"'],
    ["page=-1", "page", 'page must be a positive integer, got "-1"'],
    ["page=1.5", "page", 'page must be a positive integer, got "1.5"'],
    ["page=3", "page", "page 3 is past the last page (2)"],
    ["page=1&page=2", "page", "page is given more than once"],
    [
      "order_by=valor",
      "order_by",
      'order_by must be one of complexidade, -complexidade, nome, -nome, pronac, -pronac, responsavel, -responsavel; got "valor"',
    ],
    ["complexidade__gt=alta", "complexidade__gt", 'complexidade__gt must be a number such as 3 or 5.5, got "alta"'],
    ["complexidade__gt=1e3", "complexidade__gt", 'complexidade__gt must be a number such as 3 or 5.5, got "1e3"'],
    [`nome__icontains=${"a".repeat(201)}`, "nome__icontains", "nome__icontains must be at most 200 characters long"],
  ];
  for (const [query, parameter, error] of cases) {
    it(`?${query.slice(0, 40)} → 400 naming ${parameter}`, async () => {
      const response = await get(`/v1/projects/?${query}`);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toEqual({ error, parameter });
    });
  }
});

describe("GET /v1/projects/{pronac}/", () => {
  it("gives the project as the list shows it", async () => {
    const response = await get("/v1/projects/100002/");
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      pronac: "100002",
      nome: "Teatro na Praça",
      responsavel: " ",
      proponente: "**.***.432/****-**",
      verified_funds: 100,
      raised_funds: 1000,
      complexidade: 2.3,
      links: { details: "/v1/projects/100002/details/" },
    });
  });

  it("treats PRONACs as text: 000014 exists, 14 does not", async () => {
    expect((await get("/v1/projects/000014/")).json()).toMatchObject({ pronac: "000014", nome: "Coral Municipal" });
    const response = await get("/v1/projects/14/");
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ error: "project 14 not found", parameter: "pronac" });
  });

  for (const bad of ["abc", "12345678", "-1", "1a"]) {
    it(`a malformed PRONAC (${bad}) is a 400 naming pronac`, async () => {
      for (const url of [`/v1/projects/${bad}/`, `/v1/projects/${bad}/details/`]) {
        const response = await get(url);
        expect(response.statusCode).toBe(400);
        expect(response.json()).toEqual({ error: `malformed PRONAC "${bad}": expected 1 to 7 digits`, parameter: "pronac" });
      }
    });
  }
});

describe("GET /v1/projects/{pronac}/details/", () => {
  it("gives the indicators, each metric with its details under data, tax ids masked", async () => {
    const response = await get("/v1/projects/100001/details/");
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("application/json; charset=utf-8");
    const body = response.json();
    expect(body.pronac).toBe("100001");
    expect(body.nome).toBe("Festival de Música do Sertão");
    const financial = body.indicadores.FinancialIndicator;
    expect(financial.valor).toBe(6.4);
    expect(Object.keys(financial.metricas)).toEqual(
      REGISTRY.map((metric) => metric.id).filter((id) => id !== "itens_comuns_e_incomuns_por_segmento"),
    );
    expect(Object.keys(body.indicadores.AdmissibilityIndicator.metricas)).toEqual(["itens_comuns_e_incomuns_por_segmento"]);

    const items = financial.metricas.itens_orcamentarios;
    expect(items).toMatchObject({ valor: 5, is_outlier: true, valor_valido: true, minimo_esperado: 0 });
    expect(items.maximo_esperado).toBeCloseTo(10 / 6 + 1.5 * Math.sqrt(16 / 6), 2);
    // Segment 11 holds six budgets: 100001's 5 lines and five of 1 line; the range is [0 (minimo_esperado), 5].
    expect({ ...items.distribuicao, maximo_esperado: undefined }).toEqual({
      limites: [0, 0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75, 2, 2.25, 2.5, 2.75, 3, 3.25, 3.5, 3.75, 4, 4.25, 4.5, 4.75, 5],
      projetos: [0, 0, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1],
      valor: 5,
      minimo_esperado: 0,
      maximo_esperado: undefined,
    });
    expect(items.distribuicao.maximo_esperado).toBe(items.maximo_esperado);

    expect(financial.metricas.comprovantes_acima_50).toEqual({
      valor: 1,
      is_outlier: true,
      valor_valido: true,
      minimo_esperado: 0,
      maximo_esperado: 0,
      data: { lista_de_comprovantes: [{ nome: "Cachê artístico", valor_aprovado: 100, valor_comprovado: 300, porcentagem: 200 }] },
      distribuicao: null,
    });
    expect(financial.metricas.comprovante_transferencia).toEqual({
      valor: 1,
      is_outlier: true,
      valor_valido: true,
      minimo_esperado: 0,
      maximo_esperado: 0,
      data: {
        comprovantes: [
          {
            id_comprovante: 9001,
            itens: [
              { item: "Cachê artístico", nome_fornecedor: "Som e Luz Ltda", valor_comprovado: 300, cpf_cnpj_fornecedor: "**.***.678/****-**" },
              { item: "Som e iluminação", nome_fornecedor: "Som e Luz Ltda", valor_comprovado: 200, cpf_cnpj_fornecedor: "**.***.678/****-**" },
            ],
          },
        ],
      },
      distribuicao: null,
    });
    expect(financial.metricas.comprovante_cheque).toMatchObject({ valor: 0, is_outlier: false, data: { comprovantes: [] } });
    const novos = financial.metricas.novos_fornecedores;
    expect(novos).toMatchObject({ valor: 1, is_outlier: true, valor_valido: true });
    expect(novos.data.new_providers_percentage).toBe(1);
    expect(novos.data.segment_average_percentage).toBeCloseTo(1 / 3, 9);
    expect(novos.data.lista_de_novos_fornecedores).toEqual([
      {
        nome: "Som e Luz Ltda",
        cnpj: "**.***.678/****-**",
        itens: { "1": { nome: "Cachê artístico", tem_comprovante: true }, "2": { nome: "Som e iluminação", tem_comprovante: true } },
      },
    ]);
    expect(financial.metricas.valor_a_ser_comprovado).toMatchObject({
      valor: 100,
      is_outlier: true,
      data: { valor_captado: 600, valor_comprovado: 500 },
    });
    expect(financial.metricas.projetos_mesmo_proponente).toMatchObject({
      valor: 1,
      is_outlier: false,
      data: {
        projetos_submetidos: [
          { pronac: "000014", nome: "Coral Municipal", complexidade: 0, valor_comprovado: 0, valor_captado: 0, situacao: "G24", data_inicio: "2018-03-05", data_final: null },
        ],
      },
    });
  });

  it("marks metrics without the project's rows as not available", async () => {
    const body = (await get("/v1/projects/200001/details/")).json();
    expect(body.indicadores.FinancialIndicator.valor).toBe(0);
    expect(body.indicadores.FinancialIndicator.metricas.itens_orcamentarios).toEqual({
      valor: 0,
      is_outlier: false,
      valor_valido: false,
      minimo_esperado: null,
      maximo_esperado: null,
      data: { desvio_padrao: null },
      distribuicao: null,
    });
  });

  it("is a 404 naming pronac for an unknown project", async () => {
    const response = await get("/v1/projects/999999/details/");
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ error: "project 999999 not found", parameter: "pronac" });
  });
});

describe("tax ids", () => {
  const RAW_IDS = ["12345678901", "98765432000110", "8571903399542239214", "11122233344", "55566677788", "12345678000190", "98765432100", "33344455566", "20000000001"];

  // Every text of a JSON body (keys and string values; numbers such as 4.116156409449845 are not ids).
  const texts = (value: unknown): string[] =>
    typeof value === "string"
      ? [value]
      : Array.isArray(value)
        ? value.flatMap(texts)
        : value !== null && typeof value === "object"
          ? Object.entries(value).flatMap(([key, item]) => [key, ...texts(item)])
          : [];

  it("no text in any response of any endpoint, for any project, has an 11+ digit run; no raw tax id anywhere", async () => {
    const urls = ["/v1/projects/", "/v1/projects/?page=2", "/v1/projects/?order_by=responsavel", "/v1/metrics/"];
    for (const pronac of ["100001", "100002", "100003", "100004", "100005", "000014", ...FILLERS]) {
      urls.push(`/v1/projects/${pronac}/`, `/v1/projects/${pronac}/details/`);
    }
    for (const url of urls) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(200);
      for (const text of texts(response.json())) expect(text, url).not.toMatch(/\d{11,}/);
      for (const id of RAW_IDS) expect(response.body, url).not.toContain(id);
    }
    // /health carries sha256s in hex, whose digit runs are not tax ids: only the raw ids are checked there.
    const health = await get("/health");
    for (const id of RAW_IDS) expect(health.body).not.toContain(id);
  });
});

describe("other routes", () => {
  it("GET /health reports the projects and the data the answers come from", async () => {
    const body = (await get("/health")).json();
    expect(body).toMatchObject({ status: "ok", projects: 20 });
    expect(Object.keys(body.files)).toEqual([
      "planilha_aprovacao_comprovacao.csv",
      "planilha_captacao.csv",
      "planilha_comprovacao.csv",
      "planilha_orcamentaria.csv",
      "planilha_projetos.csv",
    ]);
    expect(body.cache_key).toMatch(/^[0-9a-f]{64}$/);
  });

  it("GET /v1/metrics/ describes every metric of the run with the registry's own text", async () => {
    const body = (await get("/v1/metrics/")).json();
    expect(body.metricas.map((m: { id: string }) => m.id)).toEqual(REGISTRY.map((metric) => metric.id));
    const first = REGISTRY[0]!;
    expect(body.metricas[0]).toEqual({
      id: first.id,
      descricao: first.description,
      peso: first.weight,
      cauda: first.tail === "left" ? "esquerda" : "direita",
      disponivel: true,
      motivo_indisponivel: null,
    });
  });

  it("unknown routes under /v1 are JSON 404s, for any method", async () => {
    const unknown = await get("/v1/pessoas/");
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toEqual({ error: "no route for GET /v1/pessoas/" });
    const post = await app.inject({ method: "POST", url: "/v1/pessoas/", headers: { host: "salic.test" } });
    expect(post.statusCode).toBe(404);
    expect(post.json()).toEqual({ error: "no route for POST /v1/pessoas/" });
  });

  it("without a built page, / says how to build it", async () => {
    const response = await get("/");
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ error: "the web page is not built: run `npm run build:web`" });
  });

  it("with a built page, serves index.html at / and at project routes, and assets as immutable", async () => {
    const web = join(root, "web");
    mkdirSync(join(web, "assets"), { recursive: true });
    writeFileSync(join(web, "index.html"), "<!doctype html><title>Salic-ML</title>");
    writeFileSync(join(web, "assets", "app-1a2b.js"), "console.log(1)");
    const page = buildApp(store, { webDir: web });
    try {
      for (const url of ["/", "/projetos/100001"]) {
        const response = await page.inject({ method: "GET", url });
        expect(response.statusCode, url).toBe(200);
        expect(response.headers["content-type"], url).toMatch(/^text\/html/);
        expect(response.body, url).toBe("<!doctype html><title>Salic-ML</title>");
        expect(response.headers["cache-control"], url).toBe("no-cache");
      }
      const asset = await page.inject({ method: "GET", url: "/assets/app-1a2b.js" });
      expect(asset.body).toBe("console.log(1)");
      expect(asset.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
      expect((await page.inject({ method: "GET", url: "/nada.txt" })).statusCode).toBe(404);
    } finally {
      await page.close();
    }
  });
});
