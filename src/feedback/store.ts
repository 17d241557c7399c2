/**
 * The analysts' store, in schema `salic_ml` (of the `--db` database, or of
 * the embedded PGlite one): analysts and their token hashes, who has taken
 * which project, and the feedback. Every table is append-only: a change is a
 * new row, the current state is the latest row (largest id), the history stays.
 *
 * @module
 */
import { maskTaxIdsInText } from "../util/tax-id.js";
import type { Avaliacao, FeedbackEntry } from "../serve/api-types.js";
import { NO_RESPONSAVEL } from "../serve/api-types.js";
import type { Query, SqlRunner } from "./sql.js";
import { newToken, sameHash, tokenHash } from "./tokens.js";

/** DDL of the analysts' tables (idempotent). */
export const FEEDBACK_DDL = `
CREATE SCHEMA IF NOT EXISTS salic_ml;
CREATE TABLE IF NOT EXISTS salic_ml.analistas (
  id bigserial PRIMARY KEY,
  email text NOT NULL,
  nome text NOT NULL,
  evento text NOT NULL CHECK (evento IN ('criado', 'revogado')),
  token_sha256 text CHECK ((evento = 'criado') = (token_sha256 IS NOT NULL)),
  quando timestamptz NOT NULL
);
CREATE TABLE IF NOT EXISTS salic_ml.responsaveis (
  id bigserial PRIMARY KEY,
  pronac text NOT NULL,
  analista bigint REFERENCES salic_ml.analistas (id),
  quando timestamptz NOT NULL
);
CREATE TABLE IF NOT EXISTS salic_ml.feedback (
  id bigserial PRIMARY KEY,
  pronac text NOT NULL,
  metrica text,
  avaliacao text CHECK (avaliacao IN ('util', 'falso_alarme')),
  nota smallint CHECK (nota BETWEEN 1 AND 5),
  comentario text NOT NULL,
  analista bigint NOT NULL REFERENCES salic_ml.analistas (id),
  quando timestamptz NOT NULL,
  CHECK ((metrica IS NOT NULL AND avaliacao IS NOT NULL AND nota IS NULL) OR (metrica IS NULL AND avaliacao IS NULL AND nota IS NOT NULL))
);
CREATE INDEX IF NOT EXISTS feedback_pronac ON salic_ml.feedback (pronac, id);
CREATE INDEX IF NOT EXISTS responsaveis_pronac ON salic_ml.responsaveis (pronac, id);
`;

/** An analyst as the store knows them; `id` is the row that created them (their current token). */
export interface Analyst {
  id: number;
  nome: string;
  email: string;
}

/** An analyst's current state, for `analysts list`. */
export interface AnalystState extends Analyst {
  ativo: boolean;
  /** When they were created, or revoked. */
  quando: Date;
}

/** What a bearer token is: an active analyst's, a revoked one's, or nobody's. */
export type Authentication = { status: "ok"; analyst: Analyst } | { status: "revoked"; email: string } | { status: "unknown" };

/** A stored feedback entry, before it is shaped for the API. */
export type NewFeedback = { metrica: string; avaliacao: Avaliacao; comentario: string } | { nota: number; comentario: string };

/** Who has a project now, and since when. */
export interface Holder {
  pronac: string;
  /** The analyst, or undefined when released. */
  analyst: Analyst | undefined;
  quando: Date;
}

/** A request the store refuses (an analyst added twice, a project another analyst has): its message says why. */
export class FeedbackStoreError extends Error {
  override name = "FeedbackStoreError";
  constructor(
    readonly kind: "conflict" | "not_found",
    message: string,
  ) {
    super(message);
  }
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

interface AnalystRow {
  id: string | number;
  email: string;
  nome: string;
  evento: "criado" | "revogado";
  token_sha256: string | null;
  quando: Date;
}

interface FeedbackRow {
  id: string | number;
  pronac: string;
  metrica: string | null;
  avaliacao: Avaliacao | null;
  nota: number | null;
  comentario: string;
  nome: string;
  quando: Date;
}

const FEEDBACK_SELECT = `SELECT f.id, f.pronac, f.metrica, f.avaliacao, f.nota, f.comentario, a.nome, f.quando
  FROM salic_ml.feedback f JOIN salic_ml.analistas a ON a.id = f.analista`;

/** The analysts' store over one SQL connection (see {@link SqlRunner}). */
export class FeedbackStore {
  readonly #sql: SqlRunner;
  readonly #now: () => Date;
  // One write at a time in this process: take/release read then append, and must not interleave.
  #queue: Promise<unknown> = Promise.resolve();

  private constructor(sql: SqlRunner, now: () => Date) {
    this.#sql = sql;
    this.#now = now;
  }

