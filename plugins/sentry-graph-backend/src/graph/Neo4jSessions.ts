import neo4j, {
  type Driver,
  type QueryResult,
  type Session,
} from 'neo4j-driver';
import {
  describeNeo4jError,
  displayUri,
  isNeo4jUnusable,
  Neo4jStallError,
  Neo4jUnreachableError,
  type Neo4jTarget,
} from './neo4jErrors';
import { withTransientRetries } from './transientRetries';

export interface Neo4jConnectionOptions {
  uri: string;
  username: string;
  password: string;
  database?: string;
  /**
   * The longest one transaction may run; Neo4j ends it then.
   * Transient failures (a restart, a deadlock) are retried for as long again.
   * Default 2 minutes.
   */
  transactionTimeoutMs?: number;
}

export const DEFAULT_TRANSACTION_TIMEOUT_MS = 2 * 60_000;
/** Past its timeout and retries, how long a transaction may still take before the client gives up. */
const STALL_MARGIN_MS = 5_000;
/**
 * How long a read for an API request waits for Neo4j to take its
 * transaction (a connection, the login, BEGIN answered) before it calls
 * Neo4j unreachable. The driver's own limits (15 s to connect, 30 s for a
 * connection from the pool) are the sync's, which waits out a restart; a
 * person waiting on a page should learn within seconds. Once the
 * transaction is taken, the query has the transaction timeout as any other.
 */
export const REQUEST_CONNECT_TIMEOUT_MS = 3_000;

/** Reads of the graph, as the summary and entity reads take them. */
export interface GraphReader {
  read(cypher: string, params?: Record<string, unknown>): Promise<QueryResult>;
}

interface WatchOptions {
  /** Whether transient failures are tried again (for the transaction timeout). */
  retry: boolean;
  /** Whether a failure that shows Neo4j cannot be used is told to the listeners. */
  tell: boolean;
  /** When set, Neo4j must take the transaction within this long (see `inTransaction`). */
  connectWithinMs?: number;
}

/** What a unit of work gets: its session, and `connected` to call once Neo4j took its transaction. */
type Work<T> = (session: Session, connected: () => void) => Promise<T>;

/**
 * Reads and writes in Neo4j, each in a session of its own, bounded in time:
 * Neo4j ends a transaction past its timeout, and a server too frozen to do
 * so is given up on. Whoever listens learns when Neo4j cannot be used.
 */
export class Neo4jSessions {
  private readonly unusableListeners = new Set<(error: unknown) => void>();
  private readonly target: Neo4jTarget;
  private readonly database?: string;

  constructor(
    private readonly driver: Driver,
    connection: Omit<Neo4jConnectionOptions, 'password'>,
  ) {
    this.target = {
      uri: displayUri(connection.uri),
      username: connection.username,
      transactionTimeoutMs:
        connection.transactionTimeoutMs ?? DEFAULT_TRANSACTION_TIMEOUT_MS,
    };
    this.database = connection.database;
  }

  /** Creates a driver whose integers come back as JavaScript numbers. */
  static createDriver(options: Neo4jConnectionOptions): Driver {
    return neo4j.driver(
      options.uri,
      neo4j.auth.basic(options.username, options.password),
      {
        disableLosslessIntegers: true,
        // Fail fast when Neo4j is down instead of hanging a run for minutes.
        connectionAcquisitionTimeout: 30_000,
        connectionTimeout: 15_000,
        userAgent: 'sentry-graph/0.1',
      },
    );
  }

  /**
   * Reads for the REST API: one attempt each, no retries, and Neo4j
   * unreachable (Neo4jUnreachableError) when it does not take the
   * transaction within REQUEST_CONNECT_TIMEOUT_MS. Their failures are not
   * told to the listeners: a run in progress decides by its own writes,
   * which wait out what a page's read does not.
   */
  readonly requestReads: GraphReader & {
    /** /health's probe: resolves when Neo4j answers, within the same bound. */
    verify(): Promise<void>;
  } = {
    read: (cypher, params = {}) =>
      this.once(neo4j.session.READ, cypher, params),
    verify: async () => {
      await this.requestReads.read('RETURN 1 AS ok');
    },
  };

  /** What is wrong with Neo4j, in words that name the setting to check. */
  describeError(error: unknown): string {
    return describeNeo4jError(error, this.target);
  }

  /**
   * Calls `listener` whenever a query fails because Neo4j cannot be used
   * (login refused, out of reach, stalled); returns the unsubscribe.
   */
  onUnusable(listener: (error: unknown) => void): () => void {
    this.unusableListeners.add(listener);
    return () => this.unusableListeners.delete(listener);
  }

  /**
   * Resolves when Neo4j answers a query; rejects with the driver's error
   * otherwise. One attempt, not a retried transaction: a health check and a
   * run's first step should learn at once that Neo4j is down.
   */
  async verify(): Promise<void> {
    await this.watched(
      neo4j.session.READ,
      session => session.run('RETURN 1 AS ok', {}, this.transactionConfig()),
      { retry: false, tell: true },
    );
  }

