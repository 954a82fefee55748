import Divider from '@material-ui/core/Divider';
import { useSummary } from '../../hooks/useSummary';
import { useSyncStatus, type SyncStatusState } from '../../hooks/useSyncStatus';
import { isBackendUnreachable } from '../../lib/errors';
import { ErrorMessage } from '../common/ErrorMessage';
import { CatalogSummaryView } from './CatalogSummaryView';
import { FullRunTiming } from './FullRunTiming';
import { LastRunOutcome } from './LastRunOutcome';
import { OrganizationSummaryView } from './OrganizationSummaryView';
import { RunProgress } from './RunProgress';
import { SinceYesterday } from './SinceYesterday';
import { StatusLine } from './StatusLine';
import { BackendUnreachable } from './states/BackendUnreachable';
import { DatabaseUnreachable } from './states/DatabaseUnreachable';
import { FirstSyncPending } from './states/FirstSyncPending';
import { LoadingState } from './states/LoadingState';
import { Neo4jUnreachable } from './states/Neo4jUnreachable';
import { StatusError } from './states/StatusError';
import { SyncNowButton } from './SyncNowButton';

/** Why the last poll failed: no answer at all, or an error answer. */
function PollError(props: { error: unknown }) {
  return isBackendUnreachable(props.error) ? (
    <BackendUnreachable error={props.error} />
  ) : (
    <StatusError error={props.error} />
  );
}

/**
 * The card's body, polling the status itself. Also the home page widget's
 * content.
 */
export function SentryGraphStatusContent() {
  return <SentryGraphStatusView state={useSyncStatus()} />;
}

/**
 * The card's body for a polled status: the sync's status, the run in
 * progress, the last run's outcome, "Sync now", what changed since
 * yesterday and, per organization, the graph's figures and findings.
 */
export function SentryGraphStatusView(props: { state: SyncStatusState }) {
  const { status, health, error, loading, refresh } = props.state;
  const neo4jDown = health?.neo4j.reachable === false;
  // An older backend says nothing of its database.
  const databaseDown = health?.database?.reachable === false;
  // New figures once a run finishes: the summary is read again per finished
  // run. The backend serves stored figures, so they show while Neo4j is down.
  const summary = useSummary(status?.lastRun?.id, status !== undefined);

  if (loading) return <LoadingState />;
  // /status answers 503 while the plugin's database is down: say why instead.
  const pollError = databaseDown ? (
    <DatabaseUnreachable />
  ) : (
    error !== undefined && <PollError error={error} />
  );
  if (!status) return <>{pollError}</>;

  // A poll that failed after good ones: say so above the last status read.
  const { currentRun, lastRun } = status;
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
      {pollError}
      {neo4jDown && <Neo4jUnreachable />}
      {!lastRun && !currentRun ? (
        <FirstSyncPending nextRunAt={status.nextRunAt} />
      ) : (
        <div>
          <StatusLine status={status} />
          <FullRunTiming status={status} />
        </div>
      )}
      {currentRun && (
        <RunProgress run={currentRun} progress={status.progress} />
      )}
      {lastRun && <LastRunOutcome run={lastRun} />}
      <div>
        <SyncNowButton
          runActive={currentRun !== undefined}
          onRequested={refresh}
        />
      </div>
      {lastRun && (
        <div>
          <Divider style={{ marginBottom: 12 }} />
          <SinceYesterday version={lastRun.id} />
        </div>
      )}
      {summary.error && (
        <ErrorMessage
          title="The graph summary could not be read"
          error={summary.error}
        />
      )}
      {summary.value?.organizations.map(organization => (
        <div key={organization.organization.id}>
          <Divider style={{ marginBottom: 12 }} />
          <OrganizationSummaryView summary={organization} />
        </div>
      ))}
      {summary.value?.catalog && (
        <div>
          <Divider style={{ marginBottom: 12 }} />
          <CatalogSummaryView summary={summary.value.catalog} />
        </div>
      )}
    </div>
  );
}
