import { describeWorkerEnd } from './workerFailures';

describe('what a run whose worker ran out of memory says', () => {
  it('names the key to raise', () => {
    expect(describeWorkerEnd({ kind: 'out-of-memory', maxHeapMb: 512 })).toBe(
      'The sync ran out of memory: its worker reached its heap cap of 512 MB and was stopped. ' +
        'Raise sentryGraph.sync.maxHeapMb (now 512). ' +
        'It started no deletion after that, and the next run starts as usual.',
    );
  });

  it("names the backend's own flag when that, not the key, set the cap", () => {
    expect(
      describeWorkerEnd({
        kind: 'out-of-memory',
        maxHeapMb: 512,
        processHeapCapMb: 256,
      }),
    ).toBe(
      'The sync ran out of memory: its worker reached its heap cap of 256 MB and was stopped. ' +
        "That cap is the backend's --max-old-space-size=256, which V8 applies to the worker in place of " +
        'sentryGraph.sync.maxHeapMb (512): raise the flag, or remove it and set sentryGraph.sync.maxHeapMb. ' +
        'It started no deletion after that, and the next run starts as usual.',
    );
  });
});
