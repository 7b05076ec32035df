// The labs this server holds: created on first use, bounded in number (the least recently used goes
// first) and swept when idle, so memory stays bounded however many ids clients invent.
import { Lab, type LabLimits } from './lab.ts';

export interface LabRegistryOptions extends LabLimits {
  /** Labs held at most; the least recently used goes first. */
  maxLabs: number;
  /** A lab with nothing live and untouched for this long is dropped. */
  idleMs: number;
  now?: () => number;
}

export class LabRegistry {
  // Insertion order is use order: a Map re-inserted on use keeps the least recently used first.
  private readonly labs = new Map<string, Lab>();
  private readonly opts: LabRegistryOptions;
  private readonly now: () => number;
  private readonly sweeper: NodeJS.Timeout;

  constructor(opts: LabRegistryOptions) {
    this.opts = opts;
    this.now = opts.now ?? Date.now;
    this.sweeper = setInterval(() => this.sweepIdle(), Math.min(opts.idleMs, 60_000));
    this.sweeper.unref();
  }

  get(id: string): Lab | undefined {
    return this.labs.get(id);
  }

  /** The lab for `id`, created on first use. Memory stays bounded however many ids clients invent. */
  open(id: string): Lab {
    let lab = this.labs.get(id);
    if (lab) this.labs.delete(id);
    else lab = new Lab(id, this.opts, this.now);
    lab.lastUsed = this.now();
    this.labs.set(id, lab);
    for (const [oldId, old] of this.labs) {
      if (this.labs.size <= this.opts.maxLabs) break;
      old.drop();
      this.labs.delete(oldId);
    }
    return lab;
  }

  /**
   * The lab whose grading run claims `channel` (`lab-<id>`): its learner's code connects without
   * `?lab=`, so the channel itself names the lab. Undefined for every other channel.
   */
  claiming(channel: string): Lab | undefined {
    const m = /^lab-([0-9a-f]{32})$/.exec(channel);
    const lab = m ? this.labs.get(m[1]!) : undefined;
    return lab?.grading ? lab : undefined;
  }

  /** Labs with a live connection, or used within `windowMs`: the ones whose private channel ticks. */
  active(windowMs: number): Lab[] {
    const since = this.now() - windowMs;
    return [...this.labs.values()].filter((lab) => lab.liveCount > 0 || lab.lastUsed >= since);
  }

  /** Every lab held now (at most maxLabs). */
  all(): Lab[] {
    return [...this.labs.values()];
  }

  sweepIdle(): number {
    const cutoff = this.now() - this.opts.idleMs;
    let dropped = 0;
    for (const [id, lab] of this.labs) {
      if (lab.liveCount === 0 && lab.lastUsed < cutoff) {
        lab.drop();
        this.labs.delete(id);
        dropped++;
      }
    }
    return dropped;
  }

  size(): number {
    return this.labs.size;
  }

  close(): void {
    clearInterval(this.sweeper);
    for (const lab of this.labs.values()) lab.drop();
    this.labs.clear();
  }
}
