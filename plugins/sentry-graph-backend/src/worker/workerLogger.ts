import type { LoggerService } from '@backstage/backend-plugin-api';
import type { JsonObject } from '@backstage/types';
import type { LogLevel, WorkerMessage } from './protocol';

/**
 * The worker's LoggerService: each record is posted to the plugin's thread
 * (level, message, the fields of the logger and of the call), which replays
 * it into the plugin's own logger. An Error passed as meta crosses as its
 * name and message only: its other properties (a request's options, say)
 * are no business of a log, and the stack stays behind.
 */
export function postingLogger(
  post: (message: WorkerMessage) => void,
  fields: JsonObject = {},
): LoggerService {
  const log =
    (level: LogLevel) => (message: string, meta?: Error | JsonObject) => {
      post({
        type: 'log',
        level,
        message,
        fields: {
          ...fields,
          ...(meta instanceof Error
            ? { error: { name: meta.name, message: meta.message } }
            : meta),
        },
      });
    };
  return {
    error: log('error'),
    warn: log('warn'),
    info: log('info'),
    debug: log('debug'),
    child: meta => postingLogger(post, { ...fields, ...meta }),
  };
}

/** Replays a record the worker posted into the plugin's logger. */
export function replayLog(
  logger: LoggerService,
  record: Extract<WorkerMessage, { type: 'log' }>,
): void {
  const write = logger[record.level].bind(logger);
  if (Object.keys(record.fields).length === 0) write(record.message);
  else write(record.message, record.fields);
}
