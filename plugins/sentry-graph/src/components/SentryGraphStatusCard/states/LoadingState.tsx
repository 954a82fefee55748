import { Progress } from '@backstage/core-components';

/** Until the first status answered. */
export function LoadingState() {
  return <Progress aria-label="Loading the Sentry graph status" />;
}
