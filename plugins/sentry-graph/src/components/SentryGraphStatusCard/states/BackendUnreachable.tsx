import Typography from '@material-ui/core/Typography';
import { ErrorMessage } from '../../common/ErrorMessage';

/** The sentry-graph backend does not answer: the card can say nothing about the graph. */
export function BackendUnreachable(props: { error: unknown }) {
  return (
    <div data-testid="sentry-graph-backend-unreachable">
      <ErrorMessage
        title="The sentry-graph backend cannot be reached"
        error={props.error}
      />
      <Typography variant="body2" color="textSecondary">
        The card tries again every minute. If this lasts, check that the backend
        is running with the sentry-graph plugin installed.
      </Typography>
    </div>
  );
}
