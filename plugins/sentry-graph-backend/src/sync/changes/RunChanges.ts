import type { GraphChange } from '@sentry-graph/plugin-sentry-graph-common';
import { OrganizationChanges } from './OrganizationChanges';

/** A change as the engine records it; the history gives it its id, run and time. */
export type RecordedChange = Omit<GraphChange, 'id' | 'runId' | 'recordedAt'>;

/** Changes handed on at once: a structured-clone message from the worker each. */
const CHANGES_PER_HANDOFF = 200;

/**
 * The changes of one run, handed on in small batches as the writes that
 * made them commit: memory holds a batch, whatever the run changes.
 */
export class RunChanges {
  private buffer: RecordedChange[] = [];

  constructor(
    private readonly onChanges: (changes: RecordedChange[]) => void,
  ) {}

  /** The sink of one organization's writes; `importing`: its first run. */
  forOrganization(
    organization: { id: string; slug: string },
    importing: boolean,
  ): OrganizationChanges {
    return new OrganizationChanges(this, organization, importing);
  }

  push(change: RecordedChange): void {
    this.buffer.push(change);
    if (this.buffer.length >= CHANGES_PER_HANDOFF) this.flush();
  }

  /** Hands on what is buffered; the run calls it once more at its end. */
  flush(): void {
    if (this.buffer.length === 0) return;
    const batch = this.buffer;
    this.buffer = [];
    this.onChanges(batch);
  }
}
