import { SharedReads } from './sharedReads';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('SharedReads', () => {
  it('gives callers that ask while a read is in flight the same answer, from one read', async () => {
    const pending = deferred<string>();
    const read = jest.fn(() => pending.promise);
    const reads = new SharedReads(read);
    const first = reads.get('acme');
    const second = reads.get('acme');
    pending.resolve('figures');
    expect(await Promise.all([first, second])).toEqual(['figures', 'figures']);
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('reads again once the answer arrived when no ttl is set, and per key', async () => {
    let n = 0;
    const reads = new SharedReads(async key => `${key}${++n}`);
    expect(await reads.get('a')).toBe('a1');
    expect(await reads.get('a')).toBe('a2');
    expect(await reads.get('b')).toBe('b3');
  });

  it('serves an answer for ttlMs, and afresh after clear() or once it expired', async () => {
    jest.useFakeTimers({ now: 0 });
    try {
      let n = 0;
      const reads = new SharedReads(async () => ++n, 5_000);
      expect(await reads.get()).toBe(1);
      expect(await reads.get()).toBe(1);
      reads.clear();
      expect(await reads.get()).toBe(2);
      jest.setSystemTime(5_001);
      expect(await reads.get()).toBe(3);
    } finally {
      jest.useRealTimers();
    }
  });

  it('does not keep a failed read: the next caller tries again', async () => {
    let fail = true;
    const reads = new SharedReads(async () => {
      if (fail) throw new Error('database down');
      return 'figures';
    }, 5_000);
    await expect(reads.get()).rejects.toThrow('database down');
    fail = false;
    expect(await reads.get()).toBe('figures');
  });
});
