/**
 * Buffers items from listings and writes them in batches, in order, one
 * write at a time. A caller that fills a batch waits for the write before it,
 * so the next Sentry page is fetched while one batch is written and memory
 * stays at a few batches whatever the listing's size: a slow Neo4j slows the
 * listing down instead of piling up pages. Several listings may share one
 * writer (team memberships do).
 */
export class BatchWriter<T> {
  private buffer: T[] = [];
  private tail: Promise<void> = Promise.resolve();
  private failure: { error: unknown } | undefined;
  private writtenCount = 0;

  constructor(
    private readonly writeBatch: (items: T[]) => Promise<number>,
    private readonly batchSize: number,
  ) {}

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
    await this.tail;
    this.throwIfFailed();
    return this.writtenCount;
  }

  private async flush(): Promise<void> {
    this.throwIfFailed();
    const batch = this.buffer;
    this.buffer = [];
    const previous = this.tail;
    this.tail = previous.then(async () => {
      if (this.failure) return;
      try {
        this.writtenCount += await this.writeBatch(batch);
      } catch (error) {
        // Kept and rethrown to the next caller, so no rejection goes unhandled.
        this.failure = { error };
      }
    });
    await previous;
    this.throwIfFailed();
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure.error;
  }
}
