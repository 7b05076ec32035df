// Reading a channel from a client's cursor: once (poll, long-poll) or for as long as a connection lives
// (SSE, WebSocket). Both apply the same cursor rule, so the techniques cannot disagree.
import { resolveCursor, type Cursor, type StartPoint } from './cursor.ts';
import type { ChannelStore, LogBounds, LogEvent } from './types.ts';

export interface ReadFromCursor {
  readonly start: StartPoint;
  readonly bounds: LogBounds;
  readonly events: readonly LogEvent[];
  /** The seq the client should send as `after` next time. */
  readonly cursor: number;
}

/** A cursor may also be 'malformed' (an SSE Last-Event-ID we never issued): that is a reset, not an error. */
export type ClientCursor = Cursor | 'malformed';

function startFor(cursor: ClientCursor, bounds: LogBounds): StartPoint {
  return cursor === 'malformed' ? { kind: 'reset', from: bounds.oldest } : resolveCursor(cursor, bounds);
}

/**
 * If events were evicted between resolving the start and reading (a burst of publishes on a small
 * retention), the first event read is later than planned: report that as a gap rather than skip silently.
 */
function accountForEviction(start: StartPoint, first: LogEvent | undefined): StartPoint {
  if (!first || first.seq <= start.from || start.kind === 'reset') return start;
  const missed = (start.kind === 'gap' ? start.missed : 0) + (first.seq - start.from);
  return { kind: 'gap', from: first.seq, missed };
}

export async function readFromCursor(
  store: ChannelStore,
  channel: string,
  cursor: ClientCursor,
  limit: number,
): Promise<ReadFromCursor> {
  let bounds = await store.bounds(channel);
  let planned = startFor(cursor, bounds);
  let read = await store.read(channel, planned.from, limit);
  // The history changed between the two calls (a channel's first publish, continuing the empty log; a
  // reset): resolve the start again against the history the events come from, from where the first
  // resolution put it, so that every event is read under its own epoch.
  for (let tries = 0; read.bounds.epoch !== bounds.epoch && tries < 3; tries++) {
    const carried: ClientCursor = planned.kind === 'reset' ? cursor : { after: planned.from - 1, epoch: bounds.epoch };
    bounds = read.bounds;
    planned = startFor(carried, bounds);
    read = await store.read(channel, planned.from, limit);
  }
  const { events } = read;
  const start = accountForEviction(planned, events[0]);
  const last = events[events.length - 1];
  return { start, bounds, events, cursor: last ? last.seq : start.from - 1 };
}

export interface FollowSink {
  /**
   * Called before any event, with what the client must be told first (gap or reset); called again only
   * with a gap or a reset (eviction overtaking a long replay, or a live event showing that the history
   * was reset or that events fell out of retention before they could be delivered), or when the events
   * that follow belong to a new epoch without either (a channel's first publish, continuing the empty
   * log the follower started on).
   */
  start(start: StartPoint, bounds: LogBounds): void;
  event(event: LogEvent, epoch: string): void;
}

const REPLAY_PAGE = 500;
/** How long a live follower waits before it tries again to catch up with a store that failed. */
const RESYNC_RETRY_MS = 1000;

/**
 * Follows a channel from a cursor: replays the retained history, then streams new events, with none
 * lost and none repeated at the seam. It subscribes BEFORE reading the history: events published while
 * the replay is being read are buffered and deduplicated by seq, instead of falling between the read and
 * the subscription.
 *
 * A live event that does not follow on from the last one delivered (another epoch: the history was
 * reset or lost; or a jump in seq: a shared store's fan-out fell behind its retention) sends the
 * follower back to the log with its own cursor, so the client is told `reset` or `gap` exactly as a
 * reconnecting client would be, instead of being handed a silent hole. Resolves to the follower, whose
 * stop() ends it.
 */
