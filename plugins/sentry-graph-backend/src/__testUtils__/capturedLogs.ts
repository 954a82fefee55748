import {
  coreServices,
  createServiceFactory,
  type LoggerService,
} from '@backstage/backend-plugin-api';
import type { JsonObject } from '@backstage/types';

export interface LogLine {
  level: 'error' | 'warn' | 'info' | 'debug';
  message: string;
  /** The fields of the logger and its parents, and what the call passed. */
  meta: JsonObject;
  /** An Error passed as meta, as the log would print it. */
  error?: string;
}

/**
 * Every line a test backend logs, from every plugin and service, with its
 * level and fields: what a test that reads the logs (for an outcome, or for
 * a secret that must not be there) looks at.
 */
export class CapturedLogs {
  readonly lines: LogLine[] = [];

  /** The root logger every other logger of a test backend derives from. */
  factory() {
    return createServiceFactory({
      service: coreServices.rootLogger,
      deps: {},
      factory: () => this.logger({}),
    });
  }

  /** Each line as one text: level, message, fields and error. */
  texts(): string[] {
    return this.lines.map(
      line =>
        `${line.level} ${line.message} ${JSON.stringify(line.meta)}${line.error ? ` ${line.error}` : ''}`,
    );
  }

  /** Resolves with the first line that matches, waiting for it up to `timeoutMs`. */
  async waitFor(pattern: RegExp, timeoutMs = 60_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const line = this.texts().find(text => pattern.test(text));
      if (line) return line;
      if (Date.now() > deadline)
        throw new Error(`no log line matched ${pattern} in ${timeoutMs} ms`);
      await new Promise(resolve => setTimeout(resolve, 100));
    }
  }

  /** A logger that writes here, for code handed a LoggerService directly. */
  logger(fields: JsonObject = {}): LoggerService {
    const write =
      (level: LogLine['level']) =>
      (message: string, meta?: Error | JsonObject) => {
        const error =
          meta instanceof Error ? `${meta.stack ?? meta.message}` : undefined;
        this.lines.push({
          level,
          message,
          meta: { ...fields, ...(meta instanceof Error ? {} : meta) },
          ...(error ? { error } : {}),
        });
      };
    return {
      error: write('error'),
      warn: write('warn'),
      info: write('info'),
      debug: write('debug'),
      child: meta => this.logger({ ...fields, ...meta }),
    };
  }
}
