/** The environment variable that gives `--db` its default. */
export const DB_ENV = "SALIC_ML_DB";

/**
 * The URL with its password replaced by `***`, for every message and log
 * line (a URL that does not parse is shown as `<database URL>`: it might be
 * all password).
 */
export function maskDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== "") parsed.password = "***";
    return parsed.toString();
  } catch {
    return "<database URL>";
  }
}

/** `text` with the URL's password (plain and percent-encoded) replaced by `***`. */
export function maskPassword(text: string, url: string): string {
  let password = "";
  try {
    password = new URL(url).password;
  } catch {
    return text.split(url).join("<database URL>");
  }
  if (password === "") return text;
  let masked = text;
  for (const secret of new Set([password, decodeURIComponent(password)])) masked = masked.split(secret).join("***");
  return masked;
}

/**
 * The database URL to use: `option` (the `--db` value) or else the
 * SALIC_ML_DB environment variable; undefined when neither is set. Only
 * postgres:// and postgresql:// URLs are accepted.
 */
export function databaseUrl(option: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const url = option ?? (env[DB_ENV] === "" ? undefined : env[DB_ENV]);
  if (url === undefined) return undefined;
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    throw new Error(`${option === undefined ? DB_ENV : "--db"} is not a URL (expected postgres://user:password@host:port/database)`);
  }
  if (protocol !== "postgres:" && protocol !== "postgresql:") {
    throw new Error(`${option === undefined ? DB_ENV : "--db"} must be a postgres:// URL, got ${protocol}// (only PostgreSQL is supported)`);
  }
  return url;
}
