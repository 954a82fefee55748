import { InfoCard } from '@backstage/core-components';
import Divider from '@material-ui/core/Divider';
import type { EntitySentryData } from '@sentry-graph/plugin-sentry-graph-common';
import type { ReactNode } from 'react';
import { useEntitySentryData } from '../../hooks/useEntitySentryData';
import { EntityCardState, EntityFindings } from './EntityStates';

/**
 * What both entity cards share: the entity's Sentry data read for the page's
 * entity, its states, its findings, then one section per item (a project, a
 * team), divided.
 */
export function EntitySentryCardFrame<T extends { id: string }>(props: {
  title: string;
  testId: string;
  items: (data: EntitySentryData) => T[];
  renderItem: (item: T) => ReactNode;
}) {
  const { value, loading, error } = useEntitySentryData();
  return (
    <InfoCard title={props.title} variant="gridItem">
      <EntityCardState loading={loading} error={error} synced={value?.synced} />
      {value?.synced && (
        <div data-testid={props.testId}>
          <EntityFindings findings={value.findings} />
          {props.items(value).map((item, i) => (
            <div key={item.id}>
              {i > 0 && <Divider style={{ margin: '12px 0' }} />}
              {props.renderItem(item)}
            </div>
          ))}
        </div>
      )}
    </InfoCard>
  );
}