  async read(
    cypher: string,
    params: Record<string, unknown> = {},
  ): Promise<QueryResult> {
    return this.query(neo4j.session.READ, cypher, params);
  }

  /** One transaction; Neo4j's transient errors (deadlocks, restarts) are retried. */
  async write(
    cypher: string,
    params: Record<string, unknown>,
  ): Promise<QueryResult> {
    return this.query(neo4j.session.WRITE, cypher, params);
  }

  /**
   * One short write, tried once and given up on when Neo4j does not take
   * its transaction within REQUEST_CONNECT_TIMEOUT_MS: the graph lease's
   * renewals and release, which must never outlast the lease. Failures are
   * not told to the listeners: the lease's keeper decides by its expiry.
   */
  async writeOnce(
    cypher: string,
    params: Record<string, unknown>,
  ): Promise<QueryResult> {
    return this.once(neo4j.session.WRITE, cypher, params);
  }

  /** One attempt, bounded as `requestReads` and `writeOnce` say, told to no listener. */
  private once(
    accessMode: 'READ' | 'WRITE',
    cypher: string,
    params: Record<string, unknown>,
  ): Promise<QueryResult> {
    return this.watched(
      accessMode,
      (session, connected) =>
        this.inTransaction(session, connected, cypher, params),
      {
        retry: false,
        tell: false,
        connectWithinMs: REQUEST_CONNECT_TIMEOUT_MS,
      },
    );
  }

  /**
   * An auto-commit query in a session of its own, tried again on transient
   * errors for as long as a transaction may run (see transientRetries.ts
   * for why not the driver's managed transactions).
   */
  private query(
    accessMode: 'READ' | 'WRITE',
    cypher: string,
    params: Record<string, unknown>,
  ): Promise<QueryResult> {
    return this.watched(
      accessMode,
      session => session.run(cypher, params, this.transactionConfig()),
      { retry: true, tell: true },
    );
  }

  /**
   * `cypher` in an explicit transaction: BEGIN is answered on its own
   * (when `connected` is called) before the query is sent, which costs a
   * round trip but tells a Neo4j that does not take the transaction from a
   * query that takes its time.
   */
  private async inTransaction(
    session: Session,
    connected: () => void,
    cypher: string,
    params: Record<string, unknown>,
  ): Promise<QueryResult> {
    const tx = await session.beginTransaction(this.transactionConfig());
    connected();
    const result = await tx.run(cypher, params);
    await tx.commit();
    return result;
  }

  private session(defaultAccessMode: 'READ' | 'WRITE'): Session {
    return this.driver.session({ database: this.database, defaultAccessMode });
  }

  private transactionConfig() {
    return { timeout: this.target.transactionTimeoutMs };
  }

  /**
   * Runs work in a session of its own, and closes the session; with `retry`,
   * transient failures are tried again in a new one. The whole is given up
   * once it outlasts its timeout and retries (a frozen server does not end
   * it), and with `connectWithinMs` once Neo4j has not taken the
   * transaction by then; the session is then left to the driver. With
   * `tell`, failures that mean Neo4j cannot be used are told to the
   * listeners.
   */
  private async watched<T>(
    accessMode: 'READ' | 'WRITE',
    work: Work<T>,
    { retry, tell, connectWithinMs }: WatchOptions,
  ): Promise<T> {
    const timeoutMs = this.target.transactionTimeoutMs;
    const limitMs = 2 * timeoutMs + STALL_MARGIN_MS;
    let givenUp: Error | undefined;
    let current: Session | undefined;
    let rejectNow: (error: Error) => void = () => undefined;
    const deadline = new Promise<never>((_, reject) => {
      rejectNow = reject;
    });
    const giveUp = (error: Error) => {
      givenUp = error;
      void current?.close().catch(() => undefined);
      rejectNow(error);
    };
    const stallTimer = setTimeout(
      () =>
        giveUp(
          new Neo4jStallError(
            `no answer within ${Math.round(limitMs / 1000)} s`,
          ),
        ),
      limitMs,
    );
    const connectTimer =
      connectWithinMs === undefined
        ? undefined
        : setTimeout(
            () =>
              giveUp(
                new Neo4jUnreachableError(
                  `no transaction taken within ${connectWithinMs / 1000} s`,
                ),
              ),
            connectWithinMs,
          );
    const attempt = async () => {
      // Given up on: no retry after that opens another session.
      if (givenUp) throw givenUp;
      const session = this.session(accessMode);
      current = session;
      try {
        return await work(session, () => clearTimeout(connectTimer));
      } finally {
        // Closing waits for the server: not for a frozen or unreachable one.
        if (!givenUp) await session.close();
      }
    };
    try {
      return await Promise.race([
        retry ? withTransientRetries(attempt, timeoutMs) : attempt(),
        deadline,
      ]);
    } catch (error) {
      if (tell && isNeo4jUnusable(error))
        for (const listener of this.unusableListeners) listener(error);
      throw error;
    } finally {
      clearTimeout(stallTimer);
      clearTimeout(connectTimer);
    }
  }
}
