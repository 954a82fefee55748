/*
 * /status and /summary latency, as the card sees them: the dev backend (the
 * plugin with its real router, auth and database) is started on the graph a
 * benchmark just synced, runs one sync of its own so its history holds a
 * run, then answers 20 calls of each route, one after another. Prints
 * p50/p95 (and the first, cold call apart); asserts nothing.
 */
import {
  startDevBackend,
  type DevBackendSettings,
} from '../plugins/sentry-graph-backend/dev/startDevBackend';
import { percentile } from './percentile';

const CALLS = 20;

export type LatencySettings = DevBackendSettings;

export interface RouteLatency {
  route: string;
  firstMs: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

export async function measureApiLatency(
  settings: LatencySettings,
): Promise<RouteLatency[]> {
  const backend = await startDevBackend(settings);
  try {
    await backend.syncOnce();
    const results: RouteLatency[] = [];
    for (const route of ['/status', '/summary']) {
      const timed = async () => {
        const started = performance.now();
        await backend.call(route);
        return performance.now() - started;
      };
      const firstMs = await timed();
      const samples: number[] = [];
      for (let i = 0; i < CALLS; i++) samples.push(await timed());
      samples.sort((a, b) => a - b);
      results.push({
        route,
        firstMs,
        p50Ms: percentile(samples, 50),
        p95Ms: percentile(samples, 95),
        maxMs: samples[samples.length - 1],
      });
    }
    return results;
  } finally {
    await backend.stop();
  }
}
