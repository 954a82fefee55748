export { EntitySentryGraphCard } from './EntitySentryGraphCard';
export { EntitySentryGraphGroupCard } from './EntitySentryGraphGroupCard';
export { isSentryProjectAnnotated } from './isSentryProjectAnnotated';
