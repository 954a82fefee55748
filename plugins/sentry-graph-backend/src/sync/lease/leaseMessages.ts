/*
 * What runs say about the graph's lease, in the run's result, the run
 * history and the command line's output: who holds it (what it is, host,
 * pid, run) and until when, never anything secret.
 */
import type { LeaseState } from '../../graph/leaseSchema';

const KIND_NAMES: Readonly<Record<string, string>> = {
  plugin: 'the Backstage plugin',
  cli: 'the command line',
  bench: 'the benchmark',
};

/** Why a run stopped holding the lease before its end. */
export type LeaseLoss =
  | { reason: 'taken'; lease: LeaseState }
  | { reason: 'gone' }
  | { reason: 'unrenewed'; error?: string; forMs: number };

/**
 * e.g. "the command line on build-7 (pid 4242, run 9f…) since
 * 2026-05-02T10:00:00.000Z; its lease expires at 2026-05-02T10:01:00.000Z
 * (in 42 s) unless renewed".
 */
export function describeHolder(lease: LeaseState): string {
  const owner = lease.owner;
  const who = owner
    ? `${KIND_NAMES[owner.kind] ?? owner.kind} on ${owner.host} (pid ${owner.pid}${owner.runId ? `, run ${owner.runId}` : ''})`
    : 'an unknown writer';
  const since =
    lease.acquiredAt !== undefined ? ` since ${iso(lease.acquiredAt)}` : '';
  const expiry =
    lease.expiresAt !== undefined
      ? `; its lease expires at ${iso(lease.expiresAt)} (in ${seconds(lease.expiresAt - lease.now)}) unless renewed`
      : '';
  return `${who}${since}${expiry}`;
}

/** A run that did not get the lease: it wrote nothing. */
export function busyMessage(
  lease: LeaseState | undefined,
  /** How long the run waited for it; undefined when it was not to wait. */
  waitedMs: number | undefined,
): string {
  const holder = lease ? describeHolder(lease) : 'an unknown writer';
  const waited =
    waitedMs !== undefined ? `, still after waiting ${seconds(waitedMs)}` : '';
  return (
    `Another writer holds the graph's lease${waited}: ${holder}. ` +
    'This run wrote nothing, so that the two do not interleave'
  );
}

/** A run aborted while it waited for another writer's lease. */
export function abortedWaitMessage(lease: LeaseState | undefined): string {
  return (
    `Aborted while waiting for the graph's lease, held by ${lease ? describeHolder(lease) : 'an unknown writer'}. ` +
    'This run wrote nothing'
  );
}

/** A run that stopped holding the lease before its end. */
export function lostMessage(loss: LeaseLoss): string {
  const stopped = 'The run stopped there, and deleted nothing after that';
  if (loss.reason === 'taken') {
    return `The run lost the graph's lease to ${describeHolder(loss.lease)}. ${stopped}`;
  }
  if (loss.reason === 'gone') {
    return `The graph's lease was released or removed by someone else during the run. ${stopped}`;
  }
  return (
    `The run could not renew the graph's lease for ${seconds(loss.forMs)}` +
    `${loss.error ? ` (${loss.error})` : ''}, so another writer could soon take it. ${stopped}`
  );
}

function iso(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

function seconds(ms: number): string {
  return `${Math.max(0, Math.round(ms / 1000))} s`;
}
