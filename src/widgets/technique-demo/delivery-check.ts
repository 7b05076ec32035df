/**
 * Checks the course's promise on what a client actually received: every event once, in order. It
 * counts events that never arrived without the server saying so (`lost`), events that arrived twice
 * (`duplicates`), and separately what the server did announce: gaps (evicted before we came back) and
 * resets (the history was lost). A demo shows lost = 0 and duplicates = 0 after every fault.
 */
export class DeliveryCheck {
  received = 0;
  lost = 0;
  duplicates = 0;
  /** Events the server told us were evicted before we could read them (gap notices). */
  missed = 0;
  resets = 0;
  /** Highest seq received in the current history; undefined until the first one after a reset. */
  last: number | undefined;
  private announced = 0;

  /** `after`: the cursor the feed started from (0 = the beginning); undefined when it started at the head. */
  constructor(after?: number) {
    this.last = after;
  }

  gap(missed: number): void {
    this.missed += missed;
    this.announced += missed;
  }

  reset(): void {
    this.resets += 1;
    this.last = undefined;
    this.announced = 0;
  }

  event(seq: number): 'ok' | 'duplicate' | 'loss' {
    this.received += 1;
    if (this.last === undefined) {
      this.last = seq;
      return 'ok';
    }
    if (seq <= this.last) {
      this.duplicates += 1;
      return 'duplicate';
    }
    const hole = seq - this.last - 1;
    const explained = Math.min(hole, this.announced);
    this.announced = 0;
    this.lost += hole - explained;
    this.last = seq;
    return hole > explained ? 'loss' : 'ok';
  }
}
