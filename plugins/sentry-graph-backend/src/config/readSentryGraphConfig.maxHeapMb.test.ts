import { configWithSync } from '../__testUtils__/configWithSync';

describe('sentryGraph.sync.maxHeapMb', () => {
  it('caps the worker at 512 MB unless set', () => {
    expect(configWithSync().worker.maxHeapMb).toBe(512);
    expect(configWithSync({ batchSize: 10 }).worker.maxHeapMb).toBe(512);
  });

  it('takes a whole number of megabytes, from the environment too', () => {
    expect(configWithSync({ maxHeapMb: 256 }).worker.maxHeapMb).toBe(256);
    // ${SYNC_HEAP_MB} substitutes a string.
    expect(configWithSync({ maxHeapMb: '1024' }).worker.maxHeapMb).toBe(1024);
  });

  it.each([8, 1.5, 100_000])(
    'refuses %p, naming the key and the range',
    value => {
      expect(() => configWithSync({ maxHeapMb: value })).toThrow(
        `Invalid configuration at 'sentryGraph.sync.maxHeapMb': expected a whole number from 16 to 16384, got ${value}`,
      );
    },
  );
});
