import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  sentryGraphSyncRunPermission,
  type SyncRunKind,
} from '@sentry-graph/plugin-sentry-graph-common';
import { useState } from 'react';
import { sentryGraphApiRef } from '../../api';
import { errorMessage, retryAfterSeconds, statusOf } from '../../lib/errors';

type Outcome = { tone: 'info' | 'error'; text: string };

/** Why a refused request was refused, in the words of the API's answers. */
function refusal(error: unknown): Outcome {
  switch (statusOf(error)) {
    case 409:
      return { tone: 'info', text: 'A sync is already in progress.' };
    case 429: {
      const seconds = retryAfterSeconds(error);
      return {
        tone: 'info',
        text: seconds
          ? `A manual sync ran a short while ago; try again in ${seconds} s.`
          : 'A manual sync ran a short while ago; try again later.',
      };
    }
    case 403:
      return { tone: 'error', text: 'You are not allowed to start a sync.' };
    default:
      return {
        tone: 'error',
        text: `The sync could not be started: ${errorMessage(error)}`,
      };
  }
}

/** What each button asks for, and what it says once the request is taken. */
const REQUESTS: ReadonlyArray<{
  mode: SyncRunKind;
  label: string;
  title: string;
  requested: string;
}> = [
  {
    mode: 'full',
    label: 'Sync now',
    title:
      'A full run: reads every listing, and removes what Sentry no longer has',
    requested: 'Sync requested.',
  },
  {
    mode: 'routine',
    label: 'Routine run now',
    title:
      'A routine run: reads only what can have changed, a fraction of the requests; deletes nothing',
    requested: 'Routine run requested.',
  },
];

/**
 * "Sync now" (a full run) and "Routine run now", shown only to people who
 * hold sentry-graph.sync.run. They are disabled while a run is queued or
 * running; `onRequested` lets the card poll at once so the new run's
 * progress shows without a reload.
 */
export function SyncNowButton(props: {
  runActive: boolean;
  onRequested: () => void;
}) {
  const api = useApi(sentryGraphApiRef);
  const { allowed } = usePermission({
    permission: sentryGraphSyncRunPermission,
  });
  const [sending, setSending] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();
  if (!allowed) return null;

  const requestSync = async (request: (typeof REQUESTS)[number]) => {
    setSending(true);
    setOutcome(undefined);
    try {
      await api.requestSync({ mode: request.mode });
      setOutcome({ tone: 'info', text: request.requested });
    } catch (error) {
      setOutcome(refusal(error));
    } finally {
      setSending(false);
      props.onRequested();
    }
  };

  return (
    <div
      style={{
        display: 'flex',
        alignItems: 'center',
        gap: 12,
        flexWrap: 'wrap',
      }}
    >
      {REQUESTS.map((request, index) => (
        <Button
          key={request.mode}
          variant={index === 0 ? 'contained' : 'outlined'}
          color="primary"
          size="small"
          title={request.title}
          disabled={props.runActive || sending}
          onClick={() => requestSync(request)}
        >
          {request.label}
        </Button>
      ))}
      {outcome && (
        <Typography
          variant="body2"
          role={outcome.tone === 'error' ? 'alert' : 'status'}
          color={outcome.tone === 'error' ? 'error' : 'textSecondary'}
        >
          {outcome.text}
        </Typography>
      )}
    </div>
  );
}
