import type { LoggerService } from '@backstage/backend-plugin-api';
import { ServiceUnavailableError } from '@backstage/errors';
import type { Reachability } from '@sentry-graph/plugin-sentry-graph-common';
import { describeError } from '../sync/describeError';
import { isDatabaseUnreachable } from './databaseErrors';

const RESTART_ADVICE =
  "Backstage's database service does not connect again after its first " +
  'attempt failed: restart the backend once the database answers, or set ' +
  'backend.database.ensureExists to false (with the database created beforehand) ' +
  'so that the plugin comes up by itself';

/** How long /health waits for the database's answer. */
const HEALTH_PROBE_MS = 2_000;
/** How long the backend's start waits for the first attempt to open. */
const FIRST_ATTEMPT_WAIT_MS = 10_000;
/** How often opening is tried again while the database does not answer. */
const RETRY_MS = [1_000, 2_000, 5_000, 10_000, 30_000];

/** What /health says about the plugin's database (the error's name only: /health answers without credentials). */
export type DatabaseHealth = Reachability;

/**
 * The parts of the plugin that live in its own database (run history,
 * stored summaries, the schedule), opened in the background: the backend
 * starts and /health answers while the database is down, the routes that
 * need it answer 503 saying why, and everything comes up once it answers,
 * without a restart.
 */
export class DatabaseBackedServices<T> {
  private services: T | undefined;
  private lastError: unknown;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  /** Whether Backstage's database service will not try to connect again. */
  private stuck = false;

  constructor(
    private readonly options: {
      open: () => Promise<T>;
      /** Resolves when the open database answers a query. */
      probe: (services: T) => Promise<void>;
      logger: LoggerService;
    },
  ) {}

  /**
   * Starts opening; resolves once the first attempt ended, however it ended,
   * or after `waitMs`: a database that neither answers nor refuses (a host
   * that drops packets) must not hold the backend's start for long.
   */
  async start(waitMs = FIRST_ATTEMPT_WAIT_MS): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.attempt(0),
      new Promise(resolve => {
        timer = setTimeout(resolve, waitMs);
      }),
    ]);
    clearTimeout(timer);
  }

  /** The services, or a 503 that says why they are not there. */
  get(): T {
    if (this.services) return this.services;
    if (this.lastError === undefined)
      throw new ServiceUnavailableError(
        "The plugin's database is being opened; try again in a moment",
      );
    const next = this.stuck
      ? RESTART_ADVICE
      : 'the plugin keeps trying and comes up once it does';
    throw new ServiceUnavailableError(
      `The plugin's database does not answer (${describeError(this.lastError)}); ${next}`,
    );
  }

  /**
   * Runs `work` with the services. A database that stopped answering since
   * it was opened (down, restarting) is a 503 that says so, not a 500.
   */
  async use<R>(work: (services: T) => Promise<R>): Promise<R> {
    const services = this.get();
    try {
      return await work(services);
    } catch (error) {
      if (!isDatabaseUnreachable(error)) throw error;
      throw new ServiceUnavailableError(
        `The plugin's database does not answer (${describeError(error)}); try again later`,
      );
    }
  }

  /** The services if they are open. */
  get current(): T | undefined {
    return this.services;
  }

  /** Whether the database answers now (asked, with a bound on the wait, once it is open). */
  async health(): Promise<DatabaseHealth> {
    const services = this.services;
    if (!services) return unreachable(this.lastError);
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.options.probe(services),
        new Promise((_, reject) => {
          timer = setTimeout(
            () => reject(new Error('no answer in time')),
            HEALTH_PROBE_MS,
          );
        }),
      ]);
      return { reachable: true };
    } catch (error) {
      return unreachable(error);
    } finally {
      clearTimeout(timer);
    }
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private async attempt(failures: number): Promise<void> {
    if (this.stopped) return;
    try {
      this.services = await this.options.open();
      if (failures > 0)
        this.options.logger.info(
          "The plugin's database answers again: run history and schedule are up",
        );
    } catch (error) {
      // Said once per outage, at warn: the backend still runs without it.
      if (failures === 0)
        this.options.logger.warn(
          `The plugin's database does not answer: ${describeError(error)}. ` +
            '/health still answers; run history, summaries and the schedule come up once it does.',
        );
      // Backstage's database service keeps a failed first connection (with
      // its default `ensureExists`) and hands back the very same error.
      if (error === this.lastError && !this.stuck) {
        this.stuck = true;
        this.options.logger.error(
          `The plugin's database cannot come up: ${RESTART_ADVICE}`,
        );
      }
      this.lastError = error;
      const delay = RETRY_MS[Math.min(failures, RETRY_MS.length - 1)];
      this.timer = setTimeout(() => void this.attempt(failures + 1), delay);
      this.timer.unref();
    }
  }
}

function unreachable(error: unknown): DatabaseHealth {
  // Duck-typed: the driver's errors may come from another realm.
  const name = (error as { name?: unknown } | undefined)?.name;
  return {
    reachable: false,
    ...(typeof name === 'string' ? { error: name } : {}),
  };
}