  /** Opens the store, creating its tables if needed. `now` is the clock entries are dated by (tests pin it). */
  static async open(sql: SqlRunner, now: () => Date = () => new Date()): Promise<FeedbackStore> {
    // Concurrent first starts (a service and an analysts command) must not race on CREATE.
    await sql.transaction(async (query) => {
      await query("SELECT pg_advisory_xact_lock(7314001)");
      for (const statement of FEEDBACK_DDL.split(";").map((s) => s.trim()).filter((s) => s !== "")) await query(statement);
    });
    return new FeedbackStore(sql, now);
  }

  get label(): string {
    return this.#sql.label;
  }

  close(): Promise<void> {
    return this.#sql.close();
  }

  #write<T>(work: (query: Query) => Promise<T>): Promise<T> {
    const run = this.#queue.then(() =>
      this.#sql.transaction(async (query) => {
        // Other processes writing the same database (a second service, the analysts command) wait here.
        await query("SELECT pg_advisory_xact_lock(7314002)");
        return work(query);
      }),
    );
    this.#queue = run.catch(() => {});
    return run;
  }

  /**
   * Adds an analyst; resolves with their token (shown once: only its hash is kept).
   *
   * @throws FeedbackStoreError when the email is an active analyst's; Error when the name or email is malformed
   */
  addAnalyst(nome: string, email: string): Promise<{ analyst: Analyst; token: string }> {
    const name = nome.trim();
    if (name === "" || name.length > 200) throw new Error(`NAME must be 1 to 200 characters, got ${JSON.stringify(nome)}`);
    if (!EMAIL.test(email) || email.length > 320) throw new Error(`EMAIL must look like name@example.gov.br, got ${JSON.stringify(email)}`);
    return this.#write(async (query) => {
      const current = await latestAnalystRow(query, email);
      if (current?.evento === "criado") throw new FeedbackStoreError("conflict", `${email} is already an analyst (revoke them first to give a new token)`);
      const token = newToken();
      const [row] = await query<{ id: string | number }>(
        "INSERT INTO salic_ml.analistas (email, nome, evento, token_sha256, quando) VALUES ($1, $2, 'criado', $3, $4) RETURNING id",
        [email, name, tokenHash(token), this.#now()],
      );
      return { analyst: { id: Number(row!.id), nome: name, email }, token };
    });
  }

  /** Revokes an analyst's token. @throws FeedbackStoreError when the email is no active analyst's */
  revokeAnalyst(email: string): Promise<Analyst> {
    return this.#write(async (query) => {
      const current = await latestAnalystRow(query, email);
      if (current === undefined) throw new FeedbackStoreError("not_found", `${email} is not an analyst`);
      if (current.evento === "revogado") throw new FeedbackStoreError("conflict", `${email} is already revoked`);
      await query("INSERT INTO salic_ml.analistas (email, nome, evento, quando) VALUES ($1, $2, 'revogado', $3)", [email, current.nome, this.#now()]);
      return { id: Number(current.id), nome: current.nome, email };
    });
  }

  /** Every analyst's current state, by email. */
  async listAnalysts(): Promise<AnalystState[]> {
    const rows = await this.#sql.transaction((query) =>
      query<AnalystRow>("SELECT DISTINCT ON (email) id, email, nome, evento, token_sha256, quando FROM salic_ml.analistas ORDER BY email, id DESC"),
    );
    return rows.map((row) => ({ id: Number(row.id), email: row.email, nome: row.nome, ativo: row.evento === "criado", quando: row.quando }));
  }

  /**
   * Who a bearer token belongs to. Every creation row's hash is compared in
   * constant time (no lookup by the hash): a token matches the creation that
   * issued it, and is valid only while that creation is its analyst's latest row.
   */
  async authenticate(token: string): Promise<Authentication> {
    const hash = tokenHash(token);
    const rows = await this.#sql.transaction((query) => query<AnalystRow>("SELECT id, email, nome, evento, token_sha256, quando FROM salic_ml.analistas ORDER BY id"));
    let issued: AnalystRow | undefined;
    const latest = new Map<string, AnalystRow>();
    for (const row of rows) {
      if (row.token_sha256 !== null && sameHash(row.token_sha256, hash)) issued = row;
      latest.set(row.email, row);
    }
    if (issued === undefined) return { status: "unknown" };
    if (Number(latest.get(issued.email)!.id) !== Number(issued.id)) return { status: "revoked", email: issued.email };
    return { status: "ok", analyst: { id: Number(issued.id), nome: issued.nome, email: issued.email } };
  }

  /** Who has each project now (only projects someone has). */
  async holders(): Promise<Map<string, Holder>> {
    const rows = await this.#sql.transaction((query) =>
      query<{ pronac: string; analista: string | number | null; nome: string | null; email: string | null; quando: Date }>(
        `SELECT DISTINCT ON (r.pronac) r.pronac, r.analista, a.nome, a.email, r.quando
           FROM salic_ml.responsaveis r LEFT JOIN salic_ml.analistas a ON a.id = r.analista ORDER BY r.pronac, r.id DESC`,
      ),
    );
    const held = new Map<string, Holder>();
    for (const row of rows) {
      if (row.analista === null) continue;
      held.set(row.pronac, { pronac: row.pronac, analyst: { id: Number(row.analista), nome: row.nome!, email: row.email! }, quando: row.quando });
    }
    return held;
  }

  /**
   * The analyst takes the project. Taking one's own project again changes nothing.
   *
   * @throws FeedbackStoreError (conflict) naming who has it when another analyst does
   */
  take(pronac: string, analyst: Analyst): Promise<Holder> {
    return this.#write(async (query) => {
      const current = await currentHolder(query, pronac);
      if (current?.analyst !== undefined) {
        if (current.analyst.email === analyst.email && current.analyst.id === analyst.id) return current;
        throw new FeedbackStoreError("conflict", `project ${pronac} is taken by ${current.analyst.nome}`);
      }
      const quando = this.#now();
      await query("INSERT INTO salic_ml.responsaveis (pronac, analista, quando) VALUES ($1, $2, $3)", [pronac, analyst.id, quando]);
      return { pronac, analyst, quando };
    });
  }

  /**
   * The analyst releases the project (nothing to do when nobody has it).
   *
   * @throws FeedbackStoreError (conflict) naming who has it when another analyst does
   */
  release(pronac: string, analyst: Analyst): Promise<Holder> {
    return this.#write(async (query) => {
      const current = await currentHolder(query, pronac);
      if (current?.analyst === undefined) return current ?? { pronac, analyst: undefined, quando: this.#now() };
      if (current.analyst.id !== analyst.id) throw new FeedbackStoreError("conflict", `project ${pronac} is taken by ${current.analyst.nome}, not by you`);
      const quando = this.#now();
      await query("INSERT INTO salic_ml.responsaveis (pronac, analista, quando) VALUES ($1, NULL, $2)", [pronac, quando]);
      return { pronac, analyst: undefined, quando };
    });
  }

  /** Appends a feedback entry; resolves with it as the API shows it. */
  addFeedback(pronac: string, entry: NewFeedback, analyst: Analyst): Promise<FeedbackEntry> {
    return this.#write(async (query) => {
      const quando = this.#now();
      const [row] = await query<{ id: string | number }>(
        "INSERT INTO salic_ml.feedback (pronac, metrica, avaliacao, nota, comentario, analista, quando) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        [pronac, "metrica" in entry ? entry.metrica : null, "avaliacao" in entry ? entry.avaliacao : null, "nota" in entry ? entry.nota : null, entry.comentario, analyst.id, quando],
      );
      return feedbackEntry({ id: row!.id, pronac, metrica: null, avaliacao: null, nota: null, ...entry, nome: analyst.nome, quando });
    });
  }

  /** A project's entries, oldest first. */
  async feedbackOf(pronac: string): Promise<FeedbackEntry[]> {
    const rows = await this.#sql.transaction((query) => query<FeedbackRow>(`${FEEDBACK_SELECT} WHERE f.pronac = $1 ORDER BY f.quando, f.id`, [pronac]));
    return rows.map(feedbackEntry);
  }

  /** Every entry, by time then id (the export's order). */
  async allFeedback(): Promise<FeedbackEntry[]> {
    const rows = await this.#sql.transaction((query) => query<FeedbackRow>(`${FEEDBACK_SELECT} ORDER BY f.quando, f.id`));
    return rows.map(feedbackEntry);
  }
}

