import Typography from '@material-ui/core/Typography';
import {
  ENTITY_CHANGES_SHOWN,
  useEntityChanges,
} from '../../hooks/useEntityChanges';
import { ChangeSentence, isChangeHistoryOff } from '../ChangeHistory';
import { ErrorMessage } from '../common/ErrorMessage';
import { RelativeTime } from '../common/RelativeTime';

/**
 * The last changes of a Sentry project or team on its entity card: its
 * own (added, a team gained or lost) and those it is the other end of (a
 * member joined or left a team). Nothing at all when the backend keeps no
 * history: the card has enough to say without it.
 */
export function RecentChanges(props: {
  /** The project's or team's node id. */
  nodeId: string;
  /** Its name, for the list's accessible name. */
  name: string;
}) {
  const { value, loading, error } = useEntityChanges(props.nodeId);
  if (isChangeHistoryOff(error)) return null;
  const label = `Recent changes of ${props.name}`;
  return (
    <Typography variant="body2" component="div" style={{ marginTop: 8 }}>
      <strong>Recent changes</strong>
      {loading && <div>Reading the changes…</div>}
      {error !== undefined && (
        <ErrorMessage title="The changes could not be read" error={error} />
      )}
      {value && value.changes.length === 0 && <div>None recorded.</div>}
      {value && value.changes.length > 0 && (
        <ul aria-label={label} style={{ margin: '4px 0', paddingLeft: 20 }}>
          {value.changes.slice(0, ENTITY_CHANGES_SHOWN).map(change => (
            <li key={change.id}>
              <ChangeSentence change={change} />{' '}
              <Typography
                variant="caption"
                color="textSecondary"
                component="span"
              >
                <RelativeTime iso={change.recordedAt} />
              </Typography>
            </li>
          ))}
        </ul>
      )}
    </Typography>
  );
}
