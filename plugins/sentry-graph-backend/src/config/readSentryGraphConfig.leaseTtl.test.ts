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

describe('sentryGraph.sync.leaseTtl', () => {
  it('is 60 seconds unless set, with or without a sync section', () => {
    expect(configWith().sync.leaseTtlMs).toBe(60_000);
    expect(configWith({ batchSize: 10 }).sync.leaseTtlMs).toBe(60_000);
  });

  it('reads a duration in either of Backstage’s forms', () => {
    expect(configWith({ leaseTtl: '3s' }).sync.leaseTtlMs).toBe(3_000);
    expect(configWith({ leaseTtl: { minutes: 2 } }).sync.leaseTtlMs).toBe(
      120_000,
    );
  });

  it('refuses one too short to renew sensibly, naming the key', () => {
    expect(() => configWith({ leaseTtl: '1s' })).toThrow(
      "Invalid configuration at 'sentryGraph.sync.leaseTtl': expected from 2 seconds to 10 minutes, got 1000 ms",
    );
  });
});
