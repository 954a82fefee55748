import { describeError } from '../sync/describeError';

/** Who the store talks to, for messages: never the password. */
export interface Neo4jTarget {
  uri: string;
  username: string;
  /** How long one transaction may take (sentryGraph.neo4j.transactionTimeout). */
  transactionTimeoutMs: number;
}

/**
 * Neo4j did not finish a transaction in time, and did not end it either (a
 * frozen server, or a network that holds packets): the client gave up on it.
 */
export class Neo4jStallError extends Error {
  name = 'Neo4jStallError';
}

/**
 * Neo4j did not take a transaction (connect, log in, answer BEGIN) within
 * the short time an API request waits for it: nothing that answers there.
 */
export class Neo4jUnreachableError extends Error {
  name = 'Neo4jUnreachableError';
}

/**
 * The URI as messages may show it: without a user or password, should one
 * have been written into it (the driver takes the login from its own settings).
 */
export function displayUri(uri: string): string {
  return uri.replace(/^([a-z0-9+]+:\/\/)[^@/?#]*@/i, '$1');
}

type Neo4jTrouble = 'login' | 'unreachable' | 'stalled';

/** Why Neo4j cannot be used, when the error says it cannot; undefined for a query's own error. */
function troubleOf(error: unknown): Neo4jTrouble | undefined {
  if (error instanceof Neo4jStallError) return 'stalled';
  if (error instanceof Neo4jUnreachableError) return 'unreachable';
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return undefined;
  if (/^Neo\.ClientError\.Security\./.test(code)) return 'login';
  if (code === 'ServiceUnavailable' || code === 'SessionExpired')
    return 'unreachable';
  // Ended past its timeout; waiting on a lock, it is 'LockClientStopped'.
  if (
    /^Neo\.\w+Error\.Transaction\.(TransactionTimedOut|LockClientStopped)/.test(
      code,
    )
  )
    return 'stalled';
  return undefined;
}

/**
 * Whether the error means Neo4j cannot be used now (wrong login, out of
 * reach, stalled), not that one query was wrong: a run stops then, as
 * every write after it would fail the same way.
 */
export function isNeo4jUnusable(error: unknown): boolean {
  return troubleOf(error) !== undefined;
}

/**
 * One line for the log and the run's history that says what is wrong with
 * Neo4j and which setting to look at, each trouble in its own words.
 */
export function describeNeo4jError(
  error: unknown,
  target: Neo4jTarget,
): string {
  const cause = describeError(error);
  switch (troubleOf(error)) {
    case 'login':
      return (
        `Neo4j at ${target.uri} refused the login of user '${target.username}' (${cause}); ` +
        'check sentryGraph.neo4j.username and sentryGraph.neo4j.password'
      );
    case 'unreachable':
      return (
        `Neo4j at ${target.uri} cannot be reached (${cause}); check sentryGraph.neo4j.uri ` +
        'and that this host can reach it'
      );
    case 'stalled':
      return (
        `Neo4j at ${target.uri} did not finish a transaction within ` +
        `${Math.round(target.transactionTimeoutMs / 1000)} s (${cause}); it may be overloaded ` +
        'or waiting on locks (sentryGraph.neo4j.transactionTimeout)'
      );
    default:
      return cause;
  }
}
