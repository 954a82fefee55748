import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  url: string;
  headers: http.IncomingHttpHeaders;
  at: number;
}

export type TinyHandler = (
  req: http.IncomingMessage,
  res: http.ServerResponse,
  index: number,
) => void | Promise<void>;

export interface TinyServer {
  /** e.g. http://127.0.0.1:40123 */
  url: string;
  requests: RecordedRequest[];
  /** Most requests in flight at once. */
  maxConcurrent(): number;
  close(): Promise<void>;
}

/**
 * A loopback HTTP server with a handler per test, for cases that need exact
 * control over headers and timing (the sample server covers realistic data).
 */
export async function startTinyServer(
  handler: TinyHandler,
): Promise<TinyServer> {
  const requests: RecordedRequest[] = [];
  let inFlight = 0;
  let maxConcurrent = 0;
  const server = http.createServer((req, res) => {
    const index = requests.length;
    requests.push({ url: req.url ?? '', headers: req.headers, at: Date.now() });
    inFlight++;
    maxConcurrent = Math.max(maxConcurrent, inFlight);
    res.on('close', () => inFlight--);
    Promise.resolve(handler(req, res, index)).catch(error => {
      res.destroy(error as Error);
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    maxConcurrent: () => maxConcurrent,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Sends a JSON body with optional extra headers. */
export function sendJson(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** Sentry's rate-limit headers for a window that resets at `resetEpochSeconds`. */
export function rateHeaders(
  limit: number,
  remaining: number,
  resetEpochSeconds: number,
): Record<string, string> {
  return {
    'X-Sentry-Rate-Limit-Limit': String(limit),
    'X-Sentry-Rate-Limit-Remaining': String(remaining),
    'X-Sentry-Rate-Limit-Reset': String(resetEpochSeconds),
    'X-Sentry-Rate-Limit-ConcurrentLimit': '25',
    'X-Sentry-Rate-Limit-ConcurrentRemaining': '24',
  };
}

export function delay(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms));
}

/** For `promise.then(unexpected, (e: SentryRequestError) => e)`: a resolution fails the test. */
export function unexpected(): never {
  throw new Error('expected the request to fail');
}
