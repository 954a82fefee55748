import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { useRunChanges } from '../../hooks/useRunChanges';
import { statusOf } from '../../lib/errors';
import { ChangeSentence } from '../ChangeHistory';
import { ErrorMessage } from '../common/ErrorMessage';

/**
 * What one run changed in the graph, in words, a page more at a time. The
 * backend answers 404 for a run with no changes recorded (or none kept, or
 * no history at all): the same sentence for each.
 */
export function RunChanges(props: { runId: string }) {
  const changes = useRunChanges(props.runId);
  const none =
    statusOf(changes.error) === 404 ||
    (!changes.loading && !changes.error && changes.changes.length === 0);
  return (
    <section aria-label="What the run changed" style={{ marginTop: 12 }}>
      <Typography variant="subtitle2" component="h4">
        What the run changed
      </Typography>
      {changes.loading && (
        <Typography variant="body2" color="textSecondary">
          Reading the changes…
        </Typography>
      )}
      {none && (
        <Typography variant="body2" color="textSecondary">
          No changes are recorded for this run.
        </Typography>
      )}
      {changes.error !== undefined && !none && (
        <ErrorMessage
          title="The run's changes could not be read"
          error={changes.error}
        />
      )}
      {changes.changes.length > 0 && (
        <ul style={{ margin: '4px 0', paddingLeft: 20 }}>
          {changes.changes.map(change => (
            <li key={change.id}>
              <Typography variant="body2" component="span">
                <ChangeSentence change={change} />
              </Typography>
            </li>
          ))}
        </ul>
      )}
      {changes.hasMore && (
        <Button
          size="small"
          disabled={changes.loadingMore}
          onClick={changes.loadMore}
        >
          More changes of this run
        </Button>
      )}
    </section>
  );
}
