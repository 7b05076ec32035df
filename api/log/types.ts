// The shapes every store and every transport agree on (docs/api-contract.md, "One log per channel").

/** One entry of a channel's append-only log. */
export interface LogEvent {
  readonly seq: number;
  /** Server epoch milliseconds at publish. */
  readonly time: number;
  readonly data: unknown;
  /**
   * `{"seq":…,"time":…,"data":…}` serialized once at publish: with 10 000 subscribers, serializing per
   * subscriber would cost 10 000 JSON.stringify calls per event for the same bytes.
   */
  readonly json: string;
}

/** Where a channel's retained history starts and ends, under which epoch. */
export interface LogBounds {
  /** Opaque; changes whenever the channel's history is lost. Never contains ':' or whitespace. */
  readonly epoch: string;
  /** seq of the oldest retained event; head + 1 when nothing is retained. */
  readonly oldest: number;
  /** seq of the newest event; 0 before the first publish. */
  readonly head: number;
}

export interface ReadResult {
  readonly bounds: LogBounds;
  /** Events with seq >= from, oldest first, at most `limit`. */
  readonly events: readonly LogEvent[];
}

export interface AppendResult {
  readonly event: LogEvent;
  readonly epoch: string;
  /**
   * True when the publish carried a `ref` already seen on this channel, in this epoch, within the
   * dedupe window: nothing was appended, and `event` has the original's seq and time.
   */
  readonly duplicate?: boolean;
}

/** A publish's idempotency key: the same `key` within `windowMs` on one channel appends once. */
export interface PublishRef {
  /** The ref as the client sent it, serialized (JSON), so 1 and "1" are different keys. */
  readonly key: string;
  /** How long the key is remembered, from the first publish that carried it. */
  readonly windowMs: number;
}

export type LogListener = (event: LogEvent, epoch: string) => void;

/** What /api/health says about the store. */
export interface StoreStatus {
  readonly kind: 'memory' | 'redis';
  /** false while a shared store cannot be reached: publishes and reads fail with 503 until it is back. */
  readonly available: boolean;
  /** Why it is unavailable, as a sentence. */
  readonly problem?: string;
}

/**
 * Thrown when the store's backing service cannot be reached. It is the one store failure a client can
 * do something about (wait and retry), so the API answers it with 503 instead of 500.
 */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
  constructor(message: string) {
    super(message);
    // An outage is an operating condition, not a bug: one line in the log, not a stack trace for
    // every request and stream that met it.
    this.stack = `${this.name}: ${message}`;
  }
}

/**
 * A store of channel logs. The transports only ever see this interface, so the same transport code runs
 * on the in-memory store and on a shared store. Methods are async because a shared store is remote.
 */
export interface ChannelStore {
  /**
   * Appends one event. With a `ref`, a key already seen on this channel in its current epoch within the
   * window appends nothing and answers the original seq with `duplicate: true` (atomically: two
   * instances publishing the same ref at once append it once).
   */
  append(channel: string, data: unknown, ref?: PublishRef): Promise<AppendResult>;
  /** The bounds and the events from `from` on (from <= oldest means from the oldest). */
  read(channel: string, from: number, limit: number): Promise<ReadResult>;
  bounds(channel: string): Promise<LogBounds>;
  /** Calls `listener` for every event appended from now on, in seq order. Returns the unsubscribe. */
  subscribe(channel: string, listener: LogListener): () => void;
  /**
   * Drops the channel's history and starts a new one under a new epoch (seq starts again at 1), as a
   * server restart with an in-memory store would. Listeners stay subscribed and receive the new
   * history's events with its epoch, so a follower can tell the two histories apart.
   */
  reset(channel: string): Promise<LogBounds>;
  /** How many listeners are attached, over all channels (tests check it falls back to zero). */
  subscriberCount(): number;
  status(): StoreStatus;
  close(): Promise<void>;
}
