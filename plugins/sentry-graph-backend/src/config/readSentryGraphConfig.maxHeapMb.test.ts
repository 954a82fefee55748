import { ConfigReader } from '@backstage/config';
import type { JsonObject } from '@backstage/types';
import { readSentryGraphConfig } from './readSentryGraphConfig';

const configWith = (sync?: JsonObject) =>
  readSentryGraphConfig(
    new ConfigReader({
      sentryGraph: {
        sentry: { baseUrl: 'https://sentry.io', token: 't' },
        neo4j: { uri: 'bolt://localhost:7687', username: 'u', password: 'p' },
        ...(sync ? { sync } : {}),
      },
    }),
  );

describe('sentryGraph.sync.maxHeapMb', () => {
  it('caps the worker at 512 MB unless set', () => {
    expect(configWith().worker.maxHeapMb).toBe(512);
    expect(configWith({ batchSize: 10 }).worker.maxHeapMb).toBe(512);
  });

  it('takes a whole number of megabytes, from the environment too', () => {
    expect(configWith({ maxHeapMb: 256 }).worker.maxHeapMb).toBe(256);
    // ${SYNC_HEAP_MB} substitutes a string.
    expect(configWith({ maxHeapMb: '1024' }).worker.maxHeapMb).toBe(1024);
  });

  it.each([8, 1.5, 100_000])(
    'refuses %p, naming the key and the range',
    value => {
      expect(() => configWith({ maxHeapMb: value })).toThrow(
        `Invalid configuration at 'sentryGraph.sync.maxHeapMb': expected a whole number from 16 to 16384, got ${value}`,
      );
    },
  );
});
