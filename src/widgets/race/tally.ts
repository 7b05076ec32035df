/**
 * What one technique's client received during a race, checked against what the server published:
 * every event once (lost = duplicates = 0), or the reason it was not (a gap or a reset the server
 * announced). Events are told apart by epoch and seq: a restart starts seq again at 1 under a new epoch.
 */
import type { RaceSegment } from '../../../protocol/lab.ts';
import { DeliveryCheck } from '../technique-demo/delivery-check.ts';
import { summarize, type LatencySummary } from './stats.ts';

export interface DeliveryOutcome {
  /** Race events received at least once. */
  delivered: number;
  /** Arrivals of an event already received. */
  duplicates: number;
  /** Race events never received that a gap notice announced (retention exceeded). */
  lostToGap: number;
  /** Race events of a history the server threw away (a restart) before this client read them; announced by a reset. */
  lostToReset: number;
  /** Race events never received and never announced: must be 0. */
  lostSilently: number;
  /** Events received that the race did not publish (a tick before the race owned the channel, say). */
  other: number;
  latency: LatencySummary;
}

const key = (epoch: string, seq: number) => `${epoch}:${seq}`;

export class DeliveryTally {
  /** The running check the widget shows while the race goes on (seq continuity, announced holes). */
  readonly check: DeliveryCheck;
  /** Latency of each event's first arrival, by epoch:seq, in ms on the server's clock. */
  readonly latencyByKey = new Map<string, number>();
  duplicates = 0;
  resets = 0;
  missedAnnounced = 0;
  private epoch: string;

  /** `epoch` and `after`: the cursor the client starts from (the race's start). */
  constructor(epoch: string, after: number) {
    this.epoch = epoch;
    this.check = new DeliveryCheck(after);
  }

  /** The history the client reads now: the race's, or the one a reset announced. */
  get currentEpoch(): string {
    return this.epoch;
  }

  /**
   * One event arrived; `receivedAt` is the arrival time on the server's clock. True on its first arrival.
   * `epoch` is the client's epoch at this event, when it knows it: a race on a channel nobody had
   * published to starts on the empty log, and its first event begins the channel's own epoch without a
   * reset (docs/api-contract.md, "Nothing yet").
   */
  event(seq: number, publishedAt: number, receivedAt: number, epoch?: string): boolean {
    if (epoch) this.epoch = epoch;
    this.check.event(seq);
    const k = key(this.epoch, seq);
    if (this.latencyByKey.has(k)) {
      this.duplicates++;
      return false;
    }
    this.latencyByKey.set(k, receivedAt - publishedAt);
    return true;
  }

  gap(missed: number): void {
    this.check.gap(missed);
    this.missedAnnounced += missed;
  }

  /** The server lost the history our cursor pointed into; what follows belongs to `epoch`. */
  reset(epoch: string | undefined): void {
    this.check.reset();
    this.resets++;
    if (epoch) this.epoch = epoch;
  }

  /** Latencies of first arrivals, in arrival order. */
  latencies(): number[] {
    return [...this.latencyByKey.values()];
  }

  /** The final account, against the seqs the race published (from /api/lab/:id/race/status). */
  reconcile(segments: readonly RaceSegment[]): DeliveryOutcome {
    let delivered = 0;
    let gapBudget = this.missedAnnounced;
    let lostToGap = 0;
    let lostToReset = 0;
    let lostSilently = 0;
    const raceLatencies: number[] = [];
    const raceKeys = new Set<string>();
    for (const s of segments) {
      for (let seq = s.first; seq <= s.last; seq++) {
        const k = key(s.epoch, seq);
        raceKeys.add(k);
        const latency = this.latencyByKey.get(k);
        if (latency !== undefined) {
          delivered++;
          raceLatencies.push(latency);
        } else if (s.epoch !== this.epoch && this.resets > 0) {
          lostToReset++;
        } else if (gapBudget > 0) {
          gapBudget--;
          lostToGap++;
        } else {
          lostSilently++;
        }
      }
    }
    const other = [...this.latencyByKey.keys()].filter((k) => !raceKeys.has(k)).length;
    return {
      delivered,
      duplicates: this.duplicates,
      lostToGap,
      lostToReset,
      lostSilently,
      other,
      latency: summarize(raceLatencies),
    };
  }
}
