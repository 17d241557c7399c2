import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { METRIC_CATALOG } from "../../src/metrics/catalog.js";
import { launchChromium } from "../../src/notebook/launch-chromium.js";
import { PAGE_CSP, startServer, type RunningServer } from "../../src/serve/index.js";

/**
 * The analysts' page in real headless Chromium (Debian's /usr/bin/chromium,
 * driven by playwright-core) against the service over data-samples. The page
 * is always built here from the current sources (Vite, into a temporary folder
 * the test owns and serves: never a stale dist/web). Needs data-samples (`npm run samples`).
 * Screenshots go to test-artifacts/ (ignored by git).
 */
const repo = resolve(import.meta.dirname, "../..");
const artifacts = join(repo, "test-artifacts");
let server: RunningServer;
let browser: Browser;
let page: Page;
let cacheDir: string;
let webDir: string;
const foreignRequests: string[] = [];
/** What Chromium refused under the page's Content-Security-Policy, as it reports it. */
const cspViolations: string[] = [];

interface ApiRow {
  pronac: string;
  nome: string;
  complexidade: number;
}

beforeAll(async () => {
  if (!existsSync(join(repo, "data-samples", "planilha_projetos.csv"))) {
    throw new Error("data-samples/ has no planilha_projetos.csv: run `npm run samples` first");
  }
  webDir = mkdtempSync(join(tmpdir(), "salic-e2e-web-"));
  const built = spawnSync(
    process.execPath,
    [join(repo, "node_modules/vite/bin/vite.js"), "build", "--config", "web/vite.config.ts", "--outDir", webDir, "--emptyOutDir", "--logLevel", "warn"],
    { cwd: repo, encoding: "utf8" },
  );
  if (built.status !== 0) throw new Error(`vite build failed:\n${built.stdout}\n${built.stderr}`);
  if (!existsSync(join(webDir, "index.html"))) throw new Error(`vite build wrote no index.html into ${webDir}`);
  cacheDir = mkdtempSync(join(tmpdir(), "salic-e2e-cache-"));
  server = await startServer({ dataDir: join(repo, "data-samples"), port: 0, cacheDir, webDir, log: () => {} });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on("request", (request) => {
    if (!request.url().startsWith(server.url) && !request.url().startsWith("data:")) foreignRequests.push(request.url());
  });
  // Chromium logs a refused inline style or script to the console; the DOM event also names the directive.
  await page.addInitScript(() =>
    document.addEventListener("securitypolicyviolation", (event) => console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`)),
  );
  page.on("console", (message) => {
    if (/Content Security Policy|CSP violation/.test(message.text())) cspViolations.push(message.text());
  });
  mkdirSync(artifacts, { recursive: true });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (cacheDir !== undefined) rmSync(cacheDir, { recursive: true, force: true });
  if (webDir !== undefined) rmSync(webDir, { recursive: true, force: true });
});

async function api<T>(path: string): Promise<T> {
  const response = await fetch(`${server.url}${path}`);
  return (await response.json()) as T;
}

const fold = (text: string) => text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
// The spec's bands (§5), restated here as the expectation.
const bandOf = (value: number) => (value > 6 ? "band-muito" : value > 3 ? "band-complexo" : "band-normal");

async function rowPronacs(): Promise<string[]> {
  return page.locator("[data-testid=project-row] td:first-child").allInnerTexts();
}

async function expectBands(rows: readonly ApiRow[]): Promise<void> {
  const badges = page.locator("[data-testid=project-row] [data-testid=band]");
  for (let i = 0; i < rows.length; i++) expect(await badges.nth(i).getAttribute("class")).toContain(bandOf(rows[i]!.complexidade));
}

describe("the analysts' page", () => {
  it("lists the most complex projects first, each with its colour band", async () => {
    const expected = await api<{ data: ApiRow[]; total: number }>("/v1/projects/");
    const navigation = await page.goto(server.url);
    expect(navigation?.headers()["content-security-policy"], "the page is served under its CSP").toBe(PAGE_CSP);
    expect(navigation?.headers()["x-frame-options"]).toBe("DENY");
    await page.locator("[data-testid=project-row]").first().waitFor();
    expect(await rowPronacs()).toEqual(expected.data.map((row) => row.pronac));
    const values = expected.data.map((row) => row.complexidade);
    expect(values).toEqual([...values].sort((a, b) => b - a));
    await expectBands(expected.data);
    expect(values[0], "the samples plant anomalies, so the top project is not Normal").toBeGreaterThan(3);
    await expect(page.locator("[data-testid=page-info]").innerText()).resolves.toContain(`de ${expected.total.toLocaleString("pt-BR")} projetos`);
    await page.screenshot({ path: join(artifacts, "e2e-list.png"), fullPage: true });
  });

  it("pages forward and back", async () => {
    const second = await api<{ data: ApiRow[] }>("/v1/projects/?page=2");
    await page.locator("[data-testid=next]").click();
    await page.waitForURL(/pagina=2/);
    await expect.poll(rowPronacs).toEqual(second.data.map((row) => row.pronac));
    await expectBands(second.data);
    await page.locator("[data-testid=prev]").click();
    await page.waitForURL(`${server.url}/`);
  });

  it("colours each band: the page where projects above 3 give way to Normal ones shows both", async () => {
    const above = (await api<{ total: number }>("/v1/projects/?complexidade__gt=3")).total;
    const boundary = Math.floor(above / 15) + 1;
    const rows = (await api<{ data: ApiRow[] }>(`/v1/projects/?page=${boundary}`)).data;
    expect(new Set(rows.map((row) => bandOf(row.complexidade))).size, `page ${boundary} mixes bands`).toBeGreaterThan(1);
    await page.goto(`${server.url}/?pagina=${boundary}`);
    await expect.poll(rowPronacs).toEqual(rows.map((row) => row.pronac));
    await expectBands(rows);
    expect(await page.locator(".band-normal").count()).toBeGreaterThan(0);
    await page.goto(server.url);
    await page.locator("[data-testid=project-row]").first().waitFor();
  });

  it("searches by name, ignoring case and accents", async () => {
    const top = (await api<{ data: ApiRow[] }>("/v1/projects/")).data[0]!;
    const word = top.nome.split(/\s+/).find((w) => w.length >= 5) ?? top.nome;
    const expected = await api<{ data: ApiRow[] }>(`/v1/projects/?nome__icontains=${encodeURIComponent(word)}`);
    await page.locator("[data-testid=search]").fill(word.toUpperCase());
    await page.waitForURL(/busca=/);
    await expect.poll(rowPronacs).toEqual(expected.data.map((row) => row.pronac));
    const names = await page.locator("[data-testid=project-row] td:nth-child(2)").allInnerTexts();
    for (const name of names) expect(fold(name)).toContain(fold(word));
    await page.locator("[data-testid=search]").fill("");
    await page.waitForURL(`${server.url}/`);
  });

  it("says so when a PRONAC does not exist", async () => {
    await page.locator("[data-testid=pronac-input]").fill("9999999");
    await page.locator("[data-testid=pronac-form] button").click();
    await expect
      .poll(() => page.locator("[data-testid=pronac-message]").innerText())
      .toBe("Nenhum projeto com o PRONAC 9999999 foi encontrado.");
  });

  it("opens a project: a 0–10 gauge and one card per metric, in plain Portuguese", async () => {
    const top = (await api<{ data: ApiRow[] }>("/v1/projects/")).data[0]!;
    const details = await api<{
      indicadores: Record<string, { valor: number; metricas: Record<string, { is_outlier: boolean; valor_valido: boolean }> }>;
    }>(`/v1/projects/${top.pronac}/details/`);
    const metrics = await api<{ metricas: { id: string; descricao: string }[] }>("/v1/metrics/");

    await page.locator("[data-testid=project-row] a").first().click();
    await page.waitForURL(`${server.url}/projetos/${top.pronac}`);
    await page.locator("[data-testid=gauge]").waitFor();
    expect(await page.locator("[data-testid=project-name]").innerText()).toBe(top.nome);
    expect(Number(await page.locator("[data-testid=gauge]").getAttribute("data-value"))).toBe(top.complexidade);
    expect(await page.locator("[data-testid=gauge-value]").textContent()).toBe(top.complexidade.toFixed(1).replace(".", ","));
    expect(await page.locator("[data-testid=gauge-band]").innerText()).toBe(
      { "band-muito": "Muito complexo", "band-complexo": "Complexo", "band-normal": "Normal" }[bandOf(top.complexidade)],
    );

    const titles = new Map<string, string>(METRIC_CATALOG.map((entry) => [entry.id, entry.title]));
    const cards = page.locator("[data-testid=metric-card]");
    const ids = Object.values(details.indicadores).flatMap((indicator) => Object.keys(indicator.metricas));
    expect(await cards.count()).toBe(ids.length);
    expect(ids.length).toBe(metrics.metricas.length);
    for (const metric of metrics.metricas) {
      const card = page.locator(`[data-testid=metric-card][data-metric=${metric.id}]`);
      expect(await card.locator(".what").innerText()).toBe(metric.descricao);
      expect(await card.locator("h3").innerText(), "the card's title is the catalog's").toBe(titles.get(metric.id));
      const result = Object.values(details.indicadores).find((indicator) => metric.id in indicator.metricas)!.metricas[metric.id]!;
      const status = !result.valor_valido ? "Sem dados" : result.is_outlier ? "Fora do esperado" : "Dentro do esperado";
      expect(await card.locator("[data-testid=metric-status]").innerText()).toBe(status);
    }
    await page.screenshot({ path: join(artifacts, "e2e-project.png"), fullPage: true });
  });

  it("loads nothing from outside the service (no CDN, no web fonts)", () => {
    expect(foreignRequests).toEqual([]);
  });

  it("works under its Content-Security-Policy without 'unsafe-inline': Chromium refused nothing on any page above", () => {
    expect(PAGE_CSP).not.toContain("unsafe-inline");
    expect(cspViolations).toEqual([]);
  });

  it("the policy is enforced, and a refusal would be seen: an inline style attribute is refused and reported", async () => {
    await page.evaluate(() => document.body.insertAdjacentHTML("beforeend", '<div id="inline-probe" style="color: rgb(255, 0, 0)">x</div>'));
    await expect.poll(() => cspViolations.length).toBeGreaterThan(0);
    expect(cspViolations.some((text) => text.includes("style-src"))).toBe(true);
    expect(await page.locator("#inline-probe").evaluate((element) => getComputedStyle(element).color)).not.toBe("rgb(255, 0, 0)");
  });
});
