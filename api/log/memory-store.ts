// The embedded store: every channel's log lives in this process. History dies with the process, so
// each channel gets a fresh random epoch whenever it is (re)created; clients holding an older cursor
// then see a reset instead of silently skipping or repeating events.
import { randomBytes } from 'node:crypto';
import type { AppendResult, ChannelStore, LogBounds, LogEvent, LogListener, ReadResult, StoreStatus } from './types.ts';

export interface MemoryStoreOptions {
  /** Newest events kept per channel. */
  retention: number;
  /** A channel without listeners and untouched for this long is dropped. */
  idleMs: number;
  /** Channels kept at most; the least recently used channel without listeners goes first. */
  maxChannels: number;
  /** Channels never evicted (the built-in ticker). */
  pinned?: readonly string[];
  now?: () => number;
}

const newEpoch = () => randomBytes(6).toString('base64url');

class ChannelLog {
  epoch = newEpoch();
  /** Ring buffer of the newest `retention` events. */
  private ring: (LogEvent | undefined)[];
  head = 0;
  lastUsed: number;
  readonly listeners = new Set<LogListener>();
  private readonly retention: number;

  constructor(retention: number, now: number) {
    this.retention = retention;
    this.ring = new Array<LogEvent | undefined>(retention);
    this.lastUsed = now;
  }

  get oldest(): number {
    return Math.max(1, this.head - this.retention + 1);
  }

  bounds(): LogBounds {
    return { epoch: this.epoch, oldest: this.head === 0 ? 1 : this.oldest, head: this.head };
  }

  append(data: unknown, time: number): LogEvent {
    const seq = this.head + 1;
    const event: LogEvent = { seq, time, data, json: JSON.stringify({ seq, time, data }) };
    this.ring[seq % this.retention] = event;
    this.head = seq;
    return event;
  }

  /** A new history under a new epoch; listeners stay attached and learn of it from the next event. */
  reset(): void {
    this.epoch = newEpoch();
    this.ring = new Array<LogEvent | undefined>(this.retention);
    this.head = 0;
  }

  slice(from: number, limit: number): LogEvent[] {
    const out: LogEvent[] = [];
    for (let seq = Math.max(from, this.oldest); seq <= this.head && out.length < limit; seq++) {
      out.push(this.ring[seq % this.retention]!);
    }
    return out;
  }
}

export class MemoryStore implements ChannelStore {
  // A Map keeps insertion order; re-inserting on use makes its first key the least recently used.
  private readonly channels = new Map<string, ChannelLog>();
  private readonly now: () => number;
  private readonly sweeper: NodeJS.Timeout;
  private listenerTotal = 0;
  private readonly opts: MemoryStoreOptions;

  constructor(opts: MemoryStoreOptions) {
    this.opts = opts;
    this.now = opts.now ?? Date.now;
    // One shared timer sweeps idle channels; a timer per channel would cost more than the channels.
    this.sweeper = setInterval(() => this.sweepIdle(), Math.min(opts.idleMs, 60_000));
    this.sweeper.unref();
  }

  private channel(name: string): ChannelLog {
    let log = this.channels.get(name);
    if (log) {
      this.channels.delete(name);
    } else {
      log = new ChannelLog(this.opts.retention, this.now());
      this.evictForRoom();
    }
    log.lastUsed = this.now();
    this.channels.set(name, log);
    return log;
  }

  private evictable(name: string, log: ChannelLog): boolean {
    return log.listeners.size === 0 && !(this.opts.pinned ?? []).includes(name);
  }

  private evictForRoom(): void {
    if (this.channels.size < this.opts.maxChannels) return;
    for (const [name, log] of this.channels) {
      if (this.evictable(name, log)) {
        this.channels.delete(name);
        if (this.channels.size < this.opts.maxChannels) return;
      }
    }
    // Every channel has a listener: those are bounded by the connection limits, so keep them all.
  }

  sweepIdle(): number {
    const cutoff = this.now() - this.opts.idleMs;
    let evicted = 0;
    for (const [name, log] of this.channels) {
      if (log.lastUsed < cutoff && this.evictable(name, log)) {
        this.channels.delete(name);
        evicted++;
      }
    }
    return evicted;
  }

  channelCount(): number {
    return this.channels.size;
  }

  async append(channel: string, data: unknown): Promise<AppendResult> {
    const log = this.channel(channel);
    const event = log.append(data, this.now());
    for (const listener of log.listeners) listener(event, log.epoch);
    return { event, epoch: log.epoch };
  }

  async read(channel: string, from: number, limit: number): Promise<ReadResult> {
    const log = this.channel(channel);
    return { bounds: log.bounds(), events: log.slice(from, limit) };
  }

  async bounds(channel: string): Promise<LogBounds> {
    return this.channel(channel).bounds();
  }

  subscribe(channel: string, listener: LogListener): () => void {
    const log = this.channel(channel);
    log.listeners.add(listener);
    this.listenerTotal++;
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      log.listeners.delete(listener);
      log.lastUsed = this.now();
      this.listenerTotal--;
    };
  }

  subscriberCount(): number {
    return this.listenerTotal;
  }

  async reset(channel: string): Promise<void> {
    this.channel(channel).reset();
  }

  status(): StoreStatus {
    return { kind: 'memory', available: true };
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    this.channels.clear();
  }
}
