import Typography from '@material-ui/core/Typography';
import { ToneIcon } from '../../common/ToneIcon';

/**
 * The backend answers /health, but the plugin's own database does not: the
 * status and history cannot be read, and they come back by themselves once
 * it answers (said instead of the 503 that /status answers meanwhile).
 */
export function DatabaseUnreachable() {
  return (
    <div role="alert" data-testid="sentry-graph-database-unreachable">
      <Typography variant="subtitle2" component="p">
        <ToneIcon tone="error" /> The plugin's database does not answer
      </Typography>
      <Typography variant="body2" color="textSecondary">
        The sync status and run history cannot be read, and no sync is
        scheduled, until it is back. The graph in Neo4j is untouched.
      </Typography>
    </div>
  );
}
