import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import type { LoadedData } from "../data/index.js";
import { maskDatabaseUrl } from "../db/url.js";
import { forgetStats, hashDataFiles, tableFiles } from "./fingerprint.js";

/** A source that cannot be served as it is (a folder without planilha_projetos): the message says it all. */
export class SourceError extends Error {
  override name = "SourceError";
}

/** Where the tables come from, as plain data (it crosses to the build worker). */
export type SourceSpec =
  | { kind: "folder"; dir: string; statIndex: string }
  | { kind: "database"; url: string };

/**
 * What the service scores: a folder of table files or schema salic of a
 * PostgreSQL database. The cache entry of a source's state is keyed by its
 * fingerprint (with the metrics and the code), so a restart on an unchanged
 * source serves at once, and the watcher notices a change by comparing it.
 */
export interface ServeSource {
  readonly spec: SourceSpec;
  /** How messages and /health name it: the folder's absolute path, or the URL with its password masked. */
  readonly label: string;
  /**
   * Part of the cache key besides the fingerprint: undefined for a folder (the
   * same bytes give the same results wherever they are); the masked URL for
   * a database, whose table states could coincide with another database's.
   */
  readonly identity: string | undefined;
  /**
   * The cheap fingerprint of the source's state: each table file's sha256
   * (through the stat index: only changed files are hashed), or each table's
   * storage file and write counts (one catalog query).
   *
   * @throws SourceError when the folder is missing or has no planilha_projetos; DatabaseError (masked) for the server.
   */
  fingerprint(): Promise<Record<string, string>>;
  /** Reads the tables (the loaders' frames). */
  load(): Promise<LoadedData>;
  /** After a build read other file bytes than the ones hashed: drop those files from the stat index. */
  forget(names: readonly string[]): void;
}

/** A folder of `<table>.csv` / `.parquet` files; its stat index lives in `cacheDir`. */
export function folderSource(dataDir: string, cacheDir: string): ServeSource {
  const dir = resolve(dataDir);
  const statIndex = join(cacheDir, "stat-index.json");
  const spec: SourceSpec = { kind: "folder", dir, statIndex };
  return {
    spec,
    label: dir,
    identity: undefined,
    async fingerprint() {
      if (!existsSync(dir)) throw new SourceError(`data directory ${dir} does not exist`);
      const tables = tableFiles(dir);
      if (tables.length === 0) {
        throw new SourceError(`no Salic table in ${dir}: expected planilha_projetos.csv and the other tables (.csv or .parquet)`);
      }
      // The other tables may be missing (their metrics are then not available); this one lists the projects.
      if (!tables.some((name) => name.startsWith("planilha_projetos."))) {
        throw new SourceError(`planilha_projetos.csv (or .parquet) not found in ${dir}: the service lists the projects of planilha_projetos`);
      }
      return hashDataFiles(dir, statIndex);
    },
    load: () => loadSource(spec),
    forget: (names) => forgetStats(dir, names, statIndex),
  };
}

/** Schema salic of the PostgreSQL database at `url`. */
export function databaseSource(url: string): ServeSource {
  const spec: SourceSpec = { kind: "database", url };
  const label = maskDatabaseUrl(url);
  return {
    spec,
    label,
    identity: `database ${label}`,
    fingerprint: async () => {
      const [{ withClient }, { databaseFingerprint }] = await Promise.all([import("../db/connect.js"), import("../db/fingerprint.js")]);
      return withClient(url, databaseFingerprint);
    },
    load: () => loadSource(spec),
    forget: () => {},
  };
}

/** Loads the tables of a source (also in the build worker). */
export async function loadSource(spec: SourceSpec): Promise<LoadedData> {
  // The loaders (nodejs-polars, pg) load only here: a start served from the cache never needs them.
  if (spec.kind === "folder") return (await import("../data/index.js")).loadDataDir(spec.dir);
  return (await import("../db/read.js")).loadDatabase(spec.url);
}
