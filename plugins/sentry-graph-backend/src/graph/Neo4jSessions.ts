import neo4j, {
  type Driver,
  type QueryResult,
  type Session,
} from 'neo4j-driver';
import {
  describeNeo4jError,
  isNeo4jUnusable,
  Neo4jStallError,
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
      uri: connection.uri,
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
      { retry: false },
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
      { retry: true },
    );
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
   * it), and the session left to the driver. Failures that mean Neo4j
   * cannot be used are told to the listeners.
   */
  private async watched<T>(
    accessMode: 'READ' | 'WRITE',
    work: (session: Session) => Promise<T>,
    { retry }: { retry: boolean },
  ): Promise<T> {
    const timeoutMs = this.target.transactionTimeoutMs;
    const limitMs = 2 * timeoutMs + STALL_MARGIN_MS;
    let timer: NodeJS.Timeout | undefined;
    let stalled = false;
    let current: Session | undefined;
    const stallError = () =>
      new Neo4jStallError(`no answer within ${Math.round(limitMs / 1000)} s`);
    const attempt = async () => {
      // Given up on: no retry after that opens another session.
      if (stalled) throw stallError();
      const session = this.session(accessMode);
      current = session;
      try {
        return await work(session);
      } finally {
        // Closing waits for the server: not for a frozen one.
        if (!stalled) await session.close();
      }
    };
    try {
      return await Promise.race([
        retry ? withTransientRetries(attempt, timeoutMs) : attempt(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => {
            stalled = true;
            void current?.close().catch(() => undefined);
            reject(stallError());
          }, limitMs);
        }),
      ]);
    } catch (error) {
      if (isNeo4jUnusable(error))
        for (const listener of this.unusableListeners) listener(error);
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }
}
