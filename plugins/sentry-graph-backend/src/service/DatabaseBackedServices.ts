import type { LoggerService } from '@backstage/backend-plugin-api';
import { ServiceUnavailableError } from '@backstage/errors';
import { describeError } from '../sync/describeError';

/** How long the backend's start waits for the first attempt to open. */
const FIRST_ATTEMPT_WAIT_MS = 10_000;
/** How often opening is tried again while the database does not answer. */
const RETRY_MS = [1_000, 2_000, 5_000, 10_000, 30_000];

/** What /health says about the plugin's database. */
export interface DatabaseHealth {
  reachable: boolean;
  /** The error's name only: /health answers without credentials. */
  error?: string;
}

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

  constructor(
    private readonly open: () => Promise<T>,
    private readonly logger: LoggerService,
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
    throw new ServiceUnavailableError(
      this.lastError === undefined
        ? "The plugin's database is being opened; try again in a moment"
        : `The plugin's database does not answer (${describeError(this.lastError)}); ` +
            'the plugin keeps trying and comes up once it does',
    );
  }

  /** The services if they are open. */
  get current(): T | undefined {
    return this.services;
  }

  health(): DatabaseHealth {
    if (this.services) return { reachable: true };
    return {
      reachable: false,
      ...(this.lastError instanceof Error
        ? { error: this.lastError.name }
        : {}),
    };
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private async attempt(failures: number): Promise<void> {
    if (this.stopped) return;
    try {
      this.services = await this.open();
      if (failures > 0)
        this.logger.info(
          "The plugin's database answers again: run history and schedule are up",
        );
    } catch (error) {
      // Said once per outage, at warn: the backend still runs without it.
      if (failures === 0)
        this.logger.warn(
          `The plugin's database does not answer: ${describeError(error)}. ` +
            '/health still answers; run history, summaries and the schedule come up once it does.',
        );
      this.lastError = error;
      const delay = RETRY_MS[Math.min(failures, RETRY_MS.length - 1)];
      this.timer = setTimeout(() => void this.attempt(failures + 1), delay);
      this.timer.unref();
    }
  }
}
