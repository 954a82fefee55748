import { Progress } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import type { EntityFinding } from '@sentry-graph/plugin-sentry-graph-common';
import { statusOf } from '../../lib/errors';
import { ENTITY_FINDING_LABELS } from '../../lib/labels';
import { ErrorMessage } from '../common/ErrorMessage';
import { ToneIcon } from '../common/ToneIcon';

/** Loading, an error, or an entity no sync has read yet: what both entity cards show before their data. */
export function EntityCardState(props: {
  loading: boolean;
  error?: unknown;
  synced?: boolean;
}) {
  if (props.loading) return <Progress aria-label="Loading the Sentry data" />;
  if (props.error !== undefined) {
    // The backend answers 404 for an entity the catalog does not let you read.
    return statusOf(props.error) === 404 ? (
      <Typography variant="body2">
        Sentry data is not available for this entity.
      </Typography>
    ) : (
      <ErrorMessage
        title="The Sentry data could not be read"
        error={props.error}
      />
    );
  }
  if (props.synced === false) {
    return (
      <Typography variant="body2" data-testid="sentry-graph-entity-not-synced">
        The next Sentry sync reads this entity from the catalog; its Sentry data
        shows after it.
      </Typography>
    );
  }
  return null;
}

/** The entity's findings, each an icon and a sentence. */
export function EntityFindings(props: { findings: EntityFinding[] }) {
  if (props.findings.length === 0) return null;
  return (
    <ul
      aria-label="Findings"
      style={{ margin: '0 0 8px', paddingLeft: 0, listStyle: 'none' }}
    >
      {props.findings.map(finding => (
        <li key={finding}>
          <Typography variant="body2">
            <ToneIcon tone="warning" /> {ENTITY_FINDING_LABELS[finding]}
          </Typography>
        </li>
      ))}
    </ul>
  );
}
