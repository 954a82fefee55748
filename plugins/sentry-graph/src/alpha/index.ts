export { sentryGraphFrontendPlugin as default } from './plugin';
