/**
 * How long the service waits for a client and how many it holds at once.
 * Node's defaults (60 s for headers, checked only every 30 s, and no cap on
 * connections) let a client that trickles its headers hold a socket for
 * about 67 s, as many times as it likes.
 */
export interface ServerLimits {
  /** Time a client has to send a request's headers, from its first byte (default 10 000 ms). */
  headersTimeoutMs: number;
  /** Time a client has to send a whole request (default 30 000 ms; at least headersTimeoutMs). */
  requestTimeoutMs: number;
  /** How long an idle keep-alive connection stays open between two requests (default 5 000 ms). */
  keepAliveTimeoutMs: number;
  /** Connections open at once; new ones beyond it are closed at once (default 500). */
  maxConnections: number;
}

/**
 * The defaults: a request is a GET without a body, answered in milliseconds,
 * so 10 s for its headers tolerates a poor mobile link; 5 s of keep-alive
 * covers a page's burst of requests; 500 connections is far more than the
 * analysts who use it and well under the usual limit of 1024 open files.
 */
export const DEFAULT_LIMITS: Readonly<ServerLimits> = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 500,
};

/**
 * The limits given, each checked, with the defaults for the others.
 *
 * @throws Error naming the limit and what it must be
 */
export function serverLimits(given: Partial<ServerLimits> = {}): ServerLimits {
  const limits = { ...DEFAULT_LIMITS, ...given };
  for (const name of Object.keys(DEFAULT_LIMITS) as (keyof ServerLimits)[]) {
    const value = limits[name];
    if (!Number.isInteger(value) || value < 1) throw new Error(`limits.${name} must be a positive integer, got ${JSON.stringify(value)}`);
  }
  if (limits.requestTimeoutMs < limits.headersTimeoutMs) {
    throw new Error(`limits.requestTimeoutMs (${limits.requestTimeoutMs}) must be at least limits.headersTimeoutMs (${limits.headersTimeoutMs})`);
  }
  return limits;
}

/**
 * How often Node looks for connections past their headers or request
 * timeout: a timeout is enforced only when it looks, so this bounds how late
 * (a quarter of the headers timeout, at most a second, at least 50 ms).
 */
export function checkingIntervalMs(limits: ServerLimits): number {
  return Math.max(50, Math.min(1000, Math.floor(limits.headersTimeoutMs / 4)));
}
