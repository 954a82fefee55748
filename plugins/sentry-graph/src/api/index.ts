export {
  sentryGraphApiRef,
  type ChangesQuery,
  type SentryGraphApi,
} from './SentryGraphApi';
export { SentryGraphClient } from './SentryGraphClient';
