export { SentryGraphContent } from './SentryGraphContent';
export { SentryGraphPage } from './SentryGraphPage';
