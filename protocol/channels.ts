// Channels, cursors and event ids as they appear on the wire (docs/api-contract.md, "Data model").

/** A channel name: lowercase letters, digits and '-', at most 64 characters. */
export const CHANNEL_NAME = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** The channel the server itself publishes to once per TICK_MS; clients may read it but not write it. */
export const TICKER_CHANNEL = 'ticker';
export const READ_ONLY_CHANNELS: ReadonlySet<string> = new Set([TICKER_CHANNEL]);

/**
 * The epoch of a log that has never had an event: what a read of a channel nobody has published to
 * answers (reading creates nothing). A cursor on it with `after` 0 is a client that has nothing, so the
 * first history published there continues it, without a reset (api/log/cursor.ts). A published log
 * always has an epoch of its own (8 characters of base64url today), never this one.
 */
export const EMPTY_EPOCH = 'empty';

/**
 * `after` is plain decimal digits: Number() would accept '1e3', ' 1', '0x10' and '' and turn a
 * client's bug into a silent jump. Its value is at most Number.MAX_SAFE_INTEGER (2^53 - 1), the
 * largest integer a JSON number carries exactly.
 */
export const CURSOR_DIGITS = /^\d+$/;
export const MAX_CURSOR = Number.MAX_SAFE_INTEGER;

/**
 * An event-stream id carries the epoch so that an id from an earlier run of the server resolves to a
 * reset: `<epoch>:<seq>`. EventSource sends the last id back verbatim as Last-Event-ID.
 */
export function formatEventId(epoch: string, seq: number): string {
  return `${epoch}:${seq}`;
}

const EVENT_ID = /^([A-Za-z0-9_-]{1,64}):(\d{1,16})$/;

/** The epoch and seq of an id this server issued, or undefined for anything else. */
export function parseEventId(raw: string): { epoch: string; after: number } | undefined {
  const m = EVENT_ID.exec(raw);
  if (!m) return undefined;
  const after = Number(m[2]);
  return Number.isSafeInteger(after) ? { epoch: m[1]!, after } : undefined;
}
