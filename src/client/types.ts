/**
 * What every browser transport client (poll, long-poll, sse, ws) gives a widget, so a widget can
 * swap techniques without knowing how the bytes travel. The shapes follow shared/api-contract.md.
 */

/** One entry of a channel's log. `time` is the server's clock at publish (epoch ms). */
export interface ChannelEvent {
  seq: number;
  time: number;
  data: unknown;
}

/** The server could not deliver everything after our cursor: `missed` events were evicted. */
export interface GapNotice {
  missed: number;
}

/** The server's log history was lost (restart, flush): our cursor means nothing any more. */
export interface ResetNotice {
  epoch?: string;
}

/**
 * 'connecting': opening, or waiting to try again after a drop;
 * 'live': the transport is open and events can arrive;
 * 'error': the client gave up (or was refused) and will not retry by itself.
 */
export type ConnectionState = 'connecting' | 'live' | 'error';

/**
 * What happened on the wire, as far as a page can see it: each HTTP request and its answer, a stream or
 * socket opening and closing, each message. Widgets draw their timelines from these.
 */
export type WireActivity =
  | { kind: 'request'; id: number }
  /** `events: 0` is an empty answer: a poll that found nothing new, or a long-poll that timed out. */
  | { kind: 'response'; id: number; status: number; bytes: number; events: number }
  | { kind: 'failed'; id: number; reason: string }
  | { kind: 'open' }
  | { kind: 'message'; bytes: number }
  | { kind: 'sent'; bytes: number }
  | { kind: 'closed'; reason: string };

// #region feed-options
export interface FeedCallbacks {
  onEvent?: (event: ChannelEvent) => void;
  onGap?: (gap: GapNotice) => void;
  onReset?: (reset: ResetNotice) => void;
  /** `detail` says in words why, for an 'error' state. */
  onState?: (state: ConnectionState, detail?: string) => void;
  /** Called each time the transport starts another attempt after a drop, with the running count. */
  onReconnect?: (count: number) => void;
  onWire?: (activity: WireActivity) => void;
}

export interface FeedOptions extends FeedCallbacks {
  channel: string;
  /** Resume after this seq (e.g. after the page was hidden); omit to start at the head. */
  after?: number;
  /** The epoch `after` belongs to: if the server's history was lost meanwhile, it answers with a reset. */
  epoch?: string;
  /**
   * A lab id (32 hex digits) to tag the connection with: the server then captures its bytes for the
   * wire inspector and lets the page cut it. Not part of the technique, only of the course's lab.
   */
  lab?: string;
}
// #endregion feed-options

// #region feed-interface
export interface FeedClient {
  close(): void;
  /** Highest seq delivered so far, or undefined before the first event. */
  readonly lastSeq: number | undefined;
  /** The epoch of the log `lastSeq` belongs to, once known. */
  readonly epoch: string | undefined;
  readonly reconnects: number;
}

export type OpenFeed = (options: FeedOptions) => FeedClient;
// #endregion feed-interface

/** Narrow an unknown parsed JSON value to a ChannelEvent; anything else is ignored by clients. */
export function isChannelEvent(value: unknown): value is ChannelEvent {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return Number.isSafeInteger(v.seq) && typeof v.time === 'number' && 'data' in v;
}
