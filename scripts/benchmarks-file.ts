/** What the benchmark scripts share: the machine's description and their sections of BENCHMARKS.md. */
import { existsSync, readFileSync } from "node:fs";
import { cpus, release, totalmem } from "node:os";
import { writeFileAtomic } from "../src/util/atomic.js";

/** CPU model, cores, RAM, kernel and Node version, for a benchmark's heading. */
export function machine(): string {
  const model = /^model name\s*:\s*(.+)$/m.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? cpus()[0]?.model ?? "unknown CPU";
  return `${model}, ${cpus().length} cores, ${(totalmem() / 1024 ** 3).toFixed(1)} GiB RAM, Linux ${release()}, Node ${process.version}`;
}

/**
 * Replaces (or appends) one `## <heading>` section of the BENCHMARKS.md at
 * `path`, leaving every other section as it is: each script owns its section.
 */
export function updateBenchmarkSection(path: string, heading: string, text: string): void {
  const current = existsSync(path)
    ? readFileSync(path, "utf8")
    : "# Benchmarks\n\nFigures written by the benchmark scripts (`npm run bench`, `npm run bench:serve`); rerun them to refresh a section.\n";
  const start = current.search(new RegExp(`^## ${heading}$`, "m"));
  if (start < 0) {
    writeFileAtomic(path, `${current.trimEnd()}\n\n${text}`);
    return;
  }
  const next = current.slice(start + 1).search(/^## /m);
  const end = next < 0 ? current.length : start + 1 + next;
  writeFileAtomic(path, `${current.slice(0, start)}${text}${next < 0 ? "" : "\n"}${current.slice(end)}`);
}
