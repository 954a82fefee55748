export { SentryClient } from './SentryClient';
export type {
  InvalidItem,
  PaginateOptions,
  RequestOptions,
  SentryClientOptions,
  SentryEndpoint,
  SentryPage,
  SentryQuery,
  SentryRequestStats,
} from './types';
export {
  SentryAbortError,
  SentryGoneError,
  SentryNetworkError,
  SentryNotFoundError,
  SentryPermissionError,
  SentryRateLimitError,
  SentryRequestError,
  SentryResponseError,
  SentryTimeoutError,
  type SentryResponseProblem,
} from './errors';
export { requiredScopes } from './requiredScopes';
export { apiPath } from './url';
export * from './schemas';
