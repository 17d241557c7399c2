import { spawn, type ChildProcessByStdio } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Readable } from "node:stream";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Notebook } from "../../src/jupyter/index.js";
import { PLOTLY_MIME } from "../../src/notebook/figure.js";
import { launchChromium } from "../../src/notebook/launch-chromium.js";

/**
 * `npm run lab` as a user gets it: scripts/lab.ts starts Debian's classic
 * Notebook with the project's config and nbextension (installed by
 * scripts/setup.sh, which `npm test` runs first), here on a free port with a
 * token and on a copy of notebooks/ (the committed files are only read).
 * Nothing is executed: the committed outputs are what is shown and saved.
 */
const repo = resolve(import.meta.dirname, "../..");
const committedDir = join(repo, "notebooks");
const committed = readdirSync(committedDir).filter((f) => f.endsWith(".ipynb")).sort();
const TOUR = "00_tour.ipynb";

/** What the test signs as trusted stays in memory, not in the project's signature database. */
const ISOLATED = ["--NotebookNotary.db_file=:memory:"];

interface Lab {
  url: string;
  token: string;
  stop: () => Promise<void>;
}

let lab: Lab;
let folder: string;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), "salic-lab-"));
  cpSync(committedDir, folder, { recursive: true });
  lab = await startLab(folder);
}, 60_000);

afterAll(async () => {
  await lab?.stop();
  if (folder !== undefined) rmSync(folder, { recursive: true, force: true });
}, 30_000);

