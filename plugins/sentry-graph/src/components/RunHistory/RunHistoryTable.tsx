import IconButton from '@material-ui/core/IconButton';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { RunSummary } from '@sentry-graph/plugin-sentry-graph-common';
import { durationBetween, formatCount, formatDuration } from '../../lib/time';
import { RelativeTime } from '../common/RelativeTime';
import { RunKindLabel } from '../common/RunKindLabel';
import { RunStatusLabel } from '../common/RunStatusLabel';
import DetailsIcon from '@material-ui/icons/OpenInNew';

const nowrap = { whiteSpace: 'nowrap' } as const;
/**
 * The table sits in a card half the page wide: cells narrower than MUI's
 * (16 px left, 24 px right) leave the totals room to stay readable.
 */
const cell = { paddingLeft: 8, paddingRight: 8 } as const;
const caption = {
  variant: 'caption',
  component: 'div',
  color: 'textSecondary',
} as const;

function Trigger(props: { run: RunSummary }) {
  const { run } = props;
  // Whole words: the theme lets table cells break words to fit.
  if (run.trigger === 'scheduled') return <span style={nowrap}>Scheduled</span>;
  return (
    <>
      <span style={nowrap}>Manual</span>
      {run.requestedBy && (
        // An entity ref has no spaces: it breaks after its ':' and '/' (or,
        // if a part is still too long, anywhere) rather than widen the table.
        <Typography {...caption} style={{ overflowWrap: 'anywhere' }}>
          by <BreakableRef value={run.requestedBy} />
        </Typography>
      )}
    </>
  );
}

function BreakableRef(props: { value: string }) {
  return (
    <>
      {props.value.split(/(?<=[:/])/).map((part, i) => (
        <span key={i}>
          {i > 0 && <wbr />}
          {part}
        </span>
      ))}
    </>
  );
}

function Totals(props: { run: RunSummary }) {
  const t = props.run.totals;
  if (!t) return <>—</>;
  // Each figure stays whole with its separator; lines break between them in a narrow card.
  const figures: Array<[number, string]> = [
    [t.fetched, 'fetched'],
    [t.written, 'written'],
    [t.deleted, 'deleted'],
    [t.invalid, 'invalid'],
  ];
  return (
    <>
      {figures.map(([count, what], i) => (
        <span key={what}>
          {i > 0 && ' '}
          <span style={nowrap}>
            {formatCount(count)} {what}
            {i < figures.length - 1 && ' ·'}
          </span>
        </span>
      ))}
    </>
  );
}

/** A page of runs; each row opens the run's details. */
export function RunHistoryTable(props: {
  runs: RunSummary[];
  selectedId?: string;
  onSelect: (id: string) => void;
}) {
  if (props.runs.length === 0) {
    return <Typography variant="body2">No runs yet.</Typography>;
  }
  return (
    <TableContainer>
      <Table size="small" aria-label="Sync runs, newest first">
        <TableHead>
          <TableRow>
            {['Trigger', 'Kind', 'Started', 'Status', 'Totals'].map(h => (
              <TableCell key={h} style={{ ...cell, ...nowrap }}>
                {h}
              </TableCell>
            ))}
            <TableCell style={cell}>
              <Typography variant="srOnly">Details</Typography>
            </TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {props.runs.map(run => {
            const duration = durationBetween(run.startedAt, run.finishedAt);
            return (
              <TableRow
                key={run.id}
                selected={run.id === props.selectedId}
                data-testid="sentry-graph-run-row"
              >
                <TableCell style={cell}>
                  <Trigger run={run} />
                </TableCell>
                <TableCell style={cell}>
                  {run.kind ? <RunKindLabel run={run} /> : '—'}
                </TableCell>
                <TableCell style={{ ...cell, ...nowrap }}>
                  {run.startedAt ? (
                    <RelativeTime iso={run.startedAt} />
                  ) : (
                    'not yet'
                  )}
                  {duration !== undefined && (
                    <Typography {...caption}>
                      took {formatDuration(duration)}
                    </Typography>
                  )}
                </TableCell>
                <TableCell style={cell}>
                  <RunStatusLabel status={run.status} />
                </TableCell>
                <TableCell style={cell}>
                  <Totals run={run} />
                </TableCell>
                <TableCell style={cell}>
                  <IconButton
                    size="small"
                    onClick={() => props.onSelect(run.id)}
                    aria-label={`Details of the run started ${run.startedAt ?? run.createdAt}`}
                    title="Details"
                  >
                    <DetailsIcon fontSize="small" />
                  </IconButton>
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
