/**
 * Runs the original Salic-ML front end (lappis-unb/salic-ml-frontend, Vue 2)
 * against this service in headless Chromium and checks that it shows the
 * project list and every indicator panel of a project, the proponent's
 * projects included, with no console error. A developer's check, not part of
 * `npm test`: the front end is a third-party project built outside this
 * repository (see the README, "Analysts and feedback", for how to build it).
 *
 *   npx tsx scripts/check-original-frontend.ts --dist /tmp/fe/dist [--api-port 8765] [--data data-samples]
 *
 * The build must have `base_path = "http://127.0.0.1:<api-port>/v1/"` in its
 * src/utils/variables.js; the front end's own files are served from port
 * api-port + 1 under /salic-ml-frontend/ (its production publicPath).
 */
import { spawn } from "node:child_process";
import { createReadStream, existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, normalize, resolve } from "node:path";
import { launchChromium } from "../src/notebook/launch-chromium.js";
import { integerOption, parseCommandLine } from "../src/util/args.js";
import { packageRoot } from "../src/util/paths.js";

/** The titles of the original front end's indicator panels (its src/utils/metrics.js). */
const PANELS = [
  "Valor a ser comprovado",
  "Itens orçamentários",
  "Comprovantes que extrapolaram mais de 50% do aprovado",
  "Projetos do mesmo proponente",
  "Novos fornecedores",
  "Transferência com vários comprovantes",
  "Saque com vários comprovantes",
  "Cheque com vários comprovantes",
];
const USAGE = "usage: npx tsx scripts/check-original-frontend.ts --dist DIR [--api-port N] [--data DIR]";
const PUBLIC_PATH = "/salic-ml-frontend/";
const TYPES: Record<string, string> = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".png": "image/png", ".svg": "image/svg+xml", ".woff": "font/woff", ".woff2": "font/woff2", ".ttf": "font/ttf", ".eot": "application/vnd.ms-fontobject", ".ico": "image/x-icon" };

const { values: options } = parseCommandLine(process.argv.slice(2), { dist: { type: "string" }, "api-port": { type: "string" }, data: { type: "string" } });
if (options.dist === undefined) throw new Error(`--dist is required (the original front end's built dist folder)\n${USAGE}`);
const dist = resolve(options.dist);
if (!existsSync(join(dist, "index.html"))) throw new Error(`--dist ${dist}: no index.html (build the front end first)`);
const apiPort = integerOption("api-port", options["api-port"], 8765, 1, 65534);
const frontPort = apiPort + 1;
const data = resolve(options.data ?? join(packageRoot(), "data-samples"));
const api = `http://127.0.0.1:${apiPort}`;
const front = `http://127.0.0.1:${frontPort}`;

const store = mkdtempSync(join(tmpdir(), "salic-ml-original-fe-"));
const service = spawn(
  process.execPath,
  [join(packageRoot(), "dist", "src", "cli.js"), "serve", "--data", data, "--port", String(apiPort), "--cors-origin", front, "--public-url", api, "--feedback-store", store, "--watch", "0"],
  { stdio: ["ignore", "inherit", "inherit"] },
);
const files = createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url ?? "/", front).pathname);
  const inside = path.startsWith(PUBLIC_PATH) ? normalize(path.slice(PUBLIC_PATH.length)).replace(/^(\.\.[/\\])+/, "") : null;
  const file = inside === null ? null : join(dist, inside === "" || inside === "." ? "index.html" : inside);
  if (file === null || !existsSync(file) || !statSync(file).isFile()) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
  createReadStream(file).pipe(res);
});

