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

  it('holds up to eight batches, unwritten, until what they link to is written', async () => {
    const { pending, writeBatch } = controlledWrites();
    let linkedNodesWritten = () => {};
    const after = new Promise<void>(resolve => {
      linkedNodesWritten = resolve;
    });
    const writer = new BatchWriter(writeBatch, 1, { after });

    for (let item = 1; item <= 8; item++) await writer.add([item]);
    let ninthAdded = false;
    const ninth = writer.add([9]).then(() => (ninthAdded = true));
    await tick();
    expect(pending).toHaveLength(0);
    expect(ninthAdded).toBe(false);

    linkedNodesWritten();
    await tick();
    expect(pending.map(write => write.batch)).toEqual(
      [1, 2, 3, 4, 5, 6, 7, 8].map(item => [item]),
    );
    // Once writing, the usual two in flight apply again: the ninth waits
    // until one of the eight is left.
    for (const write of pending.slice(0, 6)) write.finish();
    await tick();
    expect(ninthAdded).toBe(false);
    pending[6].finish();
    await ninth;
    let tenthAdded = false;
    const tenth = writer.add([10]).then(() => (tenthAdded = true));
    await tick();
    expect(tenthAdded).toBe(false);

    for (const write of pending) write.finish();
    await tenth;
    const closed = writer.close();
    await tick();
    for (const write of pending) write.finish();
    await expect(closed).resolves.toBe(10);
  });

  it('fails the held writes when what they wait for fails', async () => {
    const { pending, writeBatch } = controlledWrites();
    const writer = new BatchWriter(writeBatch, 1, {
      after: Promise.reject(new Error('projects were not written')),
    });
    await writer.add([1]);
    await tick();
    await expect(writer.close()).rejects.toThrow('projects were not written');
    expect(pending).toHaveLength(0);
  });
});
