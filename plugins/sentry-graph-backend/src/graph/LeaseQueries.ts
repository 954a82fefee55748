import neo4j, {
  type QueryResult,
  type Record as Neo4jRecord,
} from 'neo4j-driver';
import {
  acquireLeaseStatement,
  readLeaseStatement,
  releaseLeaseStatement,
  renewLeaseStatement,
} from './leaseCypher';
import {
  LEASE_ID,
  LEASE_PROPERTIES as P,
  type LeaseOwner,
  type LeaseState,
} from './leaseSchema';

/** What a lease statement did, and the lease as it left it (none when the node is gone). */
export interface LeaseAnswer {
  done: boolean;
  lease?: LeaseState;
  /** The lease as the statement found it. */
  before?: LeaseState;
}

type Run = (
  cypher: string,
  params: Record<string, unknown>,
) => Promise<QueryResult>;

interface QueryRunner {
  read: Run;
  /** Tried again on Neo4j's transient errors. */
  write: Run;
  /** Tried once, and given up on within seconds. */
  writeOnce: Run;
}

/** The graph's lease (leaseCypher.ts): taken, renewed and released by its token. */
export class LeaseQueries {
  constructor(private readonly runner: QueryRunner) {}

  /**
   * Takes the lease for `holder` if it is free, or held by one of
   * `endedRunIds` (runs its writer knows have ended). Retried on transient
   * errors (two acquirers may deadlock creating it): the run waits for this
   * one.
   */
  async acquire(
    holder: string,
    owner: LeaseOwner,
    ttlMs: number,
    endedRunIds: readonly string[] = [],
  ): Promise<LeaseAnswer> {
    const result = await this.runner.write(acquireLeaseStatement(), {
      id: LEASE_ID,
      holder,
      endedRunIds,
      owner: {
        kind: owner.kind,
        host: owner.host,
        pid: neo4j.int(owner.pid),
        runId: owner.runId ?? null,
      },
      ttlMs: neo4j.int(ttlMs),
    });
    return answerOf(result);
  }

  /**
   * Tried once: a renewal that fails is tried again at the next one, and
   * one must never hang past the lease it renews.
   */
  async renew(holder: string, ttlMs: number): Promise<LeaseAnswer> {
    return answerOf(
      await this.runner.writeOnce(renewLeaseStatement(), {
        id: LEASE_ID,
        holder,
        ttlMs: neo4j.int(ttlMs),
      }),
    );
  }

  /** Tried once: a lease that is not released expires anyway. */
  async release(holder: string): Promise<LeaseAnswer> {
    return answerOf(
      await this.runner.writeOnce(releaseLeaseStatement(), {
        id: LEASE_ID,
        holder,
      }),
    );
  }

  /** The lease as it is; undefined when no writer ever took it. */
  async current(): Promise<LeaseState | undefined> {
    const result = await this.runner.read(readLeaseStatement(), {
      id: LEASE_ID,
    });
    return result.records[0] && stateOf(result.records[0]);
  }
}

function answerOf(result: QueryResult): LeaseAnswer {
  const record = result.records[0];
  if (!record) return { done: false };
  return {
    done: record.get('done') === true,
    lease: stateOf(record),
    before: stateOf(record, 'before'),
  };
}

function stateOf(record: Neo4jRecord, key = 'lease'): LeaseState {
  const now = record.get('now') as number;
  const props = record.get(key) as Record<string, unknown>;
  const text = (name: string) =>
    typeof props[name] === 'string' ? (props[name] as string) : undefined;
  const number = (name: string) =>
    typeof props[name] === 'number' ? (props[name] as number) : undefined;
  const kind = text(P.ownerKind);
  const host = text(P.ownerHost);
  const pid = number(P.ownerPid);
  const runId = text(P.ownerRunId);
  return {
    now,
    holder: text(P.holder),
    owner:
      kind !== undefined && host !== undefined && pid !== undefined
        ? { kind, host, pid, ...(runId !== undefined ? { runId } : {}) }
        : undefined,
    acquiredAt: number(P.acquiredAt),
    renewedAt: number(P.renewedAt),
    expiresAt: number(P.expiresAt),
    releasedAt: number(P.releasedAt),
  };
}
