// The embedded store: every channel's log lives in this process. History dies with the process, so
// each channel gets a fresh random epoch whenever it is (re)created; clients holding an older cursor
// then see a reset instead of silently skipping or repeating events.
import { randomBytes } from 'node:crypto';
import { EMPTY_EPOCH } from '../../protocol/channels.ts';
import type {
  AppendResult,
  ChannelStore,
  LogBounds,
  LogEvent,
  LogListener,
  PublishRef,
  ReadResult,
  StoreStatus,
} from './types.ts';

export interface MemoryStoreOptions {
  /** Newest events kept per channel. */
  retention: number;
  /** A channel without listeners and untouched for this long is dropped. */
  idleMs: number;
  /** Channels kept at most; the least recently used channel without listeners goes first. */
  maxChannels: number;
  /** Event JSON (in characters) kept over all channels; past it, least recently used idle channels go. */
  maxBytes?: number;
  /** Channels never evicted (the built-in ticker). */
  pinned?: readonly string[];
  now?: () => number;
}

/**
 * Only the JSON text is kept: `data` is parsed back on the rare read that wants it. Keeping both would
 * double the memory of every retained event, and every transport sends the JSON text anyway.
 */
class StoredEvent implements LogEvent {
  readonly seq: number;
  readonly time: number;
  readonly json: string;
  constructor(seq: number, time: number, json: string) {
    this.seq = seq;
    this.time = time;
    this.json = json;
  }
  get data(): unknown {
    return (JSON.parse(this.json) as { data: unknown }).data;
  }
}

const newEpoch = () => randomBytes(6).toString('base64url');

/** What a read of a channel that does not exist answers: an empty log, created by nothing. */
const EMPTY_BOUNDS: LogBounds = { epoch: EMPTY_EPOCH, oldest: 1, head: 0 };

class ChannelLog {
  private ownEpoch = newEpoch();
  /** Never reset: until its first event the log is the empty one, whose epoch is EMPTY_EPOCH. */
  private fresh = true;
  /** Ring buffer of the newest `retention` events. */
  private ring: (LogEvent | undefined)[];
  head = 0;
  /** Characters of event JSON retained: what the store's memory budget counts. */
  size = 0;
  lastUsed: number;
  readonly listeners = new Set<LogListener>();
  /** Publish refs seen in this epoch, oldest first (a Map keeps insertion order), with their event. */
  readonly refs = new Map<string, { seq: number; time: number; expires: number }>();
  private readonly retention: number;

  constructor(retention: number, now: number) {
    this.retention = retention;
    this.ring = new Array<LogEvent | undefined>(retention);
    this.lastUsed = now;
  }

  /**
   * The empty epoch until the first append, then the log's own: a listener that came before the first
   * publish, and a client that read the empty log, continue into the history it starts.
   */
  get epoch(): string {
    return this.fresh && this.head === 0 ? EMPTY_EPOCH : this.ownEpoch;
  }

  get oldest(): number {
    return Math.max(1, this.head - this.retention + 1);
  }

  bounds(): LogBounds {
    return { epoch: this.epoch, oldest: this.head === 0 ? 1 : this.oldest, head: this.head };
  }

  append(data: unknown, time: number): LogEvent {
    const seq = this.head + 1;
    const event = new StoredEvent(seq, time, JSON.stringify({ seq, time, data }));
    const slot = seq % this.retention;
    this.size += event.json.length - (this.ring[slot]?.json.length ?? 0);
    this.ring[slot] = event;
    this.head = seq;
    return event;
  }

