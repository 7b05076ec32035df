// The shapes that travel between server and client, for every technique (docs/api-contract.md).

/** One entry of a channel's log. `time` is the server's clock at publish (epoch ms). */
export interface ChannelEvent {
  seq: number;
  time: number;
  data: unknown;
}

/** The server could not deliver everything after the cursor: `missed` events were evicted. */
export interface GapNotice {
  missed: number;
}

/** The log's history was lost (restart, flush): the cursor means nothing any more. */
export interface ResetNotice {
  epoch?: string;
}

/** The answer of poll and long-poll. Send `cursor` back as the next `after`. */
export interface PollAnswer {
  epoch: string;
  events: ChannelEvent[];
  cursor: number;
  reset?: true;
  missed?: number;
}

/** The answer to a publish over HTTP (201). */
export interface PublishAnswer {
  seq: number;
  time: number;
  epoch: string;
  /** The body's `ref` was already published on this channel within the dedupe window (200, not 201): nothing was appended. */
  duplicate?: true;
}

/** Server → client, over a WebSocket. */
export type ServerMessage =
  /** First on every (re)start of delivery: the epoch the events that follow belong to, and the head. */
  | { type: 'hello'; epoch: string; head: number }
  | ({ type: 'event' } & ChannelEvent)
  | ({ type: 'gap' } & GapNotice)
  | { type: 'reset'; epoch: string }
  /** `duplicate`: the publish's `ref` was already published on this channel (within the dedupe window); `seq` is the original's. */
  | { type: 'ack'; seq: number; ref?: string | number; duplicate?: true }
  | { type: 'error'; code: string; message: string; ref?: string | number; retryAfter?: number };

/** Client → server, over a WebSocket. */
export type ClientMessage =
  | { type: 'publish'; data: unknown; ref?: string | number }
  | { type: 'resume'; after: number; epoch?: string };

/** The longest `ref` a publish may carry. */
export const MAX_REF_LENGTH = 128;

/**
 * How deeply an event's `data` may nest arrays and objects. A 16 KiB body can nest thousands of levels
 * deep, and serializing that again overflows the stack: an event of this course never needs more.
 */
export const MAX_DATA_DEPTH = 64;

/** WebSocket close codes this server uses (RFC 6455 §7.4.1). */
export const CLOSE_CODES = {
  normal: 1000,
  goingAway: 1001,
  messageTooBig: 1009,
  internalError: 1011,
  tryAgainLater: 1013,
} as const;

/** Narrows a parsed JSON value to a ChannelEvent; clients ignore anything else. */
export function isChannelEvent(value: unknown): value is ChannelEvent {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return Number.isSafeInteger(v.seq) && typeof v.time === 'number' && 'data' in v;
}

export function isPollAnswer(value: unknown): value is PollAnswer {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.epoch === 'string' &&
    Array.isArray(v.events) &&
    v.events.every(isChannelEvent) &&
    Number.isSafeInteger(v.cursor)
  );
}
