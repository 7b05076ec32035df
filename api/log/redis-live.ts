// Live fan-out for the Redis store: one pub/sub subscription per channel that has listeners on this
// instance, however many clients listen. Pub/sub alone is at-most-once (a message published while the
// subscriber's connection is down is gone), so pub/sub is only the fast path: the log in the stream is
// the truth. Every message must follow on from the last event delivered; when one does not (a jump in
// seq, another epoch) or the subscription was just (re)made, the channel reads the stream from its own
// cursor instead, so listeners see every event once, in order, across reconnects and restarts.
import type { LogBounds, LogEvent, LogListener, ReadResult } from './types.ts';

/** What the fan-out needs from the store and from the subscriber connection. */
export interface LiveSource {
  /**
   * Must send its command synchronously when called: a listener's own history read, issued right after
   * subscribing on the same connection, is then answered after it (see LiveChannel's constructor).
   */
  bounds(channel: string): Promise<LogBounds>;
  read(channel: string, from: number, limit: number): Promise<ReadResult>;
  pubsubName(channel: string): string;
  /** Resolves once Redis has confirmed the subscription. */
  subscribe(pubsub: string): Promise<void>;
  unsubscribe(pubsub: string): Promise<void>;
}

const CATCH_UP_PAGE = 500;

interface WireEvent {
  seq: number;
  time: number;
  data: unknown;
}

class LiveChannel {
  readonly name: string;
  readonly pubsub: string;
  readonly listeners = new Set<LogListener>();
  subscription: 'none' | 'pending' | 'active' = 'none';
  closed = false;
  /** Set when a catch-up or the first read failed: the maintenance tick tries again. */
  stalled = false;
  lingering: NodeJS.Timeout | undefined;
  private readonly source: LiveSource;
  private epoch = '';
  private lastSeq = 0;
  /** Where live delivery starts; undefined until a read of the bounds succeeds. */
  private start: Promise<LogBounds> | undefined;
  private known = false;
  private readonly inbox: string[] = [];
  private pumping = false;
  private catchUpWanted = false;

  constructor(name: string, source: LiveSource) {
    this.name = name;
    this.source = source;
    this.pubsub = source.pubsubName(name);
    // Sent now, before the caller's own history read on the same connection, so Redis answers it
    // first: every event up to this head is in that history read, every later one reaches the
    // listener from here. Nothing published in between can fall through.
    this.start = source.bounds(name);
    this.start.catch(() => {}); // handled in pump(); this only keeps it from being "unhandled"
  }

  /** A pub/sub message: "<epoch> <event JSON>". */
  receive(message: string): void {
    this.inbox.push(message);
    void this.pump();
  }

  /** The subscription is (again) in place: anything published while it was not must be read from the log. */
  catchUp(): void {
    this.catchUpWanted = true;
    void this.pump();
  }

  private emit(event: LogEvent): void {
    this.lastSeq = event.seq;
    for (const listener of [...this.listeners]) {
      try {
        listener(event, this.epoch);
      } catch (err) {
        console.error(`redis fan-out: a listener of ${this.name} failed:`, err);
      }
    }
  }

  // #region redis-live
  /** One message at a time, in order; a message that does not follow on asks for a catch-up instead. */
  private take(message: string): void {
    const space = message.indexOf(' ');
    const epoch = message.slice(0, space);
    const json = message.slice(space + 1);
    const wire = JSON.parse(json) as WireEvent;
    if (epoch === this.epoch && wire.seq <= this.lastSeq) return;
    if (epoch === this.epoch && wire.seq === this.lastSeq + 1) {
      this.emit({ seq: wire.seq, time: wire.time, data: wire.data, json });
      return;
    }
    this.catchUpWanted = true;
  }

  private async readLog(): Promise<void> {
    for (;;) {
      const { bounds, events } = await this.source.read(this.name, this.lastSeq + 1, CATCH_UP_PAGE);
      if (bounds.epoch !== this.epoch) {
        // The history was reset or lost: the new one starts over at seq 1.
        this.epoch = bounds.epoch;
        this.lastSeq = 0;
        if (bounds.head === 0) return;
        continue;
      }
      for (const event of events) if (event.seq > this.lastSeq) this.emit(event);
      if (events.length < CATCH_UP_PAGE) return;
    }
  }
  // #endregion redis-live

