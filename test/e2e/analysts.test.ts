import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchChromium } from "../../src/notebook/launch-chromium.js";
import { startServer, type RunningServer } from "../../src/serve/index.js";

/**
 * Issue #14 in real headless Chromium against the real service over
 * data-samples: analysts created with the real CLI (`salic-ml analysts add`
 * into a temporary --feedback-store), the server started on that store, the
 * page built here from the current sources. Each analyst gets their own
 * browser context (their own sessionStorage), as two people at two desks.
 * Needs data-samples (`npm run samples`).
 */
const repo = resolve(import.meta.dirname, "../..");
let server: RunningServer | undefined;
let browser: Browser;
let storeDir: string;
let cacheDir: string;
let webDir: string;
const tokens: Record<"ana" | "bruno" | "carla", string> = { ana: "", bruno: "", carla: "" };
/** Console errors and CSP refusals on any page of this file. */
const problems: string[] = [];

/** The real CLI, as an administrator runs it (tsx over src/cli.ts, its own process). */
function cli(...args: string[]): { stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, ["--import", "tsx", join(repo, "src/cli.ts"), ...args], { cwd: repo, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`salic-ml ${args.join(" ")} exited ${run.status}:\n${run.stdout}\n${run.stderr}`);
  return { stdout: run.stdout, stderr: run.stderr };
}

/** `analysts add` prints the token alone on its last line. */
function addAnalyst(name: string, email: string): string {
  const lines = cli("analysts", "add", name, email, "--feedback-store", storeDir).stdout.trimEnd().split("\n");
  return lines[lines.length - 1]!;
}

