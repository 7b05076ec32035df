// Reading a channel from a client's cursor: once (poll, long-poll) or for as long as a connection lives
// (SSE, WebSocket). Both apply the same cursor rule, so the four techniques cannot disagree.
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

export async function readFromCursor(store: ChannelStore, channel: string, cursor: ClientCursor, limit: number): Promise<ReadFromCursor> {
  const bounds = await store.bounds(channel);
  const planned = startFor(cursor, bounds);
  const { events } = await store.read(channel, planned.from, limit);
  const start = accountForEviction(planned, events[0]);
  const last = events[events.length - 1];
  return { start, bounds, events, cursor: last ? last.seq : start.from - 1 };
}

export interface FollowSink {
  /**
   * Called before any event, with what the client must be told first (gap or reset); called again only
   * if eviction overtakes a long replay (a gap in the middle).
   */
  start(start: StartPoint, bounds: LogBounds): void;
  event(event: LogEvent, epoch: string): void;
}

const REPLAY_PAGE = 500;

/**
 * Follows a channel from a cursor: replays the retained history, then streams new events, with none
 * lost and none repeated at the seam. It subscribes BEFORE reading the history: events published while
 * the replay is being read are buffered and deduplicated by seq, instead of falling between the read and
 * the subscription. Returns the stop function.
 */
export async function follow(store: ChannelStore, channel: string, cursor: ClientCursor, sink: FollowSink): Promise<() => void> {
  let stopped = false;
  let replaying = true;
  let lastSeq = 0;
  let epochFollowed = '';
  const buffered: [LogEvent, string][] = [];

  const deliver = (event: LogEvent, epoch: string) => {
    if (stopped) return;
    if (epoch !== epochFollowed) {
      // The channel was reset (store.reset) while we follow it: a new history whose seqs start
      // again at 1, which the seq check below would silently drop. Tell the client, then go on.
      epochFollowed = epoch;
      lastSeq = event.seq - 1;
      sink.start({ kind: 'reset', from: event.seq }, { epoch, oldest: event.seq, head: event.seq });
    }
    if (event.seq <= lastSeq) return;
    lastSeq = event.seq;
    sink.event(event, epoch);
  };
  const unsubscribe = store.subscribe(channel, (event, epoch) => {
    if (replaying) buffered.push([event, epoch]);
    else deliver(event, epoch);
  });
  const stop = () => {
    stopped = true;
    unsubscribe();
  };

  try {
    let page = await readFromCursor(store, channel, cursor, REPLAY_PAGE);
    if (stopped) return stop;
    sink.start(page.start, page.bounds);
    lastSeq = page.start.from - 1;
    epochFollowed = page.bounds.epoch;
    for (;;) {
      for (const event of page.events) deliver(event, page.bounds.epoch);
      if (page.events.length < REPLAY_PAGE || stopped) break;
      page = await readFromCursor(store, channel, { after: lastSeq, epoch: page.bounds.epoch }, REPLAY_PAGE);
      if (page.start.kind !== 'replay') {
        sink.start(page.start, page.bounds);
        lastSeq = page.start.from - 1;
        epochFollowed = page.bounds.epoch;
      }
    }
    replaying = false;
    // Buffered events of another epoch were published before a reset that the read already saw.
    for (const [event, epoch] of buffered.splice(0)) if (epoch === epochFollowed) deliver(event, epoch);
  } catch (err) {
    stop();
    throw err;
  }
  return stop;
}