  async pump(): Promise<void> {
    if (this.pumping || this.closed) return;
    this.pumping = true;
    try {
      if (!this.known) {
        const bounds = await (this.start ??= this.source.bounds(this.name));
        this.epoch = bounds.epoch;
        this.lastSeq = bounds.head;
        this.known = true;
      }
      this.stalled = false;
      while (!this.closed) {
        if (this.catchUpWanted) {
          this.catchUpWanted = false;
          await this.readLog();
          continue;
        }
        const message = this.inbox.shift();
        if (message === undefined) break;
        this.take(message);
      }
    } catch {
      // Redis failed under us. Keep what arrived and try again from the maintenance tick, or as soon as
      // the subscriber is back; the catch-up then reads whatever was missed from the log.
      if (!this.known) this.start = undefined;
      this.catchUpWanted = true;
      this.stalled = true;
    } finally {
      this.pumping = false;
    }
  }
}

export class LiveChannels {
  private readonly source: LiveSource;
  private readonly lingerMs: number;
  private readonly channels = new Map<string, LiveChannel>();
  private readonly byPubsub = new Map<string, LiveChannel>();
  private listenerTotal = 0;
  private readonly ticker: NodeJS.Timeout;

  /**
   * lingerMs: how long a channel stays subscribed after its last listener left. A long-poll client
   * comes back right after each answer; without this every round trip would subscribe and unsubscribe.
   */
  constructor(source: LiveSource, lingerMs: number) {
    this.source = source;
    this.lingerMs = lingerMs;
    this.ticker = setInterval(() => this.maintain(), 1000);
    this.ticker.unref();
  }

  add(channel: string, listener: LogListener): () => void {
    let live = this.channels.get(channel);
    if (!live) {
      live = new LiveChannel(channel, this.source);
      this.channels.set(channel, live);
      this.byPubsub.set(live.pubsub, live);
      this.subscribe(live);
    }
    clearTimeout(live.lingering);
    live.listeners.add(listener);
    this.listenerTotal++;
    const owner = live;
    let attached = true;
    return () => {
      if (!attached) return;
      attached = false;
      owner.listeners.delete(listener);
      this.listenerTotal--;
      if (owner.listeners.size === 0) owner.lingering = setTimeout(() => this.drop(owner), this.lingerMs);
    };
  }

  listenerCount(): number {
    return this.listenerTotal;
  }

  /** Channels that have listeners here now: their keys must not expire as idle. */
  watched(): string[] {
    return [...this.channels.values()].filter((c) => c.listeners.size > 0).map((c) => c.name);
  }

  /** The subscriber's pub/sub listener, for every channel. */
  readonly onMessage = (message: string, pubsub: string): void => {
    this.byPubsub.get(pubsub)?.receive(message);
  };

  /**
   * The subscriber connection is ready again: node-redis has renewed the subscriptions it had (before
   * 'ready'), so catch up on those; subscribe the ones whose SUBSCRIBE was lost with the connection.
   */
  subscriberReady(): void {
    for (const live of this.channels.values()) {
      if (live.subscription === 'active') live.catchUp();
      else this.subscribe(live);
    }
  }

  private subscribe(live: LiveChannel): void {
    if (live.subscription !== 'none') return;
    live.subscription = 'pending';
    this.source.subscribe(live.pubsub).then(
      () => {
        if (live.closed) {
          if (!this.byPubsub.has(live.pubsub)) void this.source.unsubscribe(live.pubsub).catch(() => {});
          return;
        }
        live.subscription = 'active';
        live.catchUp();
      },
      () => {
        live.subscription = 'none'; // tried again by subscriberReady() or the next maintenance tick
      },
    );
  }

  private drop(live: LiveChannel): void {
    if (live.listeners.size > 0 || live.closed) return;
    live.closed = true;
    this.channels.delete(live.name);
    this.byPubsub.delete(live.pubsub);
    if (live.subscription === 'active') void this.source.unsubscribe(live.pubsub).catch(() => {});
  }

  /** Retries what failed: lost subscriptions and stalled catch-ups. */
  private maintain(): void {
    for (const live of this.channels.values()) {
      if (live.subscription === 'none') this.subscribe(live);
      else if (live.stalled) void live.pump();
    }
  }

  close(): void {
    clearInterval(this.ticker);
    for (const live of this.channels.values()) {
      clearTimeout(live.lingering);
      live.closed = true;
    }
    this.channels.clear();
    this.byPubsub.clear();
  }
}
