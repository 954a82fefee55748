import type { RunSummary } from '@sentry-graph/plugin-sentry-graph-common';
import { RUN_KIND_LABELS } from '../../lib/labels';

/**
 * A run's kind as a word, and the kind asked for where the run was of
 * another (a routine run the engine ran full). Nothing for a run from an
 * older backend, which says no kind.
 */
export function RunKindLabel(props: {
  run: Pick<RunSummary, 'kind' | 'requestedKind'>;
}) {
  const { kind, requestedKind } = props.run;
  if (!kind) return null;
  return (
    <span>
      <span style={{ whiteSpace: 'nowrap' }}>{RUN_KIND_LABELS[kind]}</span>
      {requestedKind && requestedKind !== kind && (
        <span style={{ whiteSpace: 'nowrap' }}>
          {' '}
          (asked: {RUN_KIND_LABELS[requestedKind].toLowerCase()})
        </span>
      )}
    </span>
  );
}
