/**
 * Requests sent up to this long after an answered one may have reached
 * Sentry before it (requests travel on different connections): at least
 * this long, or this share of the answer's round trip.
 */
const REORDER_MIN_MS = 50;
const REORDER_SHARE_OF_ROUND_TRIP = 0.5;

/** One request's hold on its bucket, from acquire to release. */
export interface BudgetReservation {
  /** When the request was let out, on our clock. */
  readonly sentAtMs: number;
}

/**
 * What we know of one Sentry rate-limit window (a fixed window per caller
 * and endpoint, counting requests as they arrive): our requests that may
 * land in it, and how many requests of others it has counted.
 *
 * Ours that may land in it are those sent since it opened on our clock,
 * those still in flight then, and those of the window before that ended
 * without an answer (cancelled or cut off: Sentry may have counted one as
 * it arrived, after the reset); one whose answer turns out to come from the
 * window before is taken off. An answer's Remaining is Sentry's count when
 * that request arrived: whatever in it ours cannot explain is another
 * client's use of the same token. (Subtracting every request still in
 * flight from Remaining instead counts ours sent before it twice, which
 * left a tenth of the budget unused 150 ms from Sentry.)
 */
export class RateWindow {
  /** Ours that may count in this window, oldest first. */
  private readonly ours: BudgetReservation[];
  /** The fewest requests of others that Sentry's answers imply. */
  private others = 0;
  private spent = false;

  constructor(
    /** Server epoch seconds at which the window ends; undefined until an answer says. */
    public resetS: number | undefined,
    /** Ours still in flight, or ended unanswered, when the window opened: they may land in it. */
    carriedOver: Iterable<BudgetReservation>,
  ) {
    this.ours = [...carriedOver].sort((a, b) => a.sentAtMs - b.sentAtMs);
  }

  /** Requests this window still allows us, given Sentry's limit. */
  remaining(limit: number): number {
    if (this.spent) return 0;
    return limit - this.ours.length - this.others;
  }

  send(reservation: BudgetReservation): void {
    this.ours.push(reservation);
  }

  /** Its answer came from the window before: it does not count in this one. */
  forget(reservation: BudgetReservation): void {
    const index = this.ours.indexOf(reservation);
    if (index >= 0) this.ours.splice(index, 1);
  }

  /** Sentry counted `count` requests in this window when `answered` arrived. */
  learn(count: number, answered: BudgetReservation, receivedAt: number): void {
    const roundTripMs = receivedAt - answered.sentAtMs;
    const latestBefore =
      answered.sentAtMs +
      Math.max(REORDER_MIN_MS, roundTripMs * REORDER_SHARE_OF_ROUND_TRIP);
    let oursBefore = 0;
    for (const reservation of this.ours) {
      if (reservation.sentAtMs > latestBefore) break;
      oursBefore++;
    }
    this.others = Math.max(this.others, count - oursBefore);
  }

  /** After a 429: nothing more goes out in this window. */
  spend(): void {
    this.spent = true;
  }
}
