import type { RunStatus } from '@sentry-graph/plugin-sentry-graph-common';
import type { StatusTone } from '../../lib/cardStatus';
import { RUN_STATUS_LABELS } from '../../lib/labels';
import { ToneIcon } from './ToneIcon';

const TONES: Record<RunStatus, StatusTone> = {
  queued: 'running',
  running: 'running',
  succeeded: 'ok',
  partial: 'warning',
  failed: 'error',
  aborted: 'warning',
};

/** A run's status as an icon and a word. */
export function RunStatusLabel(props: { status: RunStatus }) {
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      <ToneIcon tone={TONES[props.status]} /> {RUN_STATUS_LABELS[props.status]}
    </span>
  );
}
