import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { applyChangesToStore } from '../changes/applyChanges';
import type { ChangeBatch } from '../types/sampleChange';
import type { SampleData } from '../types/sampleData';
import type {
  FaultRule,
  SampleServer,
  SampleServerOptions,
  SampleToken,
} from '../types/serverOptions';
import { internalErrorBody } from './apiError';
import { FaultInjector } from './faults';
import { NetworkLatency } from './networkLatency';
import { handleRequest, type PipelineState } from './requestPipeline';
import { RateLimiter } from './rateLimiter';
import { writeResponse } from './responseWriter';
import { SampleStore } from './sampleStore';
import { ALL_SCOPES } from './scopes';
import { ServerStats } from './serverStats';

export const DEFAULT_SAMPLE_TOKEN = 'sample-token';

/** Starts a Sentry-compatible server on node:http and resolves once it is listening. */
export async function startSampleServer(
  options: SampleServerOptions,
): Promise<SampleServer> {
  const tokens = new Map<string, SampleToken>(
    (
      options.tokens ?? [
        { token: DEFAULT_SAMPLE_TOKEN, scopes: [...ALL_SCOPES], kind: 'user' },
      ]
    ).map(token => [token.token, token]),
  );
  const limiter = new RateLimiter(
    options.rateLimit ?? { limit: 40, windowSeconds: 1 },
  );
  const pendingSleeps = new Set<() => void>();
  const state: PipelineState = {
    store: new SampleStore(options.data),
    tokens,
    limiter,
    faults: new FaultInjector(options.faults ?? []),
    stats: new ServerStats(),
    perPageDefault: options.perPageDefault ?? 100,
    urlPrefix: options.urlPrefix?.replace(/\/+$/, ''),
    latency: new NetworkLatency(options.latency),
    sleep: (ms, res) => sleepUnlessClosed(ms, res, pendingSleeps),
  };

  const server = createServer((req, res) => {
    handleRequest(state, req, res).catch(error => {
      process.emitWarning(
        `sentry-sample-server: ${error instanceof Error ? error.stack : String(error)}`,
      );
      writeResponse(res, {
        status: 500,
        body: internalErrorBody(),
        headers: {},
      });
    });
  });
  // Benchmarks keep connections alive across thousands of pages.
  server.keepAliveTimeout = 30_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host =
    address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${host}:${address.port}`,
    setData(data: SampleData) {
      state.store = new SampleStore(data);
    },
    applyChanges: (batch: ChangeBatch) =>
      applyChangesToStore(state.store, batch),
    setFaults(faults: FaultRule[]) {
      state.faults.set(faults);
    },
    stats: () => state.stats.snapshot(limiter.maxInWindow),
    resetStats() {
      state.stats.reset();
      limiter.resetStats();
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const wake of pendingSleeps) wake();
        server.close(error => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** A 'slow' fault's delay or network latency, cut short when the client disconnects or the server closes. */
function sleepUnlessClosed(
  ms: number,
  res: ServerResponse,
  pending: Set<() => void>,
): Promise<void> {
  return new Promise(resolve => {
    const timer = setTimeout(wake, ms);
    pending.add(wake);
    res.once('close', wake);
    function wake() {
      clearTimeout(timer);
      pending.delete(wake);
      res.off('close', wake);
      resolve();
    }
  });
}
