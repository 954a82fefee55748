import type { ZodError, ZodType } from 'zod';
import type { InvalidItem, SentryEndpoint } from './types';

/**
 * Parses each listing item on its own so one odd item costs only itself:
 * it is skipped and reported, and the rest of the page is kept.
 */
export function validateItems<T>(
  body: unknown[],
  schema: ZodType<T>,
  endpoint: SentryEndpoint,
): { items: T[]; invalid: InvalidItem[] } {
  const items: T[] = [];
  const invalid: InvalidItem[] = [];
  for (const raw of body) {
    const result = schema.safeParse(raw);
    if (result.success) {
      items.push(result.data);
    } else {
      invalid.push({
        endpoint,
        id: readItemId(raw),
        reason: describeZodError(result.error),
      });
    }
  }
  return { items, invalid };
}

/** One line naming the first problem, e.g. 'id: expected string, received number'. */
export function describeZodError(error: ZodError): string {
  const [first, ...rest] = error.issues;
  if (!first) return 'invalid';
  const where =
    first.path.length > 0 ? first.path.map(String).join('.') : 'item';
  const message = first.message.replace(/^Invalid input: /, '');
  const line =
    rest.length > 0
      ? `${where}: ${message} (and ${rest.length} more)`
      : `${where}: ${message}`;
  return line.length > 160 ? `${line.slice(0, 157)}...` : line;
}

/** The id to report an invalid item under; releases are known by version. */
function readItemId(raw: unknown): string | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const record = raw as Record<string, unknown>;
  for (const key of ['id', 'version']) {
    const value = record[key];
    if (typeof value === 'string' || typeof value === 'number') {
      return String(value);
    }
  }
  return undefined;
}
