import Typography from '@material-ui/core/Typography';
import { RelativeTime } from '../../common/RelativeTime';

/** No run yet: the graph is empty until the first sync. */
export function FirstSyncPending(props: { nextRunAt?: string }) {
  return (
    <div data-testid="sentry-graph-first-sync-pending">
      <Typography variant="h6" component="p">
        No sync has run yet
      </Typography>
      <Typography variant="body2" color="textSecondary">
        The graph fills with the first sync.{' '}
        {props.nextRunAt ? (
          <>
            It is due <RelativeTime iso={props.nextRunAt} />.
          </>
        ) : (
          'It starts when the schedule next fires.'
        )}
      </Typography>
    </div>
  );
}
