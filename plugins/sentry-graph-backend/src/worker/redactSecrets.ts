/**
 * Secrets shorter than this are not searched for: replacing every "neo4j"
 * in a message would make it unreadable, and such a value protects nothing.
 * Sentry's tokens are far longer, and Neo4j 5 wants passwords of 8 or more.
 */
const SHORTEST_REDACTED = 4;
const REPLACEMENT = '[redacted]';

/**
 * A copy of `value` in which no string holds any of `secrets`: what the
 * worker posts (log records, the result) and what the plugin's thread makes
 * of the worker's errors go through it. The code writes no secret into
 * them in the first place; this is the guarantee at the boundary, for a
 * library's message that quotes what it was given.
 */
export function redactSecrets<T>(value: T, secrets: readonly string[]): T {
  const searched = secrets.filter(secret => secret.length >= SHORTEST_REDACTED);
  if (searched.length === 0) return value;
  return redact(value, searched) as T;
}

function redact(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === 'string') {
    let text = value;
    for (const secret of secrets) {
      if (text.includes(secret)) text = text.split(secret).join(REPLACEMENT);
    }
    return text;
  }
  if (Array.isArray(value)) return value.map(item => redact(item, secrets));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        redact(key, secrets),
        redact(item, secrets),
      ]),
    );
  }
  return value;
}
