/**
 * Writes that may run at once per writer. With Neo4j some tens of
 * milliseconds away (Aura, another data centre), a transaction spends most
 * of its time on the network (begin, run, commit: three round trips); a
 * second write overlaps them.
 */
const WRITES_IN_FLIGHT = 2;

/**
 * Batches held while the writes wait for what they link to (`after`): the
 * listing goes on meanwhile, within a bound, instead of leaving the rate
 * budget idle.
 */
const BATCHES_HELD_BEFORE_READY = 8;

export interface BatchWriterOptions {
  /** Writes start once this settles: the nodes they link to are written. */
  after?: Promise<unknown>;
}

/**
 * Buffers items from listings and writes them in batches, at most
 * WRITES_IN_FLIGHT at a time. A caller that fills a batch while that many
 * writes run waits for one of them, so the next Sentry pages are fetched
 * while batches are written and memory stays at a few batches whatever the
 * listing's size: a slow Neo4j slows the listing down instead of piling up
 * pages. Several listings may share one writer (team memberships do).
 *
 * Batches may commit in any order, as pages arrive in any order: every
 * write is an idempotent MERGE stamped with the run's tag. Two writes that
 * wait on each other's locks are a deadlock Neo4j detects; the transaction
 * it fails is tried again (transientRetries.ts).
 */
export class BatchWriter<T> {
  private buffer: T[] = [];
  private readonly writing = new Set<Promise<void>>();
  private failure: { error: unknown } | undefined;
  private writtenCount = 0;
  private ready: boolean;
  private readonly after: Promise<unknown> | undefined;

  constructor(
    private readonly writeBatch: (items: T[]) => Promise<number>,
    private readonly batchSize: number,
    options: BatchWriterOptions = {},
  ) {
    this.ready = !options.after;
    // Settled either way: a failed dependency fails the writes that wait for it.
    this.after = options.after?.finally(() => {
      this.ready = true;
    });
  }

  get written(): number {
    return this.writtenCount;
  }

  async add(items: Iterable<T>): Promise<void> {
    for (const item of items) {
      this.buffer.push(item);
      if (this.buffer.length >= this.batchSize) await this.flush();
    }
  }

  /** Writes what is buffered and waits for every write; returns the total written. */
  async close(): Promise<number> {
    if (this.buffer.length > 0) await this.flush();
    await Promise.all(this.writing);
    this.throwIfFailed();
    return this.writtenCount;
  }

  private async flush(): Promise<void> {
    this.throwIfFailed();
    const batch = this.buffer;
    this.buffer = [];
    while (
      this.writing.size >=
      (this.ready ? WRITES_IN_FLIGHT : BATCHES_HELD_BEFORE_READY)
    ) {
      await Promise.race(this.writing);
    }
    this.throwIfFailed();
    const write: Promise<void> = this.writeWhenReady(batch)
      .then(
        written => {
          this.writtenCount += written;
        },
        error => {
          // Kept and rethrown to the next caller, so no rejection goes unhandled.
          this.failure ??= { error };
        },
      )
      .finally(() => this.writing.delete(write));
    this.writing.add(write);
  }

  private async writeWhenReady(batch: T[]): Promise<number> {
    if (this.after) await this.after;
    return this.writeBatch(batch);
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure.error;
  }
}
