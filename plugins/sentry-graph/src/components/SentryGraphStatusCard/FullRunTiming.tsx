import Typography from '@material-ui/core/Typography';
import type {
  RunSummary,
  SyncStatus,
} from '@sentry-graph/plugin-sentry-graph-common';
import { DueTime } from '../common/DueTime';
import { RelativeTime } from '../common/RelativeTime';

/** The full run routine runs build on: when it ended. */
function LastFullRun(props: { run: RunSummary }) {
  const { run } = props;
  const at = run.finishedAt ?? run.startedAt ?? run.createdAt;
  return (
    <>
      Last full run {run.status === 'partial' ? '(partial) ' : ''}
      {run.finishedAt ? 'finished' : 'started'} <RelativeTime iso={at} />.
    </>
  );
}

/** No full run succeeded yet: the next scheduled run is a full one. */
function NoFullRunYet() {
  return <>No full run has completed yet.</>;
}

/**
 * When the last full run was and when the next is due: routine runs
 * between them read only what can have changed, and deletions wait for
 * the full one. Nothing from an older backend, which tells neither.
 */
export function FullRunTiming(props: { status: SyncStatus }) {
  const { lastFullRun, nextFullRunDue } = props.status;
  if (!lastFullRun && !nextFullRunDue) return null;
  return (
    <Typography
      variant="body2"
      color="textSecondary"
      data-testid="sentry-graph-full-runs"
    >
      {lastFullRun ? <LastFullRun run={lastFullRun} /> : <NoFullRunYet />}
      {nextFullRunDue && (
        <>
          {' '}
          <DueTime what="full run" iso={nextFullRunDue} />
        </>
      )}
    </Typography>
  );
}
