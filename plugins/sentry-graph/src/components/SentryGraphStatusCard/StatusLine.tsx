import Typography from '@material-ui/core/Typography';
import type { SyncStatus } from '@sentry-graph/plugin-sentry-graph-common';
import { statusHeadline } from '../../lib/cardStatus';
import { DueTime } from '../common/DueTime';
import { RelativeTime } from '../common/RelativeTime';
import { ToneIcon } from '../common/ToneIcon';

/** Fresh, stale, running or failed at a glance; when the data is from and when the next sync is due. */
export function StatusLine(props: { status: SyncStatus }) {
  const { lastSuccessfulRun, nextRunAt, currentRun } = props.status;
  const headline = statusHeadline(props.status);
  const lastSuccessAt = lastSuccessfulRun?.finishedAt;
  return (
    <div>
      <Typography variant="h6" component="p" data-testid="sentry-graph-status">
        <ToneIcon tone={headline.tone} fontSize="inherit" /> {headline.text}
      </Typography>
      <Typography variant="body2" color="textSecondary">
        {lastSuccessAt ? (
          <>
            Last successful sync finished <RelativeTime iso={lastSuccessAt} />.
          </>
        ) : (
          'No sync has succeeded yet.'
        )}{' '}
        {/* While a run is on, the scheduler's next start is not news yet. */}
        {nextRunAt && !currentRun && <DueTime what="sync" iso={nextRunAt} />}
      </Typography>
    </div>
  );
}
