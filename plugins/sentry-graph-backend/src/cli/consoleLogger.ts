import type { LoggerService } from '@backstage/backend-plugin-api';
import type { JsonObject } from '@backstage/types';

const LEVELS = ['error', 'warn', 'info', 'debug'] as const;
type Level = (typeof LEVELS)[number];

/**
 * A LoggerService for the command line: lines on stderr, so that `--json`
 * output on stdout stays machine-readable.
 */
export function createConsoleLogger(
  minimum: Level = 'info',
  fields: JsonObject = {},
): LoggerService {
  const enabled = (level: Level) =>
    LEVELS.indexOf(level) <= LEVELS.indexOf(minimum);
  const log =
    (level: Level) => (message: string, meta?: Error | JsonObject) => {
      if (!enabled(level)) return;
      const context = {
        ...fields,
        ...(meta instanceof Error ? { error: meta.message } : meta),
      };
      const suffix =
        Object.keys(context).length > 0 ? ` ${JSON.stringify(context)}` : '';
      process.stderr.write(
        `${new Date().toISOString()} ${level} ${message}${suffix}\n`,
      );
    };
  return {
    error: log('error'),
    warn: log('warn'),
    info: log('info'),
    debug: log('debug'),
    child: (meta: JsonObject) =>
      createConsoleLogger(minimum, { ...fields, ...meta }),
  };
}
