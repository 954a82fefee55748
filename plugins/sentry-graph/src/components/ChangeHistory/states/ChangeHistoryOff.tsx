import Typography from '@material-ui/core/Typography';

/**
 * The backend records no change history: turned off in its configuration,
 * or a backend from before the history (both answer 404). Not an error.
 */
export function ChangeHistoryOff() {
  return (
    <Typography
      variant="body2"
      color="textSecondary"
      data-testid="sentry-graph-change-history-off"
    >
      The change history is turned off: this backend records no changes
      (sentryGraph.changes.enabled is false, or the backend predates the
      history).
    </Typography>
  );
}