export async function follow(
  store: ChannelStore,
  channel: string,
  cursor: ClientCursor,
  sink: FollowSink,
): Promise<Follower> {
  const follower = new Follower(store, channel, sink);
  try {
    await follower.catchUp(cursor, true);
  } catch (err) {
    follower.stop();
    throw err;
  }
  return follower;
}

/**
 * One follower's state, as an object rather than closures: `npm run bench` (capacity, heap snapshots
 * of 3 000 WebSockets) counted seven closures and their contexts per follower, about 500 bytes on
 * every held connection, where an object with its methods on the prototype costs one allocation.
 */
export class Follower {
  private readonly store: ChannelStore;
  private readonly channel: string;
  private readonly sink: FollowSink;
  private stopped = false;
  /** While the log is being read, live events wait in `buffered`. */
  private syncing = true;
  private lastSeq = 0;
  private epoch = '';
  private buffered: [LogEvent, string][] = [];
  private retry: NodeJS.Timeout | undefined;
  private readonly unsubscribe: () => void;

  constructor(store: ChannelStore, channel: string, sink: FollowSink) {
    this.store = store;
    this.channel = channel;
    this.sink = sink;
    this.unsubscribe = store.subscribe(channel, this.onLive.bind(this));
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retry);
    this.unsubscribe();
  }

  private deliver(event: LogEvent, eventEpoch: string): void {
    this.lastSeq = event.seq;
    this.sink.event(event, eventEpoch);
  }

  /** Reads the log from a cursor (page by page), then lets the buffered live events through. */
  async catchUp(from: ClientCursor, announceAlways: boolean): Promise<void> {
    const { store, channel, sink } = this;
    this.syncing = true;
    let page = await readFromCursor(store, channel, from, REPLAY_PAGE);
    if (this.stopped) return;
    // A first read always announces its start (the transports ignore head and replay); a resync only
    // has news for the client when it is a gap, a reset, or a new epoch the events continue into (the
    // first publish on a channel that was read while nobody had published to it).
    const news = page.start.kind === 'gap' || page.start.kind === 'reset' || page.bounds.epoch !== this.epoch;
    if (announceAlways || news) sink.start(page.start, page.bounds);
    this.epoch = page.bounds.epoch;
    this.lastSeq = page.start.from - 1;
    for (;;) {
      for (const event of page.events) if (!this.stopped && event.seq > this.lastSeq) this.deliver(event, this.epoch);
      if (page.events.length < REPLAY_PAGE || this.stopped) break;
      page = await readFromCursor(store, channel, { after: this.lastSeq, epoch: this.epoch }, REPLAY_PAGE);
      if (this.stopped) return;
      if (page.start.kind !== 'replay') {
        sink.start(page.start, page.bounds);
        this.epoch = page.bounds.epoch;
        this.lastSeq = page.start.from - 1;
      }
    }
    this.syncing = false;
    if (this.buffered.length === 0) return;
    for (const [event, eventEpoch] of this.buffered.splice(0)) this.onLive(event, eventEpoch);
  }

  private resync(): void {
    this.catchUp({ after: this.lastSeq, epoch: this.epoch }, false).catch((err: unknown) => {
      if (this.stopped) return;
      // The store failed mid-stream (a shared store went away): keep the connection and try again, so
      // the client picks up where it was once the store is back instead of waiting on a dead stream.
      console.error(
        `follow: catching up on ${this.channel} failed, retrying in ${RESYNC_RETRY_MS} ms:`,
        (err as Error).message,
      );
      this.retry = setTimeout(() => this.resync(), RESYNC_RETRY_MS);
    });
  }

  private onLive(event: LogEvent, eventEpoch: string): void {
    if (this.stopped) return;
    if (this.syncing) {
      this.buffered.push([event, eventEpoch]);
      return;
    }
    if (eventEpoch === this.epoch && event.seq <= this.lastSeq) return;
    if (eventEpoch === this.epoch && event.seq === this.lastSeq + 1) {
      this.deliver(event, eventEpoch);
      return;
    }
    this.buffered.push([event, eventEpoch]);
    this.resync();
  }
}
