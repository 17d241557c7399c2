/** One run of the generator: build the world and write the tables, ground truth, README and manifest. */
import { join } from "node:path";
import { writeFilesAtomic } from "../../src/util/atomic.js";
import { byCodeUnit } from "../../src/util/order.js";
import type { SampleOptions } from "./args.js";
import { buildWorld, groundTruth } from "./generate.js";
import { readmeText } from "./readme.js";
import { TABLES } from "./tables.js";
import { ChunkedFile, type WrittenFile, writeText } from "./write.js";

/** What a run wrote. */
export interface RunResult {
  readonly out: string;
  readonly files: readonly WrittenFile[];
  readonly rows: Readonly<Record<string, number>>;
}

/** Canonical JSON: two-space indent, final newline. */
function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Generates the sample described by `options` into `options.out`, atomically. */
export function runSamples(options: SampleOptions): RunResult {
  const world = buildWorld(options);
  const truth = groundTruth(world);
  const rows: Record<string, number> = {};
  const files = writeFilesAtomic(options.out, (dir) => {
    const written: WrittenFile[] = [];
    for (const t of TABLES) {
      const name = `${t.table}.csv`;
      const file = new ChunkedFile(join(dir, name));
      file.add(`${t.columns.join(",")}\n`);
      let n = 0;
      t.rows(world, (row) => {
        file.add(row);
        n++;
      });
      rows[name] = n;
      written.push({ name, ...file.close() });
    }
    written.push(writeText(dir, "ground-truth.json", json(truth)));
    const hashes = Object.fromEntries(written.map((f) => [f.name, f.sha256] as const).sort(([a], [b]) => byCodeUnit(a, b)));
    // The shape only when not the default, so that the committed sample's manifest stays as it was.
    const shape = (options.profile ?? "default") === "default" && (options.factor ?? 1) === 1 ? {} : { profile: options.profile, factor: options.factor };
    const manifest = { seed: options.seed, projects: options.projects, ...shape, files: hashes };
    written.push(writeText(dir, "README.md", readmeText(options, { rows, segments: world.segments.length, planted: truth.anomalies, boundaries: world.boundaries })));
    written.push(writeText(dir, "manifest.json", json(manifest)));
    return written;
  });
  return { out: options.out, files, rows };
}
