import type pl from "nodejs-polars";

/** What the service shows of a project from planilha_projetos, besides its scores. */
export interface ProjectTableRow {
  nome: string;
  /** CgcCpf, unmasked: masked where it leaves the build. */
  cgcCpf: string | null;
  /** Situacao, "" when absent (the original client splits it on a space). */
  situacao: string;
  /** DtInicioExecucao and DtFimExecucao as YYYY-MM-DD, null when absent. */
  inicio: string | null;
  fim: string | null;
}

/**
 * planilha_projetos by PRONAC. PRONAC is unique there (spec §2); on a
 * duplicate the first row wins. Situacao and the execution dates are
 * optional columns: absent, they are "" and null.
 */
export function projectRows(projects: pl.DataFrame): Map<string, ProjectTableRow> {
  const column = (name: string): readonly unknown[] | undefined => (projects.columns.includes(name) ? projects.getColumn(name).toArray() : undefined);
  const pronacs = column("PRONAC") as (string | null)[];
  const nomes = column("NomeProjeto") as (string | null)[];
  const cgcCpfs = column("CgcCpf") as (string | null)[];
  const situacoes = column("Situacao");
  const inicios = column("DtInicioExecucao");
  const fins = column("DtFimExecucao");
  const rows = new Map<string, ProjectTableRow>();
  pronacs.forEach((pronac, i) => {
    if (pronac === null || rows.has(pronac)) return;
    rows.set(pronac, {
      nome: nomes[i] ?? "",
      cgcCpf: cgcCpfs[i] ?? null,
      situacao: typeof situacoes?.[i] === "string" ? (situacoes[i] as string) : "",
      inicio: isoDate(inicios?.[i]),
      fim: isoDate(fins?.[i]),
    });
  });
  return rows;
}

/**
 * A date as the original API sent execution dates (`YYYY-MM-DD`; its client
 * reads the year and month by position). Datetimes are read as UTC wall
 * times; a text column (a zoned parquet datetime kept as text) keeps its date part.
 */
export function isoDate(value: unknown): string | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}/.test(value)) return value.slice(0, 10);
  return null;
}
