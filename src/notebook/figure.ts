import { renderPng } from "./chromium.js";
import { show, type DisplayBundle } from "./display.js";
import { isPlainObject } from "./result.js";

/** MIME type Jupyter's Plotly renderer reads. */
export const PLOTLY_MIME = "application/vnd.plotly.v1+json";

/** A plotly.js figure as `Plotly.newPlot` takes it. */
export interface PlotlyFigure {
  data: readonly object[];
  layout?: object;
  config?: object;
}

/** Size of the static image. */
export interface FigureOptions {
  /** CSS pixels (default 800). */
  width?: number;
  /** CSS pixels (default 480). */
  height?: number;
  /** Device pixel ratio of the PNG (default 1). */
  scale?: number;
}

/**
 * Fonts installed by scripts/setup.sh (fonts-liberation, fonts-dejavu-core):
 * naming them keeps the PNG's pixels the same on every machine, where
 * Plotly's default ("Open Sans", verdana, arial) would fall back to whatever
 * the host has.
 */
export const FIGURE_FONT = "Liberation Sans, DejaVu Sans, sans-serif";

/**
 * The bundle `figure` displays: Plotly's JSON (interactive where Jupyter has
 * the Plotly renderer), a PNG rendered in headless Chromium (what GitHub
 * shows) and the title as text/plain. PNG bytes depend only on the figure
 * and the options: Plotly's random element ids never reach pixels, and the
 * font is fixed.
 */
export async function figureBundle(fig: PlotlyFigure, options: FigureOptions = {}): Promise<DisplayBundle> {
  const width = size(options.width ?? 800, "width");
  const height = size(options.height ?? 480, "height");
  const scale = options.scale ?? 1;
  if (!(Number.isFinite(scale) && scale > 0 && scale <= 4)) throw new RangeError(`figure: scale must be in (0, 4], got ${scale}`);
  if (!isPlainObject(fig) || !Array.isArray(fig.data)) throw new TypeError("figure: expected a plotly.js figure { data: [...], layout?: {...} }");
  const data = jsonSafe(fig.data, "data") as unknown[];
  const layout = (fig.layout === undefined ? {} : jsonSafe(fig.layout, "layout")) as Record<string, unknown>;
  const config = fig.config === undefined ? undefined : (jsonSafe(fig.config, "config") as Record<string, unknown>);
  const font = isPlainObject(layout["font"]) ? layout["font"] : {};
  const staticLayout = { ...layout, font: { family: FIGURE_FONT, ...font } };
  const png = await renderPng({ figure: { data, layout: staticLayout, ...(config ? { config } : {}) }, width, height, scale });
  const plotly = { data, layout, ...(config ? { config } : {}) };
  return {
    data: { [PLOTLY_MIME]: plotly, "image/png": png.toString("base64"), "text/plain": title(layout) },
    metadata: { "image/png": { width, height } },
  };
}

/**
 * Displays a plotly.js figure as one output: interactive Plotly JSON plus a
 * static PNG. Await it (`await figure(fig)`) so the image lands in the cell
 * that made it.
 */
export async function figure(fig: PlotlyFigure, options: FigureOptions = {}): Promise<void> {
  show(await figureBundle(fig, options));
}

function size(x: number, name: string): number {
  if (!Number.isInteger(x) || x < 10 || x > 4000) throw new RangeError(`figure: ${name} must be an integer number of pixels from 10 to 4000, got ${x}`);
  return x;
}

function title(layout: Record<string, unknown>): string {
  const t = layout["title"];
  const text = typeof t === "string" ? t : isPlainObject(t) && typeof t["text"] === "string" ? t["text"] : undefined;
  return text !== undefined && text !== "" ? `Figure: ${text.replace(/<[^>]*>/g, "")}` : "Figure";
}

/**
 * The figure as plain JSON values: typed arrays become arrays, Dates ISO
 * strings, non-finite numbers null (as JSON would), -0 zero, undefined
 * entries dropped. Functions and other objects are errors: they cannot
 * reach the browser or the notebook file.
 */
function jsonSafe(value: unknown, where: string): unknown {
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") return Number.isFinite(value) ? (Object.is(value, -0) ? 0 : value) : null;
  if (typeof value === "bigint") return Number(value);
  if (value instanceof Date) return value.toISOString();
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return jsonSafe(Array.from(value as unknown as ArrayLike<number>), where);
  if (Array.isArray(value)) return value.map((v, i) => (v === undefined ? null : jsonSafe(v, `${where}[${i}]`)));
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = jsonSafe(v, `${where}.${k}`);
    return out;
  }
  throw new TypeError(`figure: ${where} is ${typeof value === "function" ? "a function" : "an object that is not plain JSON"}`);
}
