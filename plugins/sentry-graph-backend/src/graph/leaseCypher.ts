/*
 * The lease's statements, generated from leaseSchema.ts. Each is one
 * transaction that first takes the lease node's write lock (by setting a
 * property it removes again), then reads the node and changes it only if
 * what it read allows: under concurrent writers, Neo4j's read-committed
 * reads would otherwise let two of them read "free" before either wrote.
 * Parameters: $id, $holder, and $ttlMs, $owner and $endedRunIds where
 * they are used. Every statement that changes it returns `done`, Neo4j's
 * `now`, and the node's properties after and `before`.
 */
import { quote } from './cypher';
import {
  LEASE_LABEL,
  LEASE_LOCK_PROPERTY,
  LEASE_PROPERTIES as P,
} from './leaseSchema';

const property = (name: string) => `l.${quote(name)}`;

const lockFirst = [
  `SET ${property(LEASE_LOCK_PROPERTY)} = true`,
  'WITH l, timestamp() AS now',
];

/**
 * `assignments` only where `condition` holds; the lock is let go either
 * way. Returns the lease as it was before, too.
 */
function setWhen(condition: string, assignments: string[]): string[] {
  return [
    `WITH l, now, ${condition} AS done, properties(l) AS before`,
    `FOREACH (_ IN CASE WHEN done THEN [1] ELSE [] END |`,
    `  SET ${assignments.join(',\n      ')})`,
    `REMOVE ${property(LEASE_LOCK_PROPERTY)}`,
    'RETURN done, now, properties(l) AS lease, before',
  ];
}

const isMine = `coalesce(${property(P.holder)} = $holder, false)`;

/**
 * Takes the lease when it is free: never held, released, or expired (its
 * holder stopped renewing it: crashed, killed, cut off), or held by one of
 * $endedRunIds, runs that the writer's own history says have ended (one
 * that could not release it: Neo4j gone at its end, its process killed).
 * Creates the node the first time; the uniqueness constraint on its id
 * makes concurrent creations meet on one node.
 */
export function acquireLeaseStatement(): string {
  return [
    `MERGE (l:${quote(LEASE_LABEL)} {id: $id})`,
    ...lockFirst,
    ...setWhen(
      [
        `${property(P.holder)} IS NULL`,
        `coalesce(${property(P.expiresAt)}, 0) <= now`,
        `coalesce(${property(P.ownerRunId)} IN $endedRunIds, false)`,
      ].join(' OR '),
      [
        `${property(P.holder)} = $holder`,
        `${property(P.ownerKind)} = $owner.kind`,
        `${property(P.ownerHost)} = $owner.host`,
        `${property(P.ownerPid)} = $owner.pid`,
        // null removes it: a run id from the holder before does not linger.
        `${property(P.ownerRunId)} = $owner.runId`,
        `${property(P.acquiredAt)} = now`,
        `${property(P.renewedAt)} = now`,
        `${property(P.expiresAt)} = now + $ttlMs`,
        `${property(P.releasedAt)} = null`,
      ],
    ),
  ].join('\n');
}

/**
 * Pushes the expiry out, only for its holder. An expired lease that nobody
 * took is still the holder's: no other writer can have written meanwhile.
 * Returns no row when the node is gone.
 */
export function renewLeaseStatement(): string {
  return [
    `MATCH (l:${quote(LEASE_LABEL)} {id: $id})`,
    ...lockFirst,
    ...setWhen(isMine, [
      `${property(P.renewedAt)} = now`,
      `${property(P.expiresAt)} = now + $ttlMs`,
    ]),
  ].join('\n');
}

/**
 * Frees the lease, only for its holder, and keeps who held it last for
 * whoever looks. Returns no row when the node is gone.
 */
export function releaseLeaseStatement(): string {
  return [
    `MATCH (l:${quote(LEASE_LABEL)} {id: $id})`,
    ...lockFirst,
    ...setWhen(isMine, [
      `${property(P.holder)} = null`,
      `${property(P.expiresAt)} = now`,
      `${property(P.releasedAt)} = now`,
    ]),
  ].join('\n');
}

/** The lease as it is, without changing it. */
export function readLeaseStatement(): string {
  return [
    `MATCH (l:${quote(LEASE_LABEL)} {id: $id})`,
    'RETURN timestamp() AS now, properties(l) AS lease',
  ].join('\n');
}
