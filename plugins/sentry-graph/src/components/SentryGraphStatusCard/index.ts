export { SentryGraphStatusCard } from './SentryGraphStatusCard';
export {
  SentryGraphStatusContent,
  SentryGraphStatusView,
} from './SentryGraphStatusContent';
