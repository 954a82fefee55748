import { InfoCard } from '@backstage/core-components';
import { SentryGraphStatusContent } from './SentryGraphStatusContent';

/**
 * The status card: is the Sentry graph fresh, what is it doing, and what
 * looks wrong in each organization.
 *
 * @public
 */
export function SentryGraphStatusCard(props: { title?: string }) {
  return (
    <InfoCard title={props.title ?? 'Sentry graph'} variant="gridItem">
      <SentryGraphStatusContent />
    </InfoCard>
  );
}
