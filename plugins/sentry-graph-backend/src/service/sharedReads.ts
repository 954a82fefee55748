/**
 * Reads that many callers make at once: every portal card polls /status and
 * /summary, and fifty open cards would otherwise each query the plugin's
 * database. Callers that ask while a read is in flight share its answer;
 * with `ttlMs`, an answer is also served for that long after it arrived.
 */
export class SharedReads<T> {
  private readonly entries = new Map<
    string,
    { answer: Promise<T>; expiresAt: number }
  >();

  constructor(
    private readonly read: (key: string) => Promise<T>,
    private readonly ttlMs = 0,
  ) {}

  get(key = ''): Promise<T> {
    const entry = this.entries.get(key);
    if (entry && Date.now() < entry.expiresAt) return entry.answer;
    const answer = this.read(key);
    const fresh = { answer, expiresAt: Number.POSITIVE_INFINITY };
    this.entries.set(key, fresh);
    const settle = (keep: boolean) => {
      if (this.entries.get(key) !== fresh) return;
      // A failed read is not kept: the next caller tries again.
      if (keep && this.ttlMs > 0) fresh.expiresAt = Date.now() + this.ttlMs;
      else this.entries.delete(key);
    };
    answer.then(
      () => settle(true),
      () => settle(false),
    );
    return answer;
  }

  /** Forgets every answer: the next caller reads afresh. */
  clear(): void {
    this.entries.clear();
  }
}
