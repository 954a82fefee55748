import { Progress } from '@backstage/core-components';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type {
  CatalogResult,
  KindResult,
  OrganizationResult,
  RunRecord,
  SyncKind,
  SyncRunResult,
} from '@sentry-graph/plugin-sentry-graph-common';
import { useRun } from '../../hooks/useRun';
import { KIND_LABELS, RUN_KIND_LABELS } from '../../lib/labels';
import { exactTime, formatCount, formatDuration } from '../../lib/time';
import { ErrorMessage } from '../common/ErrorMessage';
import { RunKindLabel } from '../common/RunKindLabel';
import { RunStatusLabel } from '../common/RunStatusLabel';
import { RunChanges } from './RunChanges';

function keptText(result: KindResult): string {
  if (result.kept.length === 0) return '—';
  return result.kept
    .map(
      k =>
        `${k.count === undefined ? '' : `${formatCount(k.count)} `}${k.what}: ${k.reason}`,
    )
    .join('; ');
}

function OrganizationKinds(props: {
  organization: OrganizationResult;
  runKind?: SyncRunResult['kind'];
}) {
  const { organization, runKind } = props;
  const kinds = Object.entries(organization.kinds) as Array<
    [SyncKind, KindResult]
  >;
  return (
    <section
      aria-label={`Organization ${organization.slug}`}
      style={{ marginTop: 12 }}
    >
      <Typography variant="subtitle2" component="h4">
        {organization.name ?? organization.slug}:{' '}
        <RunStatusLabel status={organization.status} />
        {organization.kind && organization.kind !== runKind && (
          <>
            {' '}
            · {RUN_KIND_LABELS[organization.kind].toLowerCase()}
            {organization.kindReason && `: ${organization.kindReason}`}
          </>
        )}
      </Typography>
      {organization.error && (
        <Typography variant="body2" color="textSecondary">
          {organization.error}
        </Typography>
      )}
      {organization.auditLog?.read && (
        // When it was not read, the run's skipped lines say why.
        <Typography variant="body2" color="textSecondary">
          Audit log: {formatCount(organization.auditLog.entries)} entries since{' '}
          {exactTime(organization.auditLog.since)}
        </Typography>
      )}
      <TableContainer>
        <Table
          size="small"
          aria-label={`What the run did in ${organization.slug}`}
        >
          <TableHead>
            <TableRow>
              {[
                'Kind',
                'Listing',
                'Fetched',
                'Written',
                'Invalid',
                'Deleted',
                'Kept, and why',
                'Error',
              ].map(h => (
                <TableCell key={h}>{h}</TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {kinds.map(([kind, r]) => (
              <TableRow key={kind}>
                <TableCell>{KIND_LABELS[kind]}</TableCell>
                <TableCell>
                  {r.status === 'complete' ? 'complete' : 'incomplete'}
                </TableCell>
                <TableCell>{formatCount(r.fetched)}</TableCell>
                <TableCell>{formatCount(r.written)}</TableCell>
                <TableCell>
                  {formatCount(r.invalid)}
                  {r.invalidItems[0] && ` (e.g. ${r.invalidItems[0].reason})`}
                </TableCell>
                <TableCell>{formatCount(r.deleted)}</TableCell>
                <TableCell>{keptText(r)}</TableCell>
                <TableCell>{r.error ?? '—'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
    </section>
  );
}

function CatalogPart(props: { catalog: CatalogResult }) {
  const { catalog } = props;
  return (
    <section aria-label="Backstage catalog" style={{ marginTop: 12 }}>
      <Typography variant="subtitle2" component="h4">
        Backstage catalog: read{' '}
        {catalog.status === 'complete' ? 'completely' : 'incompletely'}
      </Typography>
      <Typography variant="body2">
        {formatCount(catalog.fetched)} entities read,{' '}
        {formatCount(catalog.written)} nodes and relationships written,{' '}
        {formatCount(catalog.deleted)} deleted
        {catalog.kept.length > 0 &&
          `; kept: ${catalog.kept.map(k => `${k.what} (${k.reason})`).join('; ')}`}
        {catalog.error && `; ${catalog.error}`}
      </Typography>
      {catalog.unmatchedCount > 0 && (
        <Typography variant="body2" component="div">
          {formatCount(catalog.unmatchedCount)} annotation(s) point nowhere:
          <ul style={{ margin: '4px 0', paddingLeft: 20 }}>
            {catalog.unmatched.map(u => (
              <li key={`${u.entityRef}:${u.annotation}`}>
                {u.entityRef}: {u.annotation} = {u.value}
              </li>
            ))}
          </ul>
        </Typography>
      )}
    </section>
  );
}

function RequestFigures(props: { result: SyncRunResult }) {
  const { requests, durationMs } = props.result;
  // The busiest endpoint first: each has a rate-limit window of its own.
  const byEndpoint = Object.entries(requests.byEndpoint ?? {}).sort(
    ([a, x = 0], [b, y = 0]) => y - x || a.localeCompare(b),
  );
  return (
    <>
      <Typography variant="body2">
        {formatDuration(durationMs)} · {formatCount(requests.requests)} Sentry
        requests, {formatCount(requests.retries)} retries,{' '}
        {formatCount(requests.rateLimited)} rate-limited,{' '}
        {formatDuration(requests.budgetWaitMs)} waiting for Sentry&apos;s rate
        budget (summed over requests)
      </Typography>
      {byEndpoint.length > 0 && (
        <Typography
          variant="body2"
          color="textSecondary"
          data-testid="sentry-graph-requests-by-endpoint"
        >
          By endpoint:{' '}
          {byEndpoint
            .map(([endpoint, count = 0]) => `${endpoint} ${formatCount(count)}`)
            .join(' · ')}
        </Typography>
      )}
    </>
  );
}

/** The run's kind, why it was of that kind, and what a routine run left out. */
function RunKindPart(props: { run: RunRecord }) {
  const { run } = props;
  const reason = run.result?.kindReason;
  const skipped = run.result?.skipped ?? [];
  if (!run.kind) return null;
  return (
    <section aria-label="Kind of run" style={{ marginTop: 8 }}>
      <Typography variant="body2">
        <RunKindLabel run={run} /> run{reason && `: ${reason}`}
      </Typography>
      {skipped.length > 0 && (
        <Typography variant="body2" component="div" color="textSecondary">
          What this routine run left out, and why:
          <ul style={{ margin: '4px 0', paddingLeft: 20 }}>
            {skipped.map(line => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </Typography>
      )}
    </section>
  );
}

/**
 * One run in full, in a dialog: what it changed, and per organization and
 * kind, what was read, written, deleted or kept, and why.
 */
export function RunDetails(props: { runId: string; onClose: () => void }) {
  const run = useRun(props.runId);
  return (
    <Dialog
      open
      onClose={props.onClose}
      maxWidth="lg"
      fullWidth
      aria-labelledby="sentry-graph-run-details-title"
      data-testid="sentry-graph-run-details"
    >
      <DialogTitle id="sentry-graph-run-details-title">Run details</DialogTitle>
      <DialogContent>
        <RunDetailsBody run={run} />
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}

function RunDetailsBody(props: { run: ReturnType<typeof useRun> }) {
  const { run } = props;
  return (
    <>
      {run.loading && <Progress />}
      {run.error && (
        <ErrorMessage title="The run could not be read" error={run.error} />
      )}
      {run.value && (
        <>
          <Typography variant="body2">
            <RunStatusLabel status={run.value.status} /> · run {run.value.id}
          </Typography>
          {run.value.errorSummary && (
            <Typography
              variant="body2"
              color="textSecondary"
              style={{ whiteSpace: 'pre-wrap' }}
            >
              {run.value.errorSummary}
            </Typography>
          )}
          <RunKindPart run={run.value} />
          <RunChanges runId={run.value.id} />
          {run.value.result ? (
            <>
              <RequestFigures result={run.value.result} />
              {run.value.result.organizations.map(o => (
                <OrganizationKinds
                  key={o.slug}
                  organization={o}
                  runKind={run.value?.result?.kind}
                />
              ))}
              {run.value.result.catalog && (
                <CatalogPart catalog={run.value.result.catalog} />
              )}
            </>
          ) : (
            <Typography variant="body2" color="textSecondary">
              This run has no result yet.
            </Typography>
          )}
        </>
      )}
    </>
  );
}
