/**
 * The sentry-graph backend plugin: a scheduled sync of Sentry into Neo4j,
 * with a REST API for its status, history and graph summaries. Add it with
 * `backend.add(import('@sentry-graph/plugin-sentry-graph-backend'))`.
 *
 * The engine (runSync, the graph store, the config reader) stays internal:
 * the plugin and its command line are its only callers, and keeping it out
 * of the public API lets it change without a major release.
 *
 * @packageDocumentation
 */
export { sentryGraphPlugin as default } from './plugin';
