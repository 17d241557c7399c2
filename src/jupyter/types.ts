import { readFileSync } from "node:fs";

/** A string, or the list of lines the .ipynb format splits it into. */
export type MultilineString = string | string[];

/** One output of a code cell (nbformat 4). */
export interface NotebookOutput {
  output_type: "stream" | "display_data" | "execute_result" | "error" | "update_display_data" | string;
  name?: string;
  text?: MultilineString;
  data?: Record<string, unknown>;
  metadata?: Record<string, unknown>;
  execution_count?: number | null;
  ename?: string;
  evalue?: string;
  traceback?: string[];
  [key: string]: unknown;
}

/** One cell (nbformat 4). */
export interface NotebookCell {
  id?: string;
  cell_type: "code" | "markdown" | "raw" | string;
  source: MultilineString;
  metadata: Record<string, unknown>;
  outputs?: NotebookOutput[];
  execution_count?: number | null;
  attachments?: Record<string, unknown>;
  [key: string]: unknown;
}

/** A notebook document (nbformat 4). */
export interface Notebook {
  nbformat: number;
  nbformat_minor: number;
  metadata: Record<string, unknown>;
  cells: NotebookCell[];
}

/** A multi-line field as one string. */
export function joinLines(text: MultilineString | undefined): string {
  return text === undefined ? "" : Array.isArray(text) ? text.join("") : text;
}

/** A cell's source as one string. */
export function sourceText(cell: NotebookCell): string {
  return joinLines(cell.source);
}

/** The first non-blank line of a cell's source (names the cell in messages). */
export function firstLine(cell: NotebookCell): string {
  const line = sourceText(cell).split("\n").find((l) => l.trim() !== "") ?? "";
  return line.length > 70 ? `${line.slice(0, 69)}…` : line.trim();
}

/** The tags of a cell (`metadata.tags`). */
export function cellTags(cell: NotebookCell): string[] {
  const tags = cell.metadata?.["tags"];
  return Array.isArray(tags) ? tags.filter((t): t is string => typeof t === "string") : [];
}

/** Reads and parses a notebook file; the error names the file. */
export function readNotebook(path: string): Notebook {
  const text = readFileSync(path, "utf8");
  let nb: unknown;
  try {
    nb = JSON.parse(text);
  } catch (error) {
    throw new Error(`${path}: not valid JSON (${(error as Error).message})`);
  }
  const n = nb as Partial<Notebook> | null;
  if (typeof n !== "object" || n === null || !Array.isArray(n.cells) || n.nbformat !== 4) {
    throw new Error(`${path}: not an nbformat 4 notebook (expected {"nbformat": 4, "cells": [...]})`);
  }
  return nb as Notebook;
}
