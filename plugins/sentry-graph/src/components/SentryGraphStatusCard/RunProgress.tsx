import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import type {
  RunSummary,
  SyncProgress,
} from '@sentry-graph/plugin-sentry-graph-common';
import { KIND_LABELS } from '../../lib/labels';
import { formatCount } from '../../lib/time';

function progressText(run: RunSummary, progress?: SyncProgress): string {
  if (run.status === 'queued')
    return 'Waiting for the scheduler to start the sync…';
  if (progress?.kind === 'catalog') {
    return `Reading the Backstage catalog: ${formatCount(progress.items)} items so far`;
  }
  if (!progress?.organization) return 'Starting the sync…';
  const kind = progress.kind ? `${KIND_LABELS[progress.kind]} of ` : '';
  return `Reading ${kind}${progress.organization}: ${formatCount(progress.items)} items so far`;
}

/**
 * A run in progress. The bar is indeterminate: Sentry's listings do not say
 * how many items they hold, so a percentage would be invented.
 */
export function RunProgress(props: {
  run: RunSummary;
  progress?: SyncProgress;
}) {
  const text = progressText(props.run, props.progress);
  return (
    <div>
      <LinearProgress aria-label={text} />
      <Typography variant="body2" role="status" style={{ marginTop: 4 }}>
        {text}
      </Typography>
    </div>
  );
}
