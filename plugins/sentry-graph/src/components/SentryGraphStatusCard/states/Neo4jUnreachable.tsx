import Typography from '@material-ui/core/Typography';
import { ToneIcon } from '../../common/ToneIcon';

/** The backend answers but Neo4j does not: syncs fail until it is back; the figures shown are the last run's. */
export function Neo4jUnreachable() {
  return (
    <div role="alert" data-testid="sentry-graph-neo4j-unreachable">
      <Typography variant="subtitle2" component="p">
        <ToneIcon tone="error" /> Neo4j does not answer
      </Typography>
      <Typography variant="body2" color="textSecondary">
        The graph cannot be read, and syncs fail until Neo4j is back. Nothing in
        the graph is lost meanwhile.
      </Typography>
    </div>
  );
}