beforeAll(async () => {
  if (!existsSync(join(repo, "data-samples", "planilha_projetos.csv"))) {
    throw new Error("data-samples/ has no planilha_projetos.csv: run `npm run samples` first");
  }
  webDir = mkdtempSync(join(tmpdir(), "salic-e2e-analysts-web-"));
  const built = spawnSync(
    process.execPath,
    [join(repo, "node_modules/vite/bin/vite.js"), "build", "--config", "web/vite.config.ts", "--outDir", webDir, "--emptyOutDir", "--logLevel", "warn"],
    { cwd: repo, encoding: "utf8" },
  );
  if (built.status !== 0) throw new Error(`vite build failed:\n${built.stdout}\n${built.stderr}`);
  storeDir = mkdtempSync(join(tmpdir(), "salic-e2e-store-"));
  tokens.ana = addAnalyst("Ana Souza", "ana@example.org");
  tokens.bruno = addAnalyst("Bruno Lima", "bruno@example.org");
  tokens.carla = addAnalyst("Carla Dias", "carla@example.org");
  cli("analysts", "revoke", "carla@example.org", "--feedback-store", storeDir);
  cacheDir = mkdtempSync(join(tmpdir(), "salic-e2e-analysts-cache-"));
  server = await startServer({ dataDir: join(repo, "data-samples"), port: 0, cacheDir, webDir, feedbackStore: storeDir, log: () => {} });
  browser = await launchChromium();
  mkdirSync(join(repo, "test-artifacts"), { recursive: true });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  for (const dir of [storeDir, cacheDir, webDir]) if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

/** @param expected console errors this desk causes on purpose (besides the refused writes' 401/403/409). */
async function desk(expected?: RegExp): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript(() =>
    document.addEventListener("securitypolicyviolation", (event) => console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`)),
  );
  page.on("console", (message) => {
    // A refused write answers 401/403/409 on purpose; Chromium logs each failed fetch as a console error.
    const text = message.text();
    if (message.type() === "error" && !/status of (401|403|409)/.test(text) && !expected?.test(text)) problems.push(text);
  });
  page.on("pageerror", (error) => problems.push(String(error)));
  return { context, page };
}

async function signIn(page: Page, token: string): Promise<void> {
  await page.locator("[data-testid=token-input]").fill(token);
  await page.locator("[data-testid=signin-form] button[type=submit]").click();
  await page.locator("[data-testid=sign-out]").waitFor();
}

async function api<T>(path: string, init?: RequestInit): Promise<{ status: number; body: T; headers: Headers }> {
  const response = await fetch(`${server!.url}${path}`, init);
  return { status: response.status, body: (await response.json()) as T, headers: response.headers };
}

interface Row {
  pronac: string;
  responsavel: string;
}

/** The project at the top of the list (first page, default order): visible in the list without searching. */
async function topProject(): Promise<string> {
  return (await api<{ data: Row[] }>("/v1/projects/")).body.data[0]!.pronac;
}

async function openProject(page: Page, pronac: string): Promise<void> {
  await page.goto(`${server!.url}/projetos/${pronac}`);
  await page.locator("[data-testid=project-name]").waitFor();
}

interface Distribuicao {
  limites: number[];
  projetos: number[];
  valor: number;
  minimo_esperado: number | null;
  maximo_esperado: number | null;
}

/** The bin a value falls in: limites[i] <= v < limites[i+1], the last bin holding its upper limit. */
function binOf(d: Distribuicao, value: number): number {
  const last = d.projetos.length - 1;
  for (let i = 0; i < last; i++) if (value < d.limites[i + 1]!) return i;
  return last;
}

describe("each metric card draws its segment's distribution", () => {
  it("one bar per bin with the service's counts, and the project's value and the expected limits inside the bins the numbers name", async () => {
    const { context, page } = await desk();
    const pronac = await topProject();
    const details = (
      await api<{ indicadores: Record<string, { metricas: Record<string, { valor_valido: boolean; distribuicao: Distribuicao | null }> }> }>(
        `/v1/projects/${pronac}/details/`,
      )
    ).body;
    const drawn = Object.values(details.indicadores)
      .flatMap((indicator) => Object.entries(indicator.metricas))
      .filter(([, metric]) => metric.distribuicao !== null);
    expect(drawn.length, "the top project has segment distributions").toBeGreaterThan(3);
    expect(drawn.some(([, m]) => m.distribuicao!.maximo_esperado !== null), "at least one with an expected maximum").toBe(true);

    await openProject(page, pronac);
    let marksChecked = 0;
    for (const [id, metric] of drawn) {
      const d = metric.distribuicao!;
      const chart = page.locator(`[data-testid=metric-card][data-metric=${id}] [data-testid=distribution]`);
      const bars = chart.locator("[data-testid=distribution-bar]");
      expect(await bars.count(), id).toBe(d.projetos.length);
      expect((await bars.evaluateAll((els) => els.map((el) => Number(el.getAttribute("data-projetos"))))), id).toEqual(d.projetos);
      // Taller bars for more projects: the tallest bar is a bin with the most projects.
      const heights = await bars.evaluateAll((els) => els.map((el) => (el as SVGGraphicsElement).getBBox().height));
      expect(d.projetos[heights.indexOf(Math.max(...heights))], id).toBe(Math.max(...d.projetos));
      const label = await chart.locator("svg").getAttribute("aria-label");
      expect(label, id).toContain(`${d.projetos.reduce((a, b) => a + b, 0)} projetos`);

      for (const [kind, value] of [["valor", d.valor], ["minimo", d.minimo_esperado], ["maximo", d.maximo_esperado]] as const) {
        const mark = chart.locator(`[data-testid=distribution-${kind}]`);
        if (value === null) {
          expect(await mark.count(), `${id}: no ${kind} mark`).toBe(0);
          continue;
        }
        expect(Number(await mark.getAttribute("data-value")), `${id} ${kind}`).toBe(value);
        const line = (await mark.boundingBox())!;
        const at = line.x + line.width / 2; // the box includes the stroke: its middle is the value
        const bar = (await bars.nth(binOf(d, value)).boundingBox())!;
        // Within its bin's horizontal span, up to the 1 px gap drawn between bars.
        expect(at, `${id} ${kind} = ${value} left edge`).toBeGreaterThanOrEqual(bar.x - 0.5);
        expect(at, `${id} ${kind} = ${value} right edge`).toBeLessThanOrEqual(bar.x + bar.width + 1);
        marksChecked++;
      }
    }
    expect(marksChecked).toBeGreaterThan(drawn.length);
    await page.screenshot({ path: join(repo, "test-artifacts", "e2e-distribution.png"), fullPage: true });
    await context.close();
  });
});

describe("an analyst takes and releases a project", () => {
  let ana: { context: BrowserContext; page: Page };
  let bruno: { context: BrowserContext; page: Page };
  let pronac: string;

  beforeAll(async () => {
    ana = await desk();
    bruno = await desk();
    pronac = await topProject();
  });
  afterAll(async () => {
    await ana.context.close();
    await bruno.context.close();
  });

  it("without a token the page says a token is needed, and nobody has the project", async () => {
    await openProject(ana.page, pronac);
    expect(await ana.page.locator("[data-testid=project-responsavel]").innerText()).toBe("ninguém");
    expect(await ana.page.locator("[data-testid=take-needs-token]").innerText()).toBe(
      "Para assumir este projeto, informe seu token de analista no topo da página.",
    );
    expect(await ana.page.locator("[data-testid=take-button]").count()).toBe(0);
  });

  it("with her token, Ana takes it: the page, the details and the list name her", async () => {
    await signIn(ana.page, tokens.ana);
    await ana.page.locator("[data-testid=take-button]").click();
    await expect.poll(() => ana.page.locator("[data-testid=project-responsavel]").innerText()).toBe("Ana Souza");
    expect(await ana.page.locator("[data-testid=signed-in]").innerText()).toContain("Ana Souza");
    expect((await api<Row>(`/v1/projects/${pronac}/details/`)).body.responsavel).toBe("Ana Souza");

    await ana.page.goto(server!.url);
    const row = ana.page.locator("[data-testid=project-row]").filter({ has: ana.page.locator(`td:first-child:text-is("${pronac}")`) });
    await expect.poll(() => row.locator("td:nth-child(3)").innerText()).toBe("Ana Souza");
    // The token stays in this tab's sessionStorage, never in an address.
    expect(ana.page.url()).not.toContain(tokens.ana);
    expect(await ana.page.evaluate(() => Object.values(sessionStorage))).toContain(tokens.ana);
  });

  it("Bruno, at another desk, cannot take it while Ana has it: the refusal names her", async () => {
    await openProject(bruno.page, pronac);
    expect(await bruno.page.locator("[data-testid=project-responsavel]").innerText()).toBe("Ana Souza");
    await signIn(bruno.page, tokens.bruno);
    await bruno.page.locator("[data-testid=take-button]").click();
    await expect.poll(() => bruno.page.locator("[data-testid=take-message]").innerText()).toContain("Ana Souza");
    expect((await api<Row>(`/v1/projects/${pronac}/details/`)).body.responsavel).toBe("Ana Souza");
  });

  it("Ana releases it: nobody has it again (the API's one space), and Bruno can take it", async () => {
    await openProject(ana.page, pronac);
    await ana.page.locator("[data-testid=release-button]").click();
    await expect.poll(() => ana.page.locator("[data-testid=project-responsavel]").innerText()).toBe("ninguém");
    expect((await api<Row>(`/v1/projects/${pronac}/details/`)).body.responsavel).toBe(" ");

    await openProject(bruno.page, pronac);
    await bruno.page.locator("[data-testid=take-button]").click();
    await expect.poll(() => bruno.page.locator("[data-testid=project-responsavel]").innerText()).toBe("Bruno Lima");
    await bruno.page.locator("[data-testid=release-button]").click();
    await expect.poll(() => bruno.page.locator("[data-testid=project-responsavel]").innerText()).toBe("ninguém");
  });

  it("signing out forgets the token", async () => {
    await ana.page.locator("[data-testid=sign-out]").click();
    await ana.page.locator("[data-testid=token-input]").waitFor();
    expect(await ana.page.evaluate(() => Object.values(sessionStorage))).not.toContain(tokens.ana);
    expect(await ana.page.locator("[data-testid=take-needs-token]").count()).toBe(1);
  });
});

interface Entry {
  id: number;
  pronac: string;
  metrica: string | null;
  avaliacao: string | null;
  nota: number | null;
  comentario: string;
  analista: string;
  quando: string;
}

describe("a history that cannot be loaded", () => {
  it("is said in its section, and the project and its metrics are shown all the same", async () => {
    // The network drops every request for the history: the browser sees a failed fetch, as when the store is down.
    const page = await desk(/ERR_FAILED/);
    await page.context.route("**/v1/projects/*/feedback/", (route) => (route.request().method() === "GET" ? route.abort("failed") : route.continue()));
    const pronac = await topProject();
    await openProject(page.page, pronac);
    expect(await page.page.locator("[data-testid=project-name]").count()).toBe(1);
    expect(await page.page.locator("[data-testid=metric-card]").count()).toBeGreaterThan(0);
    await page.page.locator("[data-testid=history-error]").waitFor();
    expect(await page.page.locator("[data-testid=history-error]").innerText()).toBe("Não foi possível carregar o histórico de avaliações.");
    expect(await page.page.locator("[data-testid=project-error]").count()).toBe(0);
    await page.context.close();
  });
});

describe("feedback from the page reaches the store and the export", () => {
  let ana: { context: BrowserContext; page: Page };
  let pronac: string;
  // A comment with a CPF: the store and every answer show it masked.
  const CPF = "123.456.789-09";
  const METRIC = "itens_orcamentarios";

  beforeAll(async () => {
    ana = await desk();
    pronac = (await api<{ data: Row[] }>("/v1/projects/?page=2")).body.data[0]!.pronac;
  });
  afterAll(async () => ana.context.close());

  it("without a token, each card and the grade say a token is needed", async () => {
    await openProject(ana.page, pronac);
    const card = ana.page.locator(`[data-testid=metric-card][data-metric=${METRIC}]`);
    expect(await card.locator("[data-testid=feedback-needs-token]").count()).toBe(1);
    expect(await card.locator("[data-testid=feedback-util]").count()).toBe(0);
    expect(await ana.page.locator("[data-testid=grade-needs-token]").innerText()).toBe(
      "Para dar uma nota ao projeto, informe seu token de analista no topo da página.",
    );
    expect(await ana.page.locator("[data-testid=history-empty]").count()).toBe(1);
  });

  it("Ana judges a metric útil with a comment and grades the project 4: both join the history, oldest first", async () => {
    await signIn(ana.page, tokens.ana);
    const card = ana.page.locator(`[data-testid=metric-card][data-metric=${METRIC}]`);
    await card.locator("[data-testid=feedback-comment]").fill(`itens conferidos com o proponente ${CPF}`);
    await card.locator("[data-testid=feedback-util]").click();
    await expect.poll(() => ana.page.locator("[data-testid=history-row]").count()).toBe(1);
    await ana.page.locator("[data-testid=grade-4]").click();
    await ana.page.locator("[data-testid=grade-send]").click();
    await expect.poll(() => ana.page.locator("[data-testid=history-row]").count()).toBe(2);

    const rows = ana.page.locator("[data-testid=history-row]");
    expect(await rows.nth(0).getAttribute("data-metrica")).toBe(METRIC);
    expect(await rows.nth(0).locator("td:nth-child(2)").innerText()).toBe("Ana Souza");
    const comment = await rows.nth(0).locator("td:nth-child(4)").innerText();
    expect(comment).toContain("itens conferidos com o proponente");
    expect(comment).not.toContain(CPF);
    expect(await rows.nth(1).getAttribute("data-metrica")).toBe("");

    // A reload shows the same history, read back from the server.
    await openProject(ana.page, pronac);
    await expect.poll(() => ana.page.locator("[data-testid=history-row]").count()).toBe(2);
    const stored = (await api<{ pronac: string; feedback: Entry[] }>(`/v1/projects/${pronac}/feedback/`)).body;
    expect(stored.pronac).toBe(pronac);
    expect(stored.feedback.map(({ metrica, avaliacao, nota, analista }) => ({ metrica, avaliacao, nota, analista }))).toEqual([
      { metrica: METRIC, avaliacao: "util", nota: null, analista: "Ana Souza" },
      { metrica: null, avaliacao: null, nota: 4, analista: "Ana Souza" },
    ]);
    expect(stored.feedback[0]!.comentario).not.toContain(CPF);
    expect(stored.feedback[1]!.comentario).toBe("");
  });

  it("a revoked token is refused (403) and the card shows the server's message; nothing is stored", async () => {
    const carla = await desk();
    await openProject(carla.page, pronac);
    await signIn(carla.page, tokens.carla);
    const direct = await api<{ error: string }>(`/v1/projects/${pronac}/feedback/`, {
      method: "POST",
      headers: { authorization: `Bearer ${tokens.carla}`, "content-type": "application/json" },
      body: JSON.stringify({ metrica: METRIC, avaliacao: "falso_alarme" }),
    });
    expect(direct.status).toBe(403);
    const card = carla.page.locator(`[data-testid=metric-card][data-metric=${METRIC}]`);
    await card.locator("[data-testid=feedback-falso]").click();
    await expect.poll(() => card.locator("[data-testid=feedback-message]").innerText()).toContain(direct.body.error);
    await carla.context.close();
    expect((await api<{ feedback: Entry[] }>(`/v1/projects/${pronac}/feedback/`)).body.feedback).toHaveLength(2);
  });

  it("an unknown token is refused (401, WWW-Authenticate: Bearer) and the page shows why", async () => {
    const stranger = await desk();
    await openProject(stranger.page, pronac);
    await signIn(stranger.page, "nao-e-um-token");
    const direct = await api<{ error: string }>(`/v1/projects/${pronac}/responsavel/`, {
      method: "PUT",
      headers: { authorization: "Bearer nao-e-um-token" },
    });
    expect(direct.status).toBe(401);
    expect(direct.headers.get("www-authenticate")).toMatch(/^Bearer/);
    await stranger.page.locator("[data-testid=take-button]").click();
    await expect.poll(() => stranger.page.locator("[data-testid=take-message]").innerText()).toContain(direct.body.error);
    await stranger.context.close();
    expect((await api<Row>(`/v1/projects/${pronac}/details/`)).body.responsavel).toBe(" ");
  });

  it("the page logged no console error and Chromium refused nothing", () => {
    expect(problems).toEqual([]);
  });

  it("`salic-ml feedback export` holds the page's two entries, in the contract's columns", async () => {
    const stored = (await api<{ feedback: Entry[] }>(`/v1/projects/${pronac}/feedback/`)).body.feedback;
    // The embedded store belongs to one process at a time: the server lets go of it first.
    await server!.close();
    server = undefined;
    const out = join(storeDir, "..", `${storeDir.split("/").pop()}-export.csv`);
    cli("feedback", "export", "--feedback-store", storeDir, "--out", out, "--format", "csv");
    const lines = readFileSync(out, "utf8").trimEnd().split(/\r?\n/);
    rmSync(out, { force: true });
    expect(lines[0]).toBe("pronac,metrica,avaliacao,nota,comentario,analista,quando");
    expect(lines.slice(1)).toEqual([
      `${pronac},${METRIC},util,,${stored[0]!.comentario},Ana Souza,${stored[0]!.quando}`,
      `${pronac},,,4,,Ana Souza,${stored[1]!.quando}`,
    ]);
    expect(lines.join("\n")).not.toContain(CPF);
    expect(stored[0]!.quando).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });
});
