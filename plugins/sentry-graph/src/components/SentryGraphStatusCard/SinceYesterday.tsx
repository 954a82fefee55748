import Typography from '@material-ui/core/Typography';
import {
  CHANGE_HIGHLIGHT_KEYS,
  type ChangeHighlightsResponse,
} from '@sentry-graph/plugin-sentry-graph-common';
import { useChangeHighlights } from '../../hooks/useChangeHighlights';
import { HIGHLIGHT_LABELS } from '../../lib/labels';
import { ChangeHistoryOff, isChangeHistoryOff } from '../ChangeHistory';
import { ErrorMessage } from '../common/ErrorMessage';
import { RelativeTime } from '../common/RelativeTime';
import { HighlightRow } from './HighlightRow';

function organizationsIn(response: ChangeHighlightsResponse): number {
  const slugs = new Set<string>();
  for (const key of CHANGE_HIGHLIGHT_KEYS)
    for (const item of response.highlights[key].items)
      slugs.add(item.organization.slug);
  return slugs.size;
}

function Highlights(props: { response: ChangeHighlightsResponse }) {
  const { response } = props;
  const changed = CHANGE_HIGHLIGHT_KEYS.some(
    key => response.highlights[key].count > 0,
  );
  if (!changed) {
    return (
      <Typography variant="body2" data-testid="sentry-graph-no-highlights">
        No changes of these kinds since <RelativeTime iso={response.since} />:
        no new owner or manager, no 2FA lost, no project left without a team, no
        alert rule removed or disabled, no member added or removed.
      </Typography>
    );
  }
  const showOrganization = organizationsIn(response) > 1;
  return (
    <>
      <Typography variant="caption" color="textSecondary" component="p">
        Changes recorded since <RelativeTime iso={response.since} />
      </Typography>
      <div style={{ marginTop: 8 }}>
        {CHANGE_HIGHLIGHT_KEYS.map(key => (
          <HighlightRow
            key={key}
            label={HIGHLIGHT_LABELS[key]}
            highlight={response.highlights[key]}
            showOrganization={showOrganization}
          />
        ))}
      </div>
    </>
  );
}

/**
 * The card's "Since yesterday": how many became owners or managers, lost
 * 2FA, were added or removed, which projects lost their last team, which
 * alert rules were removed or disabled, read again after each run.
 */
export function SinceYesterday(props: { version?: string }) {
  const highlights = useChangeHighlights(props.version);
  return (
    <section
      aria-label="Since yesterday"
      data-testid="sentry-graph-since-yesterday"
    >
      <Typography variant="subtitle1" component="h3">
        Since yesterday
      </Typography>
      {highlights.loading && !highlights.value && (
        <Typography variant="body2" color="textSecondary">
          Reading what changed…
        </Typography>
      )}
      {highlights.error !== undefined &&
        (isChangeHistoryOff(highlights.error) ? (
          <ChangeHistoryOff />
        ) : (
          <ErrorMessage
            title="What changed since yesterday could not be read"
            error={highlights.error}
          />
        ))}
      {highlights.value && !highlights.error && (
        <Highlights response={highlights.value} />
      )}
    </section>
  );
}