async function latestAnalystRow(query: Query, email: string): Promise<AnalystRow | undefined> {
  const [row] = await query<AnalystRow>("SELECT id, email, nome, evento, token_sha256, quando FROM salic_ml.analistas WHERE email = $1 ORDER BY id DESC LIMIT 1", [email]);
  return row;
}

async function currentHolder(query: Query, pronac: string): Promise<Holder | undefined> {
  const [row] = await query<{ analista: string | number | null; nome: string | null; email: string | null; quando: Date }>(
    `SELECT r.analista, a.nome, a.email, r.quando FROM salic_ml.responsaveis r LEFT JOIN salic_ml.analistas a ON a.id = r.analista
      WHERE r.pronac = $1 ORDER BY r.id DESC LIMIT 1`,
    [pronac],
  );
  if (row === undefined) return undefined;
  return { pronac, analyst: row.analista === null ? undefined : { id: Number(row.analista), nome: row.nome!, email: row.email! }, quando: row.quando };
}

// Comments are stored as written; tax ids are masked wherever an entry leaves the store.
function feedbackEntry(row: FeedbackRow): FeedbackEntry {
  return {
    id: Number(row.id),
    pronac: row.pronac,
    metrica: row.metrica,
    avaliacao: row.avaliacao,
    nota: row.nota === null ? null : Number(row.nota),
    comentario: maskTaxIdsInText(row.comentario),
    analista: row.nome,
    quando: new Date(row.quando).toISOString(),
  };
}

/** What `responsavel` shows for a holder. */
export function responsavelOf(holder: Holder | undefined): string {
  return holder?.analyst?.nome ?? NO_RESPONSAVEL;
}
