import Link from '@material-ui/core/Link';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import type { GraphChange } from '@sentry-graph/plugin-sentry-graph-common';
import { beforeAfterText } from '../../lib/changeWords';
import { CHANGE_KIND_LABELS, CHANGE_NAME_LABELS } from '../../lib/labels';
import { RelativeTime } from '../common/RelativeTime';
import { ChangeEntityLink } from './ChangeEntityLink';

const nowrap = { whiteSpace: 'nowrap' } as const;
const COLUMNS = [
  'When',
  'Organization',
  'Kind',
  'Entity',
  'Change',
  'Before → after',
  'Related',
  'Run',
];

/** A change's name: a word from this frontend, or the API's own for a newer one. */
const changeLabel = (change: GraphChange) =>
  CHANGE_NAME_LABELS[change.change] ?? change.change;

/**
 * Changes, newest first, one a row: when, where, what, before and after,
 * the entity on the other end, and the run that recorded it (which opens
 * the run's details).
 */
export function ChangeTable(props: {
  changes: GraphChange[];
  onSelectRun: (runId: string) => void;
}) {
  return (
    <TableContainer>
      <Table size="small" aria-label="Changes, newest first">
        <TableHead>
          <TableRow>
            {COLUMNS.map(h => (
              <TableCell key={h} style={nowrap}>
                {h}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {props.changes.map(change => (
            <TableRow key={change.id} data-testid="sentry-graph-change-row">
              <TableCell style={nowrap}>
                <RelativeTime iso={change.recordedAt} />
              </TableCell>
              <TableCell>{change.organization.slug}</TableCell>
              <TableCell>
                {CHANGE_KIND_LABELS[change.kind] ?? change.kind}
              </TableCell>
              <TableCell>
                <ChangeEntityLink entity={change.entity} kind={change.kind} />
              </TableCell>
              <TableCell>{changeLabel(change)}</TableCell>
              <TableCell>{beforeAfterText(change)}</TableCell>
              <TableCell>
                {change.related ? (
                  <ChangeEntityLink
                    entity={change.related}
                    kind={change.related.kind}
                  />
                ) : (
                  '—'
                )}
              </TableCell>
              <TableCell>
                <Link
                  component="button"
                  variant="body2"
                  onClick={() => props.onSelectRun(change.runId)}
                  aria-label={`Details of run ${change.runId}`}
                  title={`Run ${change.runId}`}
                >
                  {change.runId.slice(0, 8)}
                </Link>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