const problems: string[] = [];
const ignored: string[] = [];
try {
  await new Promise<void>((ok) => files.listen(frontPort, "127.0.0.1", ok));
  await waitForHealth();
  const pronac = await projectWithProponentProjects();
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    // The front end's own defects are reported apart: its index.html links assets/css/style.css, which
    // the repository does not have, and it loads a Google font, which a closed network cannot reach.
    const own = (url: string) => !url.startsWith(api);
    page.on("console", (m) => {
      if (m.type() !== "error") return;
      const url = m.location().url;
      (m.text().startsWith("Failed to load resource") && own(url) ? ignored : problems).push(`console error: ${m.text()} (${url})`);
    });
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    page.on("response", (r) => {
      if (r.status() >= 400) (own(r.url()) ? ignored : problems).push(`HTTP ${r.status()} for ${r.url()}`);
    });
    page.on("requestfailed", (r) => (own(r.url()) ? ignored : problems).push(`request failed (${r.failure()?.errorText}) for ${r.url()}`));

    await page.goto(`${front}${PUBLIC_PATH}`);
    await page.waitForSelector("table tbody tr", { timeout: 30_000 });
    const rows = await page.locator("table tbody tr").count();
    console.log(`list: ${rows} rows shown`);
    if (rows === 0) problems.push("the project list shows no rows");

    await page.goto(`${front}${PUBLIC_PATH}#/projetos/indicador_financeiro/${pronac.pronac}`);
    await page.waitForFunction(() => document.body.innerText.includes("Projetos do mesmo proponente"), undefined, { timeout: 30_000 });
    await page.waitForTimeout(1_000); // let every card render before reading the text
    for (const title of PANELS) await page.locator(`:text("${title} :"):visible`).first().click({ timeout: 10_000 }); // opens every card
    await page.waitForTimeout(1_000);
    if (process.env["SCREENSHOT"]) await page.screenshot({ path: process.env["SCREENSHOT"], fullPage: true });
    const text = await page.evaluate(() => document.body.innerText);
    for (const title of PANELS) {
      if (!text.includes(title)) problems.push(`details of ${pronac.pronac}: no panel "${title}"`);
    }
    const shown = pronac.others.filter((other) => text.includes(`(${other})`));
    console.log(`details of ${pronac.pronac}: proponent's projects shown ${shown.length} of ${pronac.others.length}`);
    if (shown.length !== pronac.others.length) problems.push(`details of ${pronac.pronac}: the proponent's projects ${pronac.others.join(", ")} are not all listed`);
  } finally {
    await browser.close();
  }
} finally {
  service.kill("SIGTERM");
  files.close();
  rmSync(store, { recursive: true, force: true });
}
if (ignored.length > 0) console.log(`the front end's own files and external resources (not this API):\n- ${[...new Set(ignored)].join("\n- ")}`);
if (problems.length > 0) {
  console.error(`original front end: ${problems.length} problem(s)\n- ${problems.join("\n- ")}`);
  process.exit(1);
}
console.log("original front end: every panel shown, the proponent's projects listed, no console error");

async function waitForHealth(): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (service.exitCode !== null) throw new Error(`salic-ml serve exited with ${service.exitCode}`);
    try {
      if ((await fetch(`${api}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("salic-ml serve did not answer /health within 120 s");
}

/** The first project, in list order, whose proponent has other projects. */
async function projectWithProponentProjects(): Promise<{ pronac: string; others: string[] }> {
  for (let url: string | null = `${api}/v1/projects/?limit=100`; url !== null; ) {
    const page = (await (await fetch(url)).json()) as { results?: { pronac: string }[]; data?: { pronac: string }[]; next_page_url?: string | null };
    for (const { pronac } of page.results ?? page.data ?? []) {
      const details = (await (await fetch(`${api}/v1/projects/${pronac}/details/`)).json()) as {
        indicadores: { FinancialIndicator: { metricas: Record<string, { valor: number; data: { projetos_submetidos?: { pronac: string }[] } }> } };
      };
      const metric = details.indicadores.FinancialIndicator.metricas["projetos_mesmo_proponente"];
      const others = metric?.data.projetos_submetidos ?? [];
      if (metric !== undefined && metric.valor !== 0 && others.length > 0) return { pronac, others: others.map((o) => o.pronac) };
    }
    url = page.next_page_url ?? null;
  }
  throw new Error("no project of the data has other projects of its proponent");
}
