/** Socket errors, and PostgreSQL's SQLSTATE classes 08 (connection) and 57P (shutdown). */
const UNREACHABLE_CODES =
  /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EPIPE|08\w{3}|57P0[1-3])$/;
/** What knex and the pg driver say when the connection broke or none could be had. */
const UNREACHABLE_MESSAGES =
  /Connection terminated|connection error|Timeout acquiring a connection|terminating connection/i;

/**
 * Whether a database call failed because the database does not answer
 * (down, restarting, unreachable), not because of the query: the first is a
 * 503 to the caller, and worth waiting out.
 */
export function isDatabaseUnreachable(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 5; depth++) {
    if (typeof e !== 'object') return false;
    const { code, name, message, cause } = e as {
      code?: unknown;
      name?: unknown;
      message?: unknown;
      cause?: unknown;
    };
    if (typeof code === 'string' && UNREACHABLE_CODES.test(code)) return true;
    if (name === 'KnexTimeoutError') return true;
    if (typeof message === 'string' && UNREACHABLE_MESSAGES.test(message))
      return true;
    e = cause;
  }
  return false;
}