/** Runs scripts/lab.ts as `npm run lab -- ARGS` does, and resolves once it prints the URL to open. */
async function startLab(notebookDir: string): Promise<Lab> {
  const port = await freePort();
  const token = randomBytes(16).toString("hex");
  const child: ChildProcessByStdio<null, Readable, Readable> = spawn(
    process.execPath,
    ["--import", "tsx", "scripts/lab.ts", "--no-browser", `--port=${port}`, "--port-retries=0", `--NotebookApp.token=${token}`, `--notebook-dir=${notebookDir}`, ...ISOLATED],
    { cwd: repo, stdio: ["ignore", "pipe", "pipe"] },
  );
  let log = "";
  child.stderr.on("data", (chunk: Buffer) => (log = (log + chunk.toString("utf8")).slice(-20_000)));
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  await new Promise<void>((ready, fail) => {
    child.stdout.on("data", (chunk: Buffer) => {
      if (chunk.toString("utf8").includes("lab: Jupyter is serving")) ready();
    });
    void exited.then(() => fail(new Error(`npm run lab exited before serving:\n${log}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    stop: async () => {
      // lab.ts passes SIGTERM on; Jupyter then shuts its kernels down.
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
  const { port } = server.address() as { port: number };
  await new Promise((closed) => server.close(closed));
  return port;
}

async function contents(name: string, init: RequestInit = {}): Promise<Response> {
  const response = await fetch(`${lab.url}/api/contents/${encodeURIComponent(name)}?content=1`, {
    ...init,
    headers: { Authorization: `token ${lab.token}`, "Content-Type": "application/json" },
  });
  if (!response.ok) throw new Error(`${init.method ?? "GET"} ${name}: ${response.status} ${await response.text()}`);
  return response;
}

/** The notebook model as the browser receives it when it opens a notebook. */
async function openModel(name: string): Promise<Notebook> {
  const model = (await (await contents(name)).json()) as { type: string; content: Notebook };
  expect(model.type).toBe("notebook");
  return model.content;
}

/** Saves a notebook model as the browser's Save does. */
async function save(name: string, content: Notebook): Promise<void> {
  await contents(name, { method: "PUT", body: JSON.stringify({ type: "notebook", content }) });
}

const bytes = (dir: string, name: string) => readFileSync(join(dir, name));

describe("npm run lab shows figures as interactive Plotly charts", () => {
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const plotlyOutputs = (JSON.parse(readFileSync(join(committedDir, TOUR), "utf8")) as Notebook).cells
    .flatMap((cell) => cell.outputs ?? [])
    .filter((output) => output.data?.[PLOTLY_MIME] !== undefined).length;

  /** Opens the notebook page and waits until the notebook has rendered its outputs. */
  async function openNotebook(name: string, before: (page: Page) => Promise<unknown> = async () => {}): Promise<Page> {
    const opened = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    opened.on("pageerror", (error) => pageErrors.push(error.message));
    await before(opened);
    // Not "load": that event also waits for a held nbextension script when its tag is added before the
    // page finished loading, and the late-renderer test releases the script only after this returns.
    await opened.goto(`${lab.url}/notebooks/${name}?token=${lab.token}`, { waitUntil: "domcontentloaded" });
    await opened.waitForFunction(() => (window as unknown as { Jupyter?: { notebook?: { _fully_loaded?: boolean } } }).Jupyter?.notebook?._fully_loaded === true, null, { timeout: 30_000 });
    return opened;
  }
  // plotly.js loads with the first figure; a drawn chart has its SVG.
  const drawnCharts = (on: Page) => on.locator(".output_plotly .js-plotly-plot").evaluateAll((charts) => charts.filter((c) => c.querySelector(".main-svg") !== null).length);
  const shownPngs = (on: Page) => on.locator(".output_png img").count();

  beforeAll(async () => {
    browser = await launchChromium();
    page = await openNotebook(TOUR);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it(`draws every committed Plotly output of ${TOUR} with plotly.js instead of its PNG`, async () => {
    expect(plotlyOutputs).toBeGreaterThan(0);
    await expect.poll(() => drawnCharts(page), { timeout: 30_000 }).toBe(plotlyOutputs);
    // The PNG stays in the file for GitHub; here the chart replaces it.
    expect(await shownPngs(page)).toBe(0);
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it("draws them too when the renderer loads after the notebook showed its PNGs (the two load concurrently)", async () => {
    let release = () => {};
    const released = new Promise<void>((go) => (release = go));
    const late = await openNotebook(TOUR, (opening) =>
      opening.route("**/nbextensions/salic-plotly/main.js*", async (route) => {
        await released;
        await route.continue();
      }),
    );
    expect(await shownPngs(late)).toBe(plotlyOutputs);
    release();
    await expect.poll(() => drawnCharts(late), { timeout: 30_000 }).toBe(plotlyOutputs);
    expect(await shownPngs(late)).toBe(0);
    await late.close();
  }, 60_000);

  it("offers Plotly's modebar, and dragging across a chart zooms it", async () => {
    const chart = page.locator(".output_plotly .js-plotly-plot").first();
    await chart.scrollIntoViewIfNeeded();
    await chart.hover();
    for (const title of ["Zoom", "Pan", "Reset axes"]) expect(await chart.locator(`.modebar-btn[data-title="${title}"]`).count()).toBe(1);
    const xRange = () => chart.evaluate((el) => JSON.stringify((el as unknown as { _fullLayout: { xaxis: { range: unknown } } })._fullLayout.xaxis.range));
    const before = await xRange();
    const box = await chart.locator(".nsewdrag").first().boundingBox();
    if (box === null) throw new Error("the chart has no drag area");
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.5);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.5, { steps: 8 });
    await page.mouse.up();
    await expect.poll(xRange, { timeout: 10_000 }).not.toBe(before);
  }, 60_000);

  it("leaves the opened notebook unmodified (no re-render marks it as changed)", async () => {
    expect(await page.evaluate(() => (window as unknown as { Jupyter: { notebook: { dirty: boolean } } }).Jupyter.notebook.dirty)).toBe(false);
    expect(bytes(folder, TOUR).equals(bytes(committedDir, TOUR))).toBe(true);
  });
});

describe("saving from npm run lab writes the canonical form", () => {
  it.each(committed)("%s opened and saved unchanged is byte-identical to the committed file", async (name) => {
    await save(name, await openModel(name));
    expect(bytes(folder, name).equals(bytes(committedDir, name))).toBe(true);
  }, 30_000);

  it("a notebook the browser re-ran (new counts, cell ids, kernel metadata) is saved as the committed file, and stays trusted", async () => {
    const model = await openModel(TOUR);
    let count = 40;
    for (const cell of model.cells) {
      cell.id = randomUUID();
      cell.metadata = { ...cell.metadata, trusted: true, collapsed: false, execution: { "iopub.status.busy": new Date().toISOString() } };
      if (cell.cell_type === "code" && cell.execution_count !== null) {
        cell.execution_count = ++count;
        for (const output of cell.outputs ?? []) if (output.output_type === "execute_result") output.execution_count = count;
      }
    }
    model.metadata = { ...model.metadata, language_info: { name: "typescript", version: "9.9.9" }, widgets: {} };
    await save(TOUR, model);
    expect(bytes(folder, TOUR).equals(bytes(committedDir, TOUR))).toBe(true);
    // Jupyter signed what it wrote: reopened, its outputs are trusted as they were when saved.
    const reopened = await openModel(TOUR);
    expect(reopened.cells.filter((c) => c.cell_type === "code").every((c) => c.metadata["trusted"] === true)).toBe(true);
  }, 30_000);
});
