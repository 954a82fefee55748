/**
 * The sentry-graph portal card, page and run history.
 *
 * The default export is the plugin for the new frontend system; the named
 * exports serve apps on the legacy system.
 *
 * @packageDocumentation
 */
export { default } from './alpha';
export {
  sentryGraphPlugin,
  SentryGraphPage,
  SentryGraphStatusCard,
  EntitySentryGraphCard,
  EntitySentryGraphGroupCard,
} from './plugin';
export { isSentryProjectAnnotated } from './components/EntityCards/isSentryProjectAnnotated';
export {
  SentryGraphClient,
  sentryGraphApiRef,
  type ChangesQuery,
  type SentryGraphApi,
} from './api';
