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

export interface Neo4jConnectionOptions {
  uri: string;
  username: string;
  password: string;
  database?: string;
  /**
   * The longest one transaction may run; Neo4j ends it then. The driver
   * retries transient failures (a restart, a deadlock) for as long again.
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
        // A restart of a few seconds is waited out; a Neo4j gone longer fails the write.
        maxTransactionRetryTime:
          options.transactionTimeoutMs ?? DEFAULT_TRANSACTION_TIMEOUT_MS,
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
    const session = this.session(neo4j.session.READ);
    await this.watched(session, () =>
      session.run('RETURN 1 AS ok', {}, this.transactionConfig()),
    );
  }

  async read(
    cypher: string,
    params: Record<string, unknown> = {},
  ): Promise<QueryResult> {
    const session = this.session(neo4j.session.READ);
    return this.watched(session, () =>
      session.executeRead(
        tx => tx.run(cypher, params),
        this.transactionConfig(),
      ),
    );
  }

  /** A managed transaction: Neo4j's transient errors (deadlocks) are retried. */
  async write(
    cypher: string,
    params: Record<string, unknown>,
  ): Promise<QueryResult> {
    const session = this.session(neo4j.session.WRITE);
    return this.watched(session, () =>
      session.executeWrite(
        tx => tx.run(cypher, params),
        this.transactionConfig(),
      ),
    );
  }

  private session(defaultAccessMode: 'READ' | 'WRITE'): Session {
    return this.driver.session({ database: this.database, defaultAccessMode });
  }

  private transactionConfig() {
    return { timeout: this.target.transactionTimeoutMs };
  }

  /**
   * Runs one session's work and closes the session. The work is given up
   * once it outlasts its timeout and retries (a frozen server does not end
   * it), and the session left to the driver. Failures that mean Neo4j
   * cannot be used are told to the listeners.
   */
  private async watched<T>(
    session: Session,
    work: () => Promise<T>,
  ): Promise<T> {
    const limitMs = 2 * this.target.transactionTimeoutMs + STALL_MARGIN_MS;
    let timer: NodeJS.Timeout | undefined;
    let stalled = false;
    try {
      return await Promise.race([
        work(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => {
            stalled = true;
            reject(
              new Neo4jStallError(
                `no answer within ${Math.round(limitMs / 1000)} s`,
              ),
            );
          }, limitMs);
        }),
      ]);
    } catch (error) {
      if (isNeo4jUnusable(error))
        for (const listener of this.unusableListeners) listener(error);
      throw error;
    } finally {
      clearTimeout(timer);
      // Closing waits for the server: not for a frozen one.
      if (stalled) void session.close().catch(() => undefined);
      else await session.close();
    }
  }
}
