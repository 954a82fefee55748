import Link from '@material-ui/core/Link';
import Typography from '@material-ui/core/Typography';
import {
  LISTED_FINDINGS,
  type OrganizationSummary,
} from '@sentry-graph/plugin-sentry-graph-common';
import { COUNTED_NODES, FINDING_LABELS } from '../../lib/labels';
import { formatCount } from '../../lib/time';
import { RelativeTime } from '../common/RelativeTime';
import { FindingRow } from './FindingRow';

/** One organization: what the graph holds of it, and its findings. */
export function OrganizationSummaryView(props: {
  summary: OrganizationSummary;
}) {
  const { organization, nodes, findings, computedAt } = props.summary;
  const counts = COUNTED_NODES.map(
    ([label, words]) => `${formatCount(nodes[label] ?? 0)} ${words}`,
  ).join(' · ');
  return (
    <section aria-label={`Organization ${organization.slug}`}>
      <Typography variant="subtitle1" component="h3">
        <Link href={organization.url} target="_blank" rel="noopener noreferrer">
          {organization.name ?? organization.slug}
        </Link>
      </Typography>
      <Typography
        variant="body2"
        data-testid={`sentry-graph-counts-${organization.slug}`}
      >
        {counts}
      </Typography>
      <Typography variant="caption" color="textSecondary" component="p">
        Figures as of <RelativeTime iso={computedAt} />
      </Typography>
      <div style={{ marginTop: 8 }}>
        {LISTED_FINDINGS.map(key => (
          <FindingRow
            key={key}
            label={FINDING_LABELS[key]}
            finding={findings[key]}
            flagged={
              key === 'membersWithout2fa' &&
              findings.membersWithout2fa.flagged &&
              findings.membersWithout2fa.count > 0
            }
          />
        ))}
      </div>
    </section>
  );
}
