/**
 * How late each technique sees an event, measured against the first of them to see it. They all read
 * the same channel log, so each seq reaches the page once per technique; the earliest arrival is the
 * reference. Comparing arrivals in the same page needs no clock shared with the server: a learner on a
 * remote server with a skewed clock reads the same figures as one on localhost.
 */

/** Arrivals remembered per seq; older ones are dropped so a long-open page keeps a bounded map. */
const REMEMBERED_SEQS = 600;

export interface LagStats {
  /** Events measured. */
  count: number;
  /** Mean lag behind the first arrival, in ms; null before the first event. */
  meanMs: number | null;
  /** Largest lag seen, in ms; null before the first event. */
  maxMs: number | null;
}

export class LagMeter<Name extends string> {
  private readonly firstArrival = new Map<number, number>();
  private readonly totals = new Map<Name, { count: number; sum: number; max: number }>();

  /**
   * Records that `who` received `seq` at `at` (ms, one clock for the whole page) and returns its lag:
   * 0 for the first technique to see the seq.
   */
  arrived(who: Name, seq: number, at: number): number {
    let first = this.firstArrival.get(seq);
    if (first === undefined) {
      first = at;
      this.firstArrival.set(seq, at);
      // Map keeps insertion order: the first key is the oldest seq remembered.
      if (this.firstArrival.size > REMEMBERED_SEQS) this.firstArrival.delete(this.firstArrival.keys().next().value!);
    }
    const lag = Math.max(0, at - first);
    const total = this.totals.get(who) ?? { count: 0, sum: 0, max: 0 };
    total.count += 1;
    total.sum += lag;
    total.max = Math.max(total.max, lag);
    this.totals.set(who, total);
    return lag;
  }

  stats(who: Name): LagStats {
    const total = this.totals.get(who);
    if (!total || total.count === 0) return { count: 0, meanMs: null, maxMs: null };
    return { count: total.count, meanMs: total.sum / total.count, maxMs: total.max };
  }

  /** Starts `who`'s figures again (its settings changed), keeping the arrivals the others measure against. */
  restart(who: Name): void {
    this.totals.delete(who);
  }

  /**
   * The channel's history was lost (a server restart): seqs count from 1 again, so an arrival remembered
   * for seq 3 of the old history must not be the reference for seq 3 of the new one.
   */
  forgetArrivals(): void {
    this.firstArrival.clear();
  }
}
