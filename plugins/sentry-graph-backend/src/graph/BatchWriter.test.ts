import { BatchWriter } from './BatchWriter';

/** A write that finishes when the test says so. */
function controlledWrites() {
  const pending: Array<{
    batch: number[];
    finish(): void;
    fail(e: Error): void;
  }> = [];
  const writeBatch = (batch: number[]) =>
    new Promise<number>((resolve, reject) => {
      pending.push({
        batch,
        finish: () => resolve(batch.length),
        fail: reject,
      });
    });
  return { pending, writeBatch };
}

const tick = () => new Promise(resolve => setImmediate(resolve));

describe('BatchWriter', () => {
  it('writes two batches at once, and a caller with a third waits for one of them', async () => {
    const { pending, writeBatch } = controlledWrites();
    const writer = new BatchWriter(writeBatch, 2);

    await writer.add([1, 2]);
    await writer.add([3, 4]);
    let thirdAdded = false;
    const third = writer.add([5, 6]).then(() => (thirdAdded = true));
    await tick();

    expect(pending.map(write => write.batch)).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(thirdAdded).toBe(false);
    pending[1].finish();
    await third;
    expect(pending.map(write => write.batch)).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);

    const closed = writer.close();
    pending[0].finish();
    pending[2].finish();
    await expect(closed).resolves.toBe(6);
  });

  it('writes what is left on close and waits for every write', async () => {
    const { pending, writeBatch } = controlledWrites();
    const writer = new BatchWriter(writeBatch, 10);

    await writer.add([1, 2, 3]);
    const closed = writer.close();
    await tick();
    expect(pending.map(write => write.batch)).toEqual([[1, 2, 3]]);
    pending[0].finish();

    await expect(closed).resolves.toBe(3);
  });

  it('throws a failed write to the next caller and to close, and starts no other write', async () => {
    const { pending, writeBatch } = controlledWrites();
    const writer = new BatchWriter(writeBatch, 1);
    await writer.add([1]);
    pending[0].fail(new Error('Neo4j went away'));
    await tick();

    await expect(writer.add([2])).rejects.toThrow('Neo4j went away');
    await expect(writer.close()).rejects.toThrow('Neo4j went away');
    expect(pending).toHaveLength(1);
  });
});
