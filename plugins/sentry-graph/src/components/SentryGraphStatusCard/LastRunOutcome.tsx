import Typography from '@material-ui/core/Typography';
import type { RunSummary } from '@sentry-graph/plugin-sentry-graph-common';
import { describeProblems } from '../../lib/describeRun';
import { RUN_STATUS_LABELS } from '../../lib/labels';
import { durationBetween, formatCount, formatDuration } from '../../lib/time';
import { useRun } from '../../hooks/useRun';
import { RelativeTime } from '../common/RelativeTime';

/** The last finished run's outcome in plain words, with the reasons when it was partial or failed. */
export function LastRunOutcome(props: { run: RunSummary }) {
  const { run } = props;
  // Only a partial run needs its full result to say where and why.
  const details = useRun(run.status === 'partial' ? run.id : undefined);
  const duration = durationBetween(run.startedAt, run.finishedAt);
  const totals = run.totals;
  const problems = details.value?.result
    ? describeProblems(details.value.result)
    : [];
  return (
    <div data-testid="sentry-graph-last-run">
      <Typography variant="body2">
        Last run: <strong>{RUN_STATUS_LABELS[run.status].toLowerCase()}</strong>
        {run.kind && `, a ${run.kind} run,`}
        {run.finishedAt && (
          <>
            {' '}
            <RelativeTime iso={run.finishedAt} />
          </>
        )}
        {duration !== undefined && ` in ${formatDuration(duration)}`}
        {totals &&
          `: ${formatCount(totals.fetched)} items fetched, ${formatCount(totals.written)} written, ${formatCount(totals.deleted)} deleted`}
        .
      </Typography>
      {run.status === 'partial' && (
        <Typography variant="body2" component="div" color="textSecondary">
          Some data could not be refreshed; what the graph held was kept.
          {details.loading && ' Reading the details…'}
          {details.error && ' (The details could not be read.)'}
          {problems.length > 0 && (
            <ul style={{ margin: '4px 0', paddingLeft: 20 }}>
              {problems.map(line => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          )}
        </Typography>
      )}
      {(run.status === 'failed' || run.status === 'aborted') &&
        run.errorSummary && (
          <Typography
            variant="body2"
            color="textSecondary"
            style={{ whiteSpace: 'pre-wrap' }}
          >
            {run.errorSummary}
          </Typography>
        )}
    </div>
  );
}
