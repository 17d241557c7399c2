import { createRequire } from "node:module";

/** One Jupyter display output: every representation of the same thing, by MIME type. */
export interface DisplayBundle {
  data: Record<string, unknown>;
  metadata?: Record<string, unknown>;
}

/** Where display bundles go: the tslab kernel, or a test's collector. */
export type DisplaySink = (bundle: DisplayBundle) => void;

type TslabWriter = (
  message: { data: Record<string, unknown>; metadata: Record<string, unknown>; transient: Record<string, unknown> },
  update: boolean,
) => void;

const require = createRequire(import.meta.url);
let sink: DisplaySink | undefined;

/**
 * Replaces where `show` sends bundles (tests collect them); `undefined`
 * restores the default. Returns the previous sink.
 */
export function setDisplaySink(next: DisplaySink | undefined): DisplaySink | undefined {
  const previous = sink;
  sink = next;
  return previous;
}

/**
 * Displays one bundle as ONE output. tslab's public `display` sends a single
 * MIME type per output, so inside a kernel this goes through its internal
 * `lastWriteDisplayData` (tslab is pinned for that reason). Outside a kernel
 * the text/plain representation is printed.
 */
export function show(bundle: DisplayBundle): void {
  if (sink !== undefined) return sink(bundle);
  const write = tslabWriter();
  if (write !== undefined) {
    write({ data: bundle.data, metadata: bundle.metadata ?? {}, transient: {} }, false);
    return;
  }
  const text = bundle.data["text/plain"];
  process.stdout.write(`${typeof text === "string" ? text : JSON.stringify(bundle.data)}\n`);
}

/**
 * The kernel's writer for the cell being executed, read from the tslab module
 * instance the kernel itself loaded (found in the require cache, so a second
 * copy of tslab elsewhere cannot shadow it). Read at each call: tslab swaps it
 * for every execute request.
 */
function tslabWriter(): TslabWriter | undefined {
  for (const [file, module] of Object.entries(require.cache)) {
    if (!/[\\/]tslab[\\/]dist[\\/]jupyter\.js$/.test(file)) continue;
    const writer = (module?.exports as { lastWriteDisplayData?: TslabWriter | null } | undefined)?.lastWriteDisplayData;
    if (typeof writer === "function") return writer;
  }
  return undefined;
}
