/**
 * The figure renderer's own process (spawned by chromium.ts). It owns one
 * headless Chromium with Plotly loaded, renders figures one at a time, and
 * closes the browser when its stdin ends, which is also what happens when
 * the kernel that started it exits or is killed. Protocol: one JSON request
 * per stdin line, `{id, figure, width, height, scale}`, one JSON reply per
 * stdout line, `{id, png}` (base64) or `{id, error}`.
 */
import { createRequire } from "node:module";
import { createInterface } from "node:readline";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "./launch-chromium.js";

interface RenderRequest {
  id: number;
  figure: { data: unknown[]; layout: Record<string, unknown>; config?: Record<string, unknown> };
  width: number;
  height: number;
  scale: number;
}

// Same pixels on every machine: no font hinting or subpixel differences from the host's settings.
const DETERMINISTIC_PIXELS = ["--font-render-hinting=none", "--disable-lcd-text", "--force-color-profile=srgb"];

let browser: Browser | undefined;
let page: Promise<Page> | undefined;

async function openPage(): Promise<Page> {
  browser = await launchChromium(DETERMINISTIC_PIXELS);
  const p = await browser.newPage({ viewport: { width: 1000, height: 800 }, deviceScaleFactor: 1 });
  await p.setContent("<!doctype html><html><head><meta charset='utf-8'></head><body></body></html>");
  const plotly = createRequire(import.meta.url).resolve("plotly.js-dist");
  await p.addScriptTag({ path: plotly });
  return p;
}

async function render(request: RenderRequest): Promise<string> {
  page ??= openPage();
  const p = await page;
  const url = await p.evaluate(async ({ figure, width, height, scale }) => {
    const Plotly = (window as unknown as { Plotly: { toImage(fig: unknown, opts: unknown): Promise<string> } }).Plotly;
    return Plotly.toImage(figure, { format: "png", width, height, scale });
  }, request);
  const comma = url.indexOf(",");
  if (!url.startsWith("data:image/png;base64,") || comma < 0) throw new Error("Plotly did not return a PNG data URL");
  return url.slice(comma + 1);
}

// Requests are served in order: one page, one figure at a time.
let queue: Promise<void> = Promise.resolve();
const lines = createInterface({ input: process.stdin });
lines.on("line", (line) => {
  queue = queue.then(async () => {
    let request: RenderRequest;
    try {
      request = JSON.parse(line) as RenderRequest;
    } catch {
      return;
    }
    try {
      process.stdout.write(`${JSON.stringify({ id: request.id, png: await render(request) })}\n`);
    } catch (error) {
      process.stdout.write(`${JSON.stringify({ id: request.id, error: (error as Error).message })}\n`);
    }
  });
});
// stdin ends when the kernel closes it or dies (even killed with SIGKILL):
// the render in progress gets 2 s, then the browser is closed and this
// process exits. Exiting also kills Chromium's process group (playwright's
// exit handler), and Chromium exits by itself when this process is killed
// (its --remote-debugging-pipe closes).
lines.on("close", () => {
  const within = (ms: number, work: Promise<unknown>) => Promise.race([work, new Promise((resolve) => setTimeout(resolve, ms))]);
  void within(2_000, queue).then(async () => {
    await within(3_000, browser?.close().catch(() => undefined) ?? Promise.resolve());
    process.exit(0);
  });
});
