/**
 * What the service tells browsers about itself: the headers every response
 * carries, who may read the API from another origin (CORS), and the public
 * URL its links are built from. The service binds to 127.0.0.1 or an
 * intranet by default, so a browser visiting some other site must not be
 * able to read it: nothing is opened to other origins unless configured.
 *
 * @module
 */

/** Sent on every response, errors and 404s included. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "x-content-type-options": "nosniff",
  // frame-ancestors in the CSP says the same to current browsers; this is for the others.
  "x-frame-options": "DENY",
  // The page only ever asks its own origin; no other site needs to know which project was open.
  "referrer-policy": "no-referrer",
};

/**
 * The page's policy (every path outside the API: the page, its assets, their
 * 404s): its own scripts, styles and API, nothing inline.
 * Vite writes the CSS into files and Vue sets `:style` bindings through
 * the CSSOM, which style-src does not govern, so no 'unsafe-inline' is
 * needed; `data:` images are the inline favicon of index.html.
 */
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** The API's answers (/v1, /health): JSON, nothing to load, nothing to frame it. */
export const RESOURCE_CSP = "default-src 'none'; frame-ancestors 'none'";

const ORIGIN_EXAMPLE = "http://localhost:8080";

/**
 * Checks CORS origins: each `scheme://host[:port]` exactly as a browser
 * sends it in `Origin` (no path, no trailing slash), or `*` alone for any
 * origin. A string may hold several, comma-separated (the CLI's form).
 *
 * @param name how the message names the parameter (`--cors-origin`, `corsOrigins`)
 * @throws Error naming the parameter and the value at fault
 */
export function parseOrigins(values: readonly string[], name: string): string[] {
  const origins = values.flatMap((value) => value.split(",")).map((value) => value.trim());
  for (const origin of origins) {
    if (origin === "*") {
      if (origins.length > 1) throw new Error(`${name}: * allows every origin and cannot be listed with others`);
      continue;
    }
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = undefined;
    }
    if (parsed === undefined || !/^https?:$/.test(parsed.protocol) || parsed.origin !== origin) {
      throw new Error(
        `${name} must be an origin such as ${ORIGIN_EXAMPLE} (http or https, host and optional port, nothing after them), or *; got ${JSON.stringify(origin)}`,
      );
    }
  }
  return origins;
}

/**
 * Checks the URL clients reach the service at (scheme, host, optional port
 * and path prefix of a reverse proxy) and gives it without a trailing slash,
 * ready to have `/v1/...` appended.
 *
 * @throws Error naming the parameter and the value at fault
 */
export function parsePublicUrl(value: string, name: string): string {
  let parsed: URL | undefined;
  try {
    parsed = new URL(value);
  } catch {
    parsed = undefined;
  }
  if (parsed === undefined || !/^https?:$/.test(parsed.protocol) || parsed.search !== "" || parsed.hash !== "" || parsed.username !== "" || parsed.password !== "") {
    throw new Error(
      `${name} must be an http or https URL such as https://salic-ml.example.gov.br (optionally with a path prefix, no query or credentials); got ${JSON.stringify(value)}`,
    );
  }
  return parsed.href.replace(/\/+$/, "");
}

/**
 * Who may read the API from another origin. Only `/v1` answers carry CORS
 * headers: the page is same-origin by construction and /health is for the
 * operator's probes, not for browsers.
 */
export class CorsPolicy {
  readonly #any: boolean;
  readonly #origins: ReadonlySet<string>;

  /** @param origins as checked by {@link parseOrigins}: none, `*`, or a list */
  constructor(origins: readonly string[]) {
    this.#any = origins.includes("*");
    this.#origins = new Set(origins);
  }

  /** The CORS headers of a `/v1` answer to a request from `origin` (the Origin header, if any). */
  headers(origin: string | undefined): Record<string, string> {
    if (this.#any) return { "access-control-allow-origin": "*" };
    if (this.#origins.size === 0) return {};
    // The answer depends on Origin whenever a list is configured: shared caches must key on it.
    if (origin === undefined || !this.#origins.has(origin)) return { vary: "Origin" };
    return { "access-control-allow-origin": origin, vary: "Origin" };
  }

  /** Whether a request from `origin` may read the API (a preflight is then answered in full). */
  allows(origin: string | undefined): boolean {
    return this.#any || (origin !== undefined && this.#origins.has(origin));
  }
}
