import { InfoCard } from '@backstage/core-components';
import Divider from '@material-ui/core/Divider';
import { useEntitySentryData } from '../../hooks/useEntitySentryData';
import { EntityCardState, EntityFindings } from './EntityStates';
import { ProjectDetails } from './ProjectDetails';

/**
 * A component's Sentry project on its entity page: the teams on it, its
 * alert rules, the newest release, who can administer it and their 2FA,
 * and what looks wrong.
 *
 * @public
 */
export function EntitySentryGraphCard() {
  const { value, loading, error } = useEntitySentryData();
  return (
    <InfoCard title="Sentry" variant="gridItem">
      <EntityCardState loading={loading} error={error} synced={value?.synced} />
      {value?.synced && (
        <div data-testid="sentry-graph-entity-card">
          <EntityFindings findings={value.findings} />
          {value.projects.map((project, i) => (
            <div key={project.id}>
              {i > 0 && <Divider style={{ margin: '12px 0' }} />}
              <ProjectDetails project={project} />
            </div>
          ))}
        </div>
      )}
    </InfoCard>
  );
}
