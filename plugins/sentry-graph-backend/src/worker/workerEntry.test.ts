import { processHeapCapMb, workerEntry } from './workerEntry';

describe("the worker's module", () => {
  it('is found beside the main side in the built package, run as the process runs', () => {
    expect(
      workerEntry('/app/node_modules/p/dist/worker/runSyncInWorker.cjs.js'),
    ).toEqual({ file: '/app/node_modules/p/dist/worker/syncWorker.cjs.js' });
  });

  it("is found beside the benchmark's bundle", () => {
    expect(workerEntry('/repo/.cache/bench/syncOnce.cjs')).toEqual({
      file: '/repo/.cache/bench/syncWorker.cjs',
    });
  });

  it('is compiled by tsx when it runs from sources', () => {
    const entry = workerEntry('/repo/src/worker/runSyncInWorker.ts');
    expect(entry.file).toBe('/repo/src/worker/syncWorker.ts');
    expect(entry.execArgv).toEqual([
      '--import',
      expect.stringMatching(/^file:.*\/tsx\/dist\/loader\.mjs$/),
    ]);
  });
});

describe("the process's own heap cap", () => {
  it('is read from the command line and NODE_OPTIONS, the command line winning', () => {
    expect(processHeapCapMb([], undefined)).toBeUndefined();
    expect(processHeapCapMb(['--max-old-space-size=256'], undefined)).toBe(256);
    expect(
      processHeapCapMb([], '--enable-source-maps --max_old_space_size=96'),
    ).toBe(96);
    expect(
      processHeapCapMb(
        ['--max-old-space-size', '300'],
        '--max-old-space-size=96',
      ),
    ).toBe(300);
  });
});
