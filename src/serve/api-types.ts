/**
 * The JSON bodies of the analysts' endpoints (issue #14): taking a project,
 * feedback, and the parts of the details that the original client and our
 * page draw. Types only (erased at build time): the page imports them, as it
 * imports the list and details shapes.
 *
 * @module
 */

/** What `responsavel` holds when nobody has taken the project: one space, as the original API sent. */
export const NO_RESPONSAVEL = " ";

/**
 * An equal-width histogram of a metric's values over the project's segment,
 * counted when the run was built. `limites` has one more entry than
 * `projetos`: bin i holds the projects with `limites[i] <= valor < limites[i+1]`
 * (the last bin also holds its upper limit). The range spans the segment's
 * values and the expected minimum and maximum, so both marks fall inside.
 */
export interface Distribuicao {
  limites: number[];
  projetos: number[];
  /** The project's value (the metric's `valor`). */
  valor: number;
  minimo_esperado: number | null;
  maximo_esperado: number | null;
}

/**
 * One of the proponent's other projects, as the original client's
 * "Projetos do mesmo proponente" table reads it.
 */
export interface ProjetoSubmetido {
  pronac: string;
  nome: string;
  /** The other project's complexidade. */
  complexidade: number;
  /** Its proven and raised funds (valor_comprovado / valor_captado), null when unknown. */
  valor_comprovado: number | null;
  valor_captado: number | null;
  /** planilha_projetos' Situacao, "" when the table has none. */
  situacao: string;
  /** DtInicioExecucao / DtFimExecucao as `YYYY-MM-DD`, null when absent. */
  data_inicio: string | null;
  data_final: string | null;
}

/** The body of `PUT` and `DELETE /v1/projects/{pronac}/responsavel/`. */
export interface ResponsavelBody {
  pronac: string;
  /** The analyst's name, or {@link NO_RESPONSAVEL} after a release. */
  responsavel: string;
  /** When the change was recorded, ISO 8601 UTC with milliseconds. */
  quando: string;
}

/** What an analyst thinks of one metric's flag on a project. */
export type Avaliacao = "util" | "falso_alarme";

/** The body of `POST /v1/projects/{pronac}/feedback/`: a metric's judgement or the project's grade. */
export type FeedbackRequest =
  | { metrica: string; avaliacao: Avaliacao; comentario?: string }
  | { nota: 1 | 2 | 3 | 4 | 5; comentario?: string };

/** A stored feedback entry (201 of the POST, items of the GET); fields the entry does not have are null. */
export interface FeedbackEntry {
  id: number;
  pronac: string;
  metrica: string | null;
  avaliacao: Avaliacao | null;
  nota: number | null;
  /** Tax-id-shaped strings masked; "" when none was given. */
  comentario: string;
  /** The analyst's name. */
  analista: string;
  /** ISO 8601 UTC with milliseconds. */
  quando: string;
}

/** The body of `GET /v1/projects/{pronac}/feedback/`: the project's entries, oldest first. */
export interface FeedbackBody {
  pronac: string;
  feedback: FeedbackEntry[];
}

/** Limits of a feedback body (the API refuses more, naming the field). */
export const FEEDBACK_LIMITS = {
  /** Bytes of a request body. */
  bodyBytes: 8192,
  /** Characters of `comentario`. */
  comentario: 2000,
} as const;

/** An error answer: 4xx/5xx bodies of every endpoint. */
export interface ErrorBody {
  error: string;
  parameter?: string;
}
