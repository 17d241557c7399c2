import { readFileSync, statSync } from "node:fs";
import { open, type FileHandle } from "node:fs/promises";
import { join } from "node:path";
import { crc32 } from "node:zlib";
import { ENTRY_FILES, float64s, readListColumns, uint32s, type EntryMeta, type StoredColumns } from "./entry.js";
import type { TextColumn } from "./packed-text.js";
import { ORDER_KEYS, type OrderKey } from "./orders.js";
import { TrigramSearch } from "./trigrams.js";
import { CACHE_FORMAT } from "./version.js";
import { NO_RESPONSAVEL } from "./api-types.js";

/** A project as the list and `GET /v1/projects/{pronac}/` show it (before its links are added). */
export interface ProjectRow {
  pronac: string;
  nome: string;
  /** The analyst who has taken the project, or " " (NO_RESPONSAVEL) when nobody has. */
  responsavel: string;
  /** The proponent's tax id (CgcCpf), masked; null when planilha_projetos has none. */
  proponente: string | null;
  verified_funds: number | null;
  raised_funds: number | null;
  complexidade: number;
}

/**
 * A cache entry whose bytes do not read back as what was written: a details
 * record that is not valid UTF-8 JSON, or is another project's. The message
 * names the entry's folder and the PRONAC, never the record's content.
 */
export class DamagedEntryError extends Error {
  override name = "DamagedEntryError";
  constructor(
    /** The entry's folder. */
    readonly dir: string,
    message: string,
  ) {
    super(message);
  }
}

/** The served results of one data set, read from a cache entry. */
export interface ProjectStore {
  readonly meta: EntryMeta;
  /** The cache entry's folder. */
  readonly dir: string;
  /** Number of projects. */
  readonly size: number;
  /** The list's columns, projects in PRONAC order (positions index these arrays). */
  readonly columns: Readonly<StoredColumns>;
  /** The position of a PRONAC (exact string match), undefined when it is not a project. */
  position(pronac: string): number | undefined;
  /** Project positions sorted by `key`. */
  order(key: OrderKey): Uint32Array;
  /** Name search over `columns.busca`. */
  readonly search: TrigramSearch;
  row(position: number): ProjectRow;
  /**
   * The project's details body, UTF-8 JSON ready to send.
   *
   * @throws DamagedEntryError when the record does not read back as this project's JSON
   */
  details(position: number): Promise<Buffer>;
  close(): Promise<void>;
}

/**
 * Details files up to this size are read into memory at start (one read,
 * then slices); larger ones stay on disk and are read per request at their
 * offset, so a national-scale entry costs no start-up time or resident memory.
 */
const IN_MEMORY_DETAILS_BYTES = 128 << 20;

/**
 * Opens a complete cache entry. Only the list and the indexes are read;
 * details are read on demand unless small.
 *
 * @throws Error when the entry is not of this cache format or its files do
 *   not agree with each other (a damaged entry: the caller rebuilds it).
 */
export async function openStore(dir: string): Promise<ProjectStore> {
  const meta = JSON.parse(readFileSync(join(dir, ENTRY_FILES.meta), "utf8")) as EntryMeta;
  if (meta.format !== CACHE_FORMAT) throw new Error(`cache entry ${dir} has format ${meta.format}, expected ${CACHE_FORMAT}`);
  const columns = readListColumns(dir);
  const size = columns.pronac.length;
  const orders = uint32s(readFileSync(join(dir, ENTRY_FILES.orders)));
  const offsets = float64s(readFileSync(join(dir, ENTRY_FILES.detailsIndex)));
  const crcs = uint32s(readFileSync(join(dir, ENTRY_FILES.detailsCrc)));
  const detailsPath = join(dir, ENTRY_FILES.details);
  const detailsBytes = statSync(detailsPath).size;
  if (size !== meta.projects || orders.length !== ORDER_KEYS.length * size || offsets.length !== size + 1 || crcs.length !== size || offsets[size] !== detailsBytes) {
    throw new Error(`cache entry ${dir} is damaged (its files disagree on the number of projects or bytes)`);
  }
  const keys = JSON.parse(readFileSync(join(dir, ENTRY_FILES.trigramKeys), "utf8")) as string[];
  const lists = uint32s(readFileSync(join(dir, ENTRY_FILES.trigramLists)));
  const starts = lists.subarray(0, keys.length + 1);
  const postings = lists.subarray(keys.length + 1);
  if (starts.length !== keys.length + 1 || starts[keys.length] !== postings.length) {
    throw new Error(`cache entry ${dir} is damaged (its name search index is inconsistent)`);
  }
  const search = new TrigramSearch({ keys, starts, postings }, columns.busca);
  const inMemory = detailsBytes <= IN_MEMORY_DETAILS_BYTES ? readFileSync(detailsPath) : undefined;
  const handle: FileHandle | undefined = inMemory === undefined ? await open(detailsPath, "r") : undefined;
  // Bytes held in memory cannot change once checked: each record is checked on its first read only.
  const checked = inMemory === undefined ? undefined : new Uint8Array(size);

  return {
    meta,
    dir,
    size,
    columns,
    search,
    position: (pronac) => findSorted(columns.pronac, pronac),
    order(key) {
      const k = ORDER_KEYS.indexOf(key);
      return orders.subarray(k * size, (k + 1) * size);
    },
    row: (i) => ({
      pronac: columns.pronac.get(i),
      nome: columns.nome.get(i),
      responsavel: NO_RESPONSAVEL,
      proponente: columns.proponente.get(i) || null,
      verified_funds: orNull(columns.verified_funds[i]!),
      raised_funds: orNull(columns.raised_funds[i]!),
      complexidade: columns.complexidade[i]!,
    }),
    async details(i) {
      const start = offsets[i]!;
      const end = offsets[i + 1]!;
      if (inMemory !== undefined) {
        const record = inMemory.subarray(start, end);
        if (checked![i] === 0) {
          checkRecord(dir, record, crcs[i]!, columns.pronac.get(i));
          checked![i] = 1;
        }
        return record;
      }
      const buffer = Buffer.allocUnsafe(end - start);
      const { bytesRead } = await handle!.read(buffer, 0, buffer.length, start);
      if (bytesRead !== buffer.length) throw new DamagedEntryError(dir, `cache entry ${dir} is damaged: the details of PRONAC ${columns.pronac.get(i)} are truncated`);
      checkRecord(dir, buffer, crcs[i]!, columns.pronac.get(i));
      return buffer;
    },
    async close() {
      await handle?.close();
    },
  };
}

const orNull = (value: number): number | null => (Number.isNaN(value) ? null : value);

/**
 * Whether a details record is the bytes the build wrote: its crc32, written
 * beside the index, catches any flipped byte and an offset that points into
 * another project's record (about 1 µs for a 3 kB record).
 */
function checkRecord(dir: string, record: Buffer, expected: number, pronac: string): void {
  if (crc32(record) !== expected) throw new DamagedEntryError(dir, `cache entry ${dir} is damaged: the details of PRONAC ${pronac} fail their checksum`);
}

// PRONACs are stored sorted as strings (code-unit order): a binary search
// finds one without building a 210k-entry map at start.
function findSorted(sorted: TextColumn, pronac: string): number | undefined {
  let low = 0;
  let high = sorted.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const value = sorted.get(middle);
    if (value === pronac) return middle;
    if (value < pronac) low = middle + 1;
    else high = middle - 1;
  }
  return undefined;
}
