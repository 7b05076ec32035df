/**
 * What every browser transport client gives a widget, so a widget can swap techniques without knowing
 * how the bytes travel (openFeed in open-feed.ts). The wire shapes are the contract's (protocol/).
 */
import type { ChannelEvent, GapNotice, ResetNotice } from '../../protocol/messages.ts';

export type { ChannelEvent, GapNotice, ResetNotice } from '../../protocol/messages.ts';
export { isChannelEvent } from '../../protocol/messages.ts';

/**
 * 'connecting': opening, or waiting to try again after a drop;
 * 'live': the transport is open and events can arrive;
 * 'error': the client gave up (or was refused) and will not retry by itself.
 */
export type ConnectionState = 'connecting' | 'live' | 'error';

/**
 * Why a client gave up ('error'), as a code a page can put in its own words (the `detail` sentence
 * says it in English):
 * 'refused': the server answered `status`, and asking again would get the same answer;
 * 'told-to-stop': a stream was answered 204, a server's way of saying "stop";
 * 'stream-refused' / 'stream-failed': EventSource closed for good, before or after it had opened;
 * 'no-socket': a WebSocket could not open `tries` times in a row.
 */
export type StopReason =
  | { code: 'refused'; status: number }
  | { code: 'told-to-stop' }
  | { code: 'stream-refused' }
  | { code: 'stream-failed' }
  | { code: 'no-socket'; tries: number };

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
  /** `detail` says in words why, for an 'error' state; `reason` says it as a code. */
  onState?: (state: ConnectionState, detail?: string, reason?: StopReason) => void;
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
  /** The server's origin, `http://host:port`; omitted in a page, which talks to its own origin. */
  base?: string;
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
// #endregion feed-interface
