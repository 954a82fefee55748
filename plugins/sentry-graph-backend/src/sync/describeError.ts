/**
 * One line for a run's report. Our own errors (Sentry client, config) are
 * written free of secrets; the Neo4j driver's messages name the server, not
 * the password. Stack traces stay in debug logs.
 */
export function describeError(error: unknown): string {
  if (isAbortError(error)) return 'aborted';
  if (error instanceof Error) {
    const message = error.message.split('\n')[0];
    return error.name && error.name !== 'Error'
      ? `${error.name}: ${message}`
      : message;
  }
  return String(error);
}

export function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}
