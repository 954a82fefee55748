import { InfoCard } from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import { useSyncStatus } from '../../hooks/useSyncStatus';
import { ChangeList } from '../ChangeHistory';
import { RunHistory } from '../RunHistory';
import { SentryGraphStatusView } from '../SentryGraphStatusCard';

/**
 * The page's content: the status card, the run history, then the change
 * list. One status poll serves them all, so the history shows a new run,
 * and the list its changes, as soon as the card does.
 */
export function SentryGraphContent() {
  const state = useSyncStatus();
  const { currentRun, lastRun } = state.status ?? {};
  const historyVersion = `${currentRun?.id}:${currentRun?.status}:${lastRun?.id}`;
  return (
    <Grid container spacing={3}>
      <Grid item xs={12} lg={5}>
        <InfoCard title="Sentry graph" variant="gridItem">
          <SentryGraphStatusView state={state} />
        </InfoCard>
      </Grid>
      <Grid item xs={12} lg={7}>
        <RunHistory version={historyVersion} />
      </Grid>
      <Grid item xs={12}>
        <ChangeList version={lastRun?.id} />
      </Grid>
    </Grid>
  );
}