  /** A new history in place: the listeners (held connections) stay attached to this object. */
  reset(): void {
    this.ownEpoch = newEpoch();
    this.fresh = false;
    // A ref names an event of the lost history: in the new one, the same ref is a new publish.
    this.refs.clear();
    this.head = 0;
    this.size = 0;
    this.ring = new Array<LogEvent | undefined>(this.retention);
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
  /**
   * The channel inserted last, which is already where a use would move it: every read moved its channel
   * (a delete and a set on the Map), and under wrk (`npm run bench`, rates, one hot channel) a poll's
   * two reads did so twice per answer for nothing.
   */
  private newest: string | undefined;
  /**
   * Logs that exist only because a held connection listens to a channel nobody has published to. They
   * are not channels yet (not counted against maxChannels, evicting nothing) and go with their last
   * listener; the first publish makes one a channel, listeners and all.
   */
  private readonly waiting = new Map<string, ChannelLog>();
  private readonly now: () => number;
  private readonly sweeper: NodeJS.Timeout;
  private listenerTotal = 0;
  private totalSize = 0;
  private readonly opts: MemoryStoreOptions;

  constructor(opts: MemoryStoreOptions) {
    this.opts = opts;
    this.now = opts.now ?? Date.now;
    // One shared timer sweeps idle channels; a timer per channel would cost more than the channels.
    this.sweeper = setInterval(() => this.sweepIdle(), Math.min(opts.idleMs, 60_000));
    this.sweeper.unref();
  }

  /** The channel, created if need be: only what writes (append, reset) comes here. */
  private channel(name: string): ChannelLog {
    let log = this.channels.get(name);
    if (log) {
      this.channels.delete(name);
    } else {
      log = this.waiting.get(name) ?? new ChannelLog(this.opts.retention, this.now());
      this.waiting.delete(name);
    }
    log.lastUsed = this.now();
    this.channels.set(name, log);
    this.newest = name;
    this.evictForRoom(name);
    return log;
  }

  /**
   * The channel if it exists, marked as used; undefined if not. Reads come here: reading a channel
   * creates nothing, so that clients inventing names cannot push other people's channels out.
   */
  private existing(name: string): ChannelLog | undefined {
    const log = this.channels.get(name);
    if (!log) return this.waiting.get(name);
    log.lastUsed = this.now();
    if (name !== this.newest) {
      this.channels.delete(name);
      this.channels.set(name, log);
      this.newest = name;
    }
    return log;
  }

  private evictable(name: string, log: ChannelLog): boolean {
    return log.listeners.size === 0 && !(this.opts.pinned ?? []).includes(name);
  }

  private drop(name: string, log: ChannelLog): void {
    this.channels.delete(name);
    this.totalSize -= log.size;
  }

  private overBudget(): boolean {
    return this.channels.size > this.opts.maxChannels || this.totalSize > (this.opts.maxBytes ?? Infinity);
  }

  /**
   * Least recently used first (the Map's order). Channels with listeners stay: they are bounded by the
   * connection limits, and dropping one would reset every client watching it.
   */
  private evictForRoom(inUse: string): void {
    if (!this.overBudget()) return;
    for (const [name, log] of this.channels) {
      if (name !== inUse && this.evictable(name, log)) {
        this.drop(name, log);
        if (!this.overBudget()) return;
      }
    }
  }

  sweepIdle(): number {
    const cutoff = this.now() - this.opts.idleMs;
    let evicted = 0;
    for (const [name, log] of this.channels) {
      if (log.lastUsed < cutoff && this.evictable(name, log)) {
        this.drop(name, log);
        evicted++;
      }
    }
    return evicted;
  }

  channelCount(): number {
    return this.channels.size;
  }

  /** Characters of event JSON held over all channels. */
  retainedSize(): number {
    return this.totalSize;
  }

  async append(channel: string, data: unknown, ref?: PublishRef): Promise<AppendResult> {
    const log = this.channel(channel);
    const now = this.now();
    if (ref) {
      // Entries are in the order they were made, so the expired ones are at the front.
      for (const [key, seen] of log.refs) {
        if (seen.expires > now) break;
        log.refs.delete(key);
      }
      const seen = log.refs.get(ref.key);
      if (seen) {
        const json = JSON.stringify({ seq: seen.seq, time: seen.time, data });
        return { event: new StoredEvent(seen.seq, seen.time, json), epoch: log.epoch, duplicate: true };
      }
    }
    const before = log.size;
    const event = log.append(data, now);
    if (ref) log.refs.set(ref.key, { seq: event.seq, time: event.time, expires: now + ref.windowMs });
    this.totalSize += log.size - before;
    this.evictForRoom(channel);
    for (const listener of log.listeners) listener(event, log.epoch);
    return { event, epoch: log.epoch };
  }

  async read(channel: string, from: number, limit: number): Promise<ReadResult> {
    const log = this.existing(channel);
    return log ? { bounds: log.bounds(), events: log.slice(from, limit) } : { bounds: EMPTY_BOUNDS, events: [] };
  }

  async bounds(channel: string): Promise<LogBounds> {
    return this.existing(channel)?.bounds() ?? EMPTY_BOUNDS;
  }

  subscribe(channel: string, listener: LogListener): () => void {
    let log = this.existing(channel);
    if (!log) {
      log = new ChannelLog(this.opts.retention, this.now());
      this.waiting.set(channel, log);
    }
    log.listeners.add(listener);
    this.listenerTotal++;
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      log.listeners.delete(listener);
      log.lastUsed = this.now();
      this.listenerTotal--;
      // Still nobody has published to it: with its last listener gone, it is no log at all.
      if (log.listeners.size === 0 && this.waiting.get(channel) === log) this.waiting.delete(channel);
    };
  }

  async reset(channel: string): Promise<LogBounds> {
    const log = this.channel(channel);
    this.totalSize -= log.size;
    log.reset();
    return log.bounds();
  }

  subscriberCount(): number {
    return this.listenerTotal;
  }

  status(): StoreStatus {
    return { kind: 'memory', available: true };
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    this.channels.clear();
    this.waiting.clear();
    this.totalSize = 0;
  }
}
