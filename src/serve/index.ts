/**
 * The analysts' service: the Salic-ML-compatible API under /v1, /health and
 * the web page, in one fastify process. Results come from the promoted
 * modules (src/score) through a disk cache keyed by the source's fingerprint
 * (a folder's file sha256s, or a PostgreSQL database's table states), the
 * metrics and the code, so a restart on unchanged data serves at once. A
 * database source's runs are also stored in salic_ml; a change of the source
 * is noticed while serving, scored in a build worker process and swapped in.
 *
 * @module
 */
export { startServer, type ServerOptions, type RunningServer } from "./server.js";
export { buildApp, checkHttpOptions, type AppOptions, type HttpOptions, type CheckedHttpOptions } from "./app.js";
export { DEFAULT_LIMITS, serverLimits, type ServerLimits } from "./limits.js";
export { CorsPolicy, parseOrigins, parsePublicUrl, PAGE_CSP, RESOURCE_CSP, SECURITY_HEADERS } from "./security.js";
export { openCachedStore, type CacheOptions, type CachedStore } from "./cache.js";
export { openStore, DamagedEntryError, type ProjectStore, type ProjectRow } from "./store.js";
export { LiveStore, type ServedRun } from "./live.js";
export { folderSource, databaseSource, SourceError, type ServeSource, type SourceSpec } from "./source.js";
export type { StoreOutcome } from "./worker.js";
export { projectDetails, type ProjectDetails, type IndicatorDetails, type MetricDetails } from "./details.js";
export { maskTaxId, maskTaxIds, maskTaxIdsInText } from "./mask.js";
export { PER_PAGE, parseListQuery, checkPronac, type ListQuery, type ApiError } from "./query.js";
export { ProjectList, apiProject, type ListPage, type ApiProject, type Selection } from "./list.js";
export { ORDER_KEYS, DEFAULT_ORDER, type OrderKey } from "./orders.js";
export { CACHE_FORMAT } from "./version.js";
export {
  NO_RESPONSAVEL,
  FEEDBACK_LIMITS,
  type Distribuicao,
  type ProjetoSubmetido,
  type ResponsavelBody,
  type Avaliacao,
  type FeedbackRequest,
  type FeedbackEntry,
  type FeedbackBody,
  type ErrorBody,
} from "./api-types.js";
