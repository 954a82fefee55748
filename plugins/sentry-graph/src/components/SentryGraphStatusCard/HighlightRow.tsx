import Typography from '@material-ui/core/Typography';
import type { ChangeHighlight } from '@sentry-graph/plugin-sentry-graph-common';
import { CountedAccordion } from '../common/CountedAccordion';
import { RelativeTime } from '../common/RelativeTime';
import { ChangeSentence } from '../ChangeHistory';

/**
 * One "since yesterday" group: its name and count; opened, its newest
 * changes in words, each entity linked to Sentry and to the catalog.
 */
export function HighlightRow(props: {
  label: string;
  highlight: ChangeHighlight;
  /** Whether to say each change's organization: when more than one changed. */
  showOrganization: boolean;
}) {
  const { label, highlight, showOrganization } = props;
  return (
    <CountedAccordion
      label={label}
      count={highlight.count}
      shown={highlight.items.length}
      moreHint="the page's change list has them all"
    >
      {highlight.items.map(change => (
        <li key={change.id}>
          <Typography variant="body2" component="span">
            <ChangeSentence change={change} />
            {showOrganization && ` in ${change.organization.slug}`}
          </Typography>{' '}
          <Typography variant="caption" color="textSecondary" component="span">
            <RelativeTime iso={change.recordedAt} />
          </Typography>
        </li>
      ))}
    </CountedAccordion>
  );
}
