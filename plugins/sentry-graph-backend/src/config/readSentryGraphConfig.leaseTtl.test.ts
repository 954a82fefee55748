import { configWithSync } from '../__testUtils__/configWithSync';

describe('sentryGraph.sync.leaseTtl', () => {
  it('is 60 seconds unless set, with or without a sync section', () => {
    expect(configWithSync().sync.leaseTtlMs).toBe(60_000);
    expect(configWithSync({ batchSize: 10 }).sync.leaseTtlMs).toBe(60_000);
  });

  it('reads a duration in either of Backstage’s forms', () => {
    expect(configWithSync({ leaseTtl: '3s' }).sync.leaseTtlMs).toBe(3_000);
    expect(configWithSync({ leaseTtl: { minutes: 2 } }).sync.leaseTtlMs).toBe(
      120_000,
    );
  });

  it('refuses one too short to renew sensibly, naming the key', () => {
    expect(() => configWithSync({ leaseTtl: '1s' })).toThrow(
      "Invalid configuration at 'sentryGraph.sync.leaseTtl': expected from 2 seconds to 10 minutes, got 1000 ms",
    );
  });
});
