import { closeSync, lstatSync, openSync, readFileSync, readSync, readlinkSync, statSync, type Stats } from "node:fs";
import { DataError } from "./errors.js";

/*
 * A table is absent only when its file has no directory entry at all
 * (ENOENT on lstat). Anything else where a table file should be — a dangling
 * symbolic link, a link loop, a directory, a file that cannot be read — is
 * an error: taking it for an absent table would silently drop the metrics
 * that read it from the score.
 */

function code(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

/** What `path` is, when it exists but is not a regular file. */
function notAFile(stats: Stats): string {
  if (stats.isDirectory()) return "it is a directory";
  if (stats.isFIFO()) return "it is a named pipe";
  if (stats.isSocket()) return "it is a socket";
  if (stats.isBlockDevice() || stats.isCharacterDevice()) return "it is a device";
  return "it is not a regular file";
}

/** Why opening `path` failed with `error`, in words. */
function openFailure(path: string, error: unknown): string {
  switch (code(error)) {
    case "ENOENT": {
      // stat follows links, so ENOENT on a path that has an entry is a dangling link
      let target: string;
      try {
        target = readlinkSync(path);
      } catch {
        return "it disappeared while being read";
      }
      return `it is a symbolic link to ${JSON.stringify(target)}, which does not exist`;
    }
    case "ELOOP":
      return "it is a loop of symbolic links";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EISDIR":
      return "it is a directory";
    case "ENOTDIR":
      return "a part of its path is not a directory";
    default:
      return String(code(error) ?? error);
  }
}

/** Whether `path` has a directory entry (even a dangling link); only ENOENT means it has none. */
export function hasEntry(path: string, expected: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch (error) {
    if (code(error) === "ENOENT") return false;
    throw new DataError({ file: path }, `cannot look for the file: ${openFailure(path, error)} (expected ${expected})`);
  }
}

/**
 * The size of the regular file at `path` (a link to one is followed), checked
 * before anything opens it: reading a named pipe would wait for a writer forever.
 * @param expected what should be there, for messages: "a readable file holding table planilha_captacao".
 * @throws DataError naming the file, what it is instead and what was expected.
 */
export function regularFileSize(path: string, expected: string): number {
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch (error) {
    if (code(error) === "ENOENT" && !hasEntry(path, expected)) throw new DataError({ file: path }, `file not found: ${path}`);
    throw refusal(path, expected, openFailure(path, error));
  }
  if (!stats.isFile()) throw refusal(path, expected, notAFile(stats));
  return stats.size;
}

function refusal(path: string, expected: string, why: string): DataError {
  return new DataError({ file: path }, `cannot read the file: ${why} (expected ${expected})`);
}

/**
 * The bytes of the regular file at `path` (a link to one is followed).
 * @param expected what should be there, for messages: "a readable file holding table planilha_captacao".
 * @throws DataError naming the file, what it is instead and what was expected.
 */
export function readRegularFile(path: string, expected: string): Buffer {
  regularFileSize(path, expected);
  try {
    return readFileSync(path);
  } catch (error) {
    throw refusal(path, expected, openFailure(path, error));
  }
}

/**
 * Up to `count` bytes of the regular file at `path` from byte `start` (a
 * negative `start` counts from the end), read without reading the rest.
 * @throws DataError as {@link readRegularFile}.
 */
export function readFileRange(path: string, start: number, count: number, expected: string): Buffer {
  const size = regularFileSize(path, expected);
  const from = Math.max(0, start < 0 ? size + start : start);
  const bytes = Buffer.alloc(Math.max(0, Math.min(count, size - from)));
  let fd: number | undefined;
  try {
    fd = openSync(path, "r");
    let read = 0;
    while (read < bytes.length) {
      const n = readSync(fd, bytes, read, bytes.length - read, from + read);
      if (n === 0) break;
      read += n;
    }
    return bytes.subarray(0, read);
  } catch (error) {
    throw refusal(path, expected, openFailure(path, error));
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Whether `path` is a directory (a link to one is followed); false when it
 * has no entry or is something else.
 * @throws DataError when it has an entry that cannot be followed (a dangling link, a loop, no permission).
 */
export function isDirectory(path: string): boolean {
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch (error) {
    if (code(error) === "ENOENT" && !hasEntry(path, "a data directory")) return false;
    throw new DataError({ file: path }, `cannot open the data directory ${path}: ${openFailure(path, error)}`);
  }
  return stats.isDirectory();
}
