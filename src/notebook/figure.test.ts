import { afterAll, describe, expect, it } from "vitest";
import { closeRenderer } from "./chromium.js";
import { setDisplaySink, type DisplayBundle } from "./display.js";
import { PLOTLY_MIME, figure, figureBundle } from "./figure.js";

const fig = {
  data: [{ type: "bar", x: ["11", "4B"], y: new Float64Array([3, 1.5]), name: "projetos" }],
  layout: { title: { text: "Projetos por segmento" } },
};

/** Width and height from the PNG's IHDR chunk. */
function pngSize(png: Buffer): [number, number] {
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

describe("figure", { timeout: 60_000 }, () => {
  afterAll(() => closeRenderer());

  it("bundles Plotly's JSON, a PNG of the requested size and the title as text", async () => {
    const b = await figureBundle(fig, { width: 640, height: 400 });
    expect(Object.keys(b.data).sort()).toEqual([PLOTLY_MIME, "image/png", "text/plain"]);
    expect(b.data[PLOTLY_MIME]).toEqual({
      data: [{ type: "bar", x: ["11", "4B"], y: [3, 1.5], name: "projetos" }],
      layout: { title: { text: "Projetos por segmento" } },
    });
    expect(b.data["text/plain"]).toBe("Figure: Projetos por segmento");
    const png = Buffer.from(b.data["image/png"] as string, "base64");
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(pngSize(png)).toEqual([640, 400]);
    expect(b.metadata).toEqual({ "image/png": { width: 640, height: 400 } });
  });

  it("gives byte-identical PNGs for the same figure, also from a freshly launched browser", async () => {
    const first = (await figureBundle(fig)).data["image/png"];
    const again = (await figureBundle(fig)).data["image/png"];
    await closeRenderer();
    const relaunched = (await figureBundle(fig)).data["image/png"];
    expect(again).toBe(first);
    expect(relaunched).toBe(first);
  });

  it("scales the PNG's pixels by `scale`", async () => {
    const b = await figureBundle(fig, { width: 300, height: 200, scale: 2 });
    expect(pngSize(Buffer.from(b.data["image/png"] as string, "base64"))).toEqual([600, 400]);
  });

  it("displays one output carrying every representation", async () => {
    const shown: DisplayBundle[] = [];
    const previous = setDisplaySink((b) => shown.push(b));
    try {
      await figure({ data: [{ type: "scatter", x: [1, 2], y: [2, 1] }] });
    } finally {
      setDisplaySink(previous);
    }
    expect(shown).toHaveLength(1);
    expect(Object.keys(shown[0]!.data).sort()).toEqual([PLOTLY_MIME, "image/png", "text/plain"]);
    expect(shown[0]!.data["text/plain"]).toBe("Figure");
  });

  it("rejects values that cannot be JSON and sizes out of range", async () => {
    await expect(figureBundle({ data: [{ x: () => 1 }] })).rejects.toThrow("figure: data[0].x is a function");
    await expect(figureBundle(fig, { width: 5 })).rejects.toThrow(/width must be an integer number of pixels from 10 to 4000/);
  });
});
