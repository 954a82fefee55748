import Typography from '@material-ui/core/Typography';
import {
  CATALOG_FINDINGS,
  type CatalogSummary,
} from '@sentry-graph/plugin-sentry-graph-common';
import { CATALOG_FINDING_LABELS } from '../../lib/labels';
import { formatCount } from '../../lib/time';
import { RelativeTime } from '../common/RelativeTime';
import { FindingRow } from './FindingRow';

const share = (part: number, whole: number, words: string) =>
  `${formatCount(part)} of ${formatCount(whole)} ${words}`;

/** The Backstage catalog joined to Sentry: what matched, and what looks wrong. */
export function CatalogSummaryView(props: { summary: CatalogSummary }) {
  const { entities, findings, computedAt } = props.summary;
  return (
    <section aria-label="Backstage catalog">
      <Typography variant="subtitle1" component="h3">
        Backstage catalog
      </Typography>
      <Typography variant="body2" data-testid="sentry-graph-catalog-counts">
        {[
          share(
            entities.componentsWithSentryProject,
            entities.components,
            'components have a Sentry project',
          ),
          share(
            entities.groupsWithSentryTeam,
            entities.groups,
            'groups have a Sentry team',
          ),
          share(
            entities.usersWithSentryAccount,
            entities.users,
            'users have a Sentry account',
          ),
        ].join(' · ')}
      </Typography>
      <Typography variant="caption" color="textSecondary" component="p">
        Figures as of <RelativeTime iso={computedAt} />
      </Typography>
      <div style={{ marginTop: 8 }}>
        {CATALOG_FINDINGS.map(key => (
          <FindingRow
            key={key}
            label={CATALOG_FINDING_LABELS[key]}
            finding={findings[key]}
          />
        ))}
      </div>
    </section>
  );
}
