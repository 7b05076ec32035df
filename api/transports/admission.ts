// What every transport does before and around delivering events, written once: the channel name, the
// cursor (one sentence per kind of fault), the per-IP lease on a held connection and its 429, the
// slow-consumer drop, and the metrics bound to the technique. Each transport file then shows only what
// makes its technique different, which is what the lessons show.
import { CHANNEL_NAME, MAX_CURSOR } from '../../protocol/channels.ts';
import type { TechniqueId } from '../../protocol/techniques.ts';
import type { HeldConnection } from '../connections.ts';
import type { Deps } from '../context.ts';
import { ApiError } from '../errors.ts';
import { type Cursor, parseAfter } from '../log/cursor.ts';
import type { Metrics, Tally } from '../metrics.ts';

export function checkChannel(channel: string): string {
  if (!CHANNEL_NAME.test(channel)) {
    throw new ApiError(
      'invalid_channel',
      `Channel names match ^[a-z0-9][a-z0-9-]{0,63}$; got ${JSON.stringify(channel.slice(0, 80))}.`,
    );
  }
  return channel;
}

/**
 * A cursor as a client sends it: `after` in plain decimal digits (a query parameter) or a JSON number
 * (a WebSocket `resume`), and optionally the epoch it belongs to. An empty `epoch` is no epoch.
 */
export function parseCursor(after: unknown, epoch: unknown): Cursor {
  let seq: number | undefined;
  if (typeof after === 'number') {
    if (!Number.isInteger(after) || after < 0) {
      throw new ApiError('invalid_cursor', `"after" must be a non-negative integer; got ${JSON.stringify(after)}.`);
    }
    if (after > MAX_CURSOR) throw tooLarge();
    seq = after;
  } else if (typeof after === 'string') {
    const parsed = parseAfter(after);
    if (parsed === 'invalid') {
      throw new ApiError(
        'invalid_cursor',
        `"after" must be a non-negative integer in plain decimal digits; got ${JSON.stringify(after.slice(0, 40))}.`,
      );
    }
    if (parsed === 'too-large') throw tooLarge();
    seq = parsed;
  } else if (after !== undefined && after !== null) {
    throw new ApiError('invalid_cursor', `"after" must be a number; got ${JSON.stringify(after)}.`);
  }
  if (epoch !== undefined && epoch !== null && typeof epoch !== 'string') {
    throw new ApiError('invalid_cursor', `"epoch" must be a string when given; got ${JSON.stringify(epoch)}.`);
  }
  return { after: seq, epoch: epoch === '' || epoch === null ? undefined : epoch };
}

/**
 * A cursor sent as JSON (a WebSocket `resume`, the body of a fetch stream): `after` must be a JSON
 * number there; the digits of a query string are not accepted in quotes.
 */
export function parseJsonCursor(after: unknown, epoch: unknown): Cursor {
  if (after !== undefined && after !== null && typeof after !== 'number') {
    throw new ApiError('invalid_cursor', `"after" must be a JSON number, not ${JSON.stringify(after).slice(0, 40)}.`);
  }
  return parseCursor(after, epoch);
}

const tooLarge = () =>
  new ApiError(
    'invalid_cursor',
    `"after" is larger than ${MAX_CURSOR} (2^53 - 1), the largest seq a JSON number carries exactly; no log gets that far.`,
  );

/** An optional integer query parameter within [min, max]; outside it, a 400 that names the range. */
export function intParam(
  raw: string | undefined,
  name: string,
  fallback: number,
  range: { min: number; max: number; clamp?: boolean },
  code: 'invalid_limit' | 'invalid_timeout',
): number {
  if (raw === undefined || raw === '') return fallback;
  if (!/^-?\d{1,15}$/.test(raw)) throw new ApiError(code, `"${name}" must be an integer; got ${JSON.stringify(raw)}.`);
  const n = Number(raw);
  if (range.clamp) return Math.min(range.max, Math.max(range.min, n));
  if (n < range.min || n > range.max) {
    throw new ApiError(code, `"${name}" must be from ${range.min} to ${range.max}; got ${n}.`);
  }
  return n;
}

/** Events one poll or long-poll answer carries: `limit`, the same default and bounds for both. */
export const PAGE_LIMIT = { default: 100, min: 1, max: 1000 } as const;

export const pageLimit = (raw: string | undefined) =>
  intParam(raw, 'limit', PAGE_LIMIT.default, PAGE_LIMIT, 'invalid_limit');

export const tooManyConnections = () =>
  new ApiError('too_many_connections', 'Too many held connections from your address; close some and retry.', {
    'Retry-After': '5',
  });

/**
 * Holds a connection for its client IP, or refuses it with 429 when the IP holds its maximum already;
 * `deps.connections.release(conn)` gives it back.
 */
export function holdConnection<C extends HeldConnection>(deps: Deps, conn: C): C {
  if (!deps.connections.tryHold(conn)) throw tooManyConnections();
  return conn;
}

/**
 * A client that stopped reading would make the server hold every event for it in memory: past the
 * limit it is dropped (and resumes from its cursor when it comes back), not the server's memory.
 */
export function dropIfSlow(deps: Deps, unsentBytes: number, drop: () => void): boolean {
  if (unsentBytes <= deps.config.SLOW_CLIENT_MAX_BUFFER_BYTES) return false;
  deps.metrics.rejections.inc({ reason: 'slow_consumer' });
  drop();
  return true;
}

export interface TechniqueMeters {
  readonly requests: Tally;
  readonly delivered: Tally;
  readonly bytesWritten: Tally;
}

/**
 * The technique's counters, bound once: resolving a label set on every delivery showed up in the
 * fan-out profile, and so did prom-client's inc() itself under wrk (metrics.ts, `tally`).
 */
export function techniqueMeters(metrics: Metrics, technique: TechniqueId): TechniqueMeters {
  return {
    requests: metrics.tally('requests', technique),
    delivered: metrics.tally('delivered', technique),
    bytesWritten: metrics.tally('bytesWritten', technique),
  };
}
