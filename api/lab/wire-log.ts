// The wire capture of one lab: the entries its tagged connections produced (heads, bodies, frames,
// notes), numbered in order, the newest kept within a byte budget and an entry count. Older entries go
// first and are counted in `dropped`, so a reader knows what it missed.
import type { WireEntry, WirePage } from '../../protocol/lab.ts';

/** An entry as a tap makes it: the log gives it its number and time. */
export type NewWireEntry = WireEntry extends infer E ? (E extends WireEntry ? Omit<E, 'n' | 'at'> : never) : never;

export interface WireLogLimits {
  /** Stored text per lab; older entries go first (their bytes stay counted). */
  captureBytes: number;
  /** Entries per lab at most, whatever their size. */
  maxEntries: number;
}

const ENTRY_OVERHEAD = 160;

export class WireLog {
  private entries: WireEntry[] = [];
  private storedBytes = 0;
  private nextEntry = 1;
  private droppedEntries = 0;
  private readonly limits: WireLogLimits;
  private readonly now: () => number;

  constructor(limits: WireLogLimits, now: () => number) {
    this.limits = limits;
    this.now = now;
  }

  record(entry: NewWireEntry): void {
    const full = { ...entry, n: this.nextEntry++, at: this.now() } as WireEntry;
    this.entries.push(full);
    this.storedBytes += sizeOf(full);
    while (
      this.entries.length > 1 &&
      (this.storedBytes > this.limits.captureBytes || this.entries.length > this.limits.maxEntries)
    ) {
      this.storedBytes -= sizeOf(this.entries.shift()!);
      this.droppedEntries++;
    }
  }

  /** The entries numbered above `after`, the newest number, and how many entries were discarded. */
  page(after: number): WirePage {
    const entries = this.entries.filter((e) => e.n > after);
    return { entries, next: this.nextEntry - 1, dropped: this.droppedEntries };
  }
}

function sizeOf(entry: WireEntry): number {
  return ENTRY_OVERHEAD + ('text' in entry ? entry.text.length : 0) + ('payload' in entry ? entry.payload.length : 0);
}
