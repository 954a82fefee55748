export { sentryGraphApiRef, type SentryGraphApi } from './SentryGraphApi';
export { SentryGraphClient } from './SentryGraphClient';
