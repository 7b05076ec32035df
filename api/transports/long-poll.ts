// Long polling (RFC 6202 §2): the client asks "anything after my cursor?" and the server holds the
// request open until there is, or until a timeout, then the client asks again at once. Events arrive
// as soon as they are published, over plain HTTP; the cost is one held request per client and a
// reconnect after every answer, during which the cursor keeps anything published from being lost.
import type { ServerResponse } from 'node:http';
import type { HttpBindings } from '@hono/node-server';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import type { Context } from 'hono';
import type { Deps } from '../context.ts';
import { errorBody } from '../errors.ts';
import { clientIp } from '../limits.ts';
import { type ReadFromCursor, readFromCursor } from '../log/reader.ts';
import type { Cursor } from '../log/cursor.ts';
import {
  holdConnection,
  intParam,
  pageLimit,
  parseCursor,
  type TechniqueMeters,
  techniqueMeters,
  tooManyConnections,
} from './admission.ts';
import { JSON_HEADERS, pollAnswer } from './poll.ts';
import type { HttpTransport } from './transport.ts';

const MAX_TIMEOUT_MS = 30_000;
/** The answer to a held request when the server is going away: reconnect elsewhere, do not reuse this socket. */
const CLOSE = { Connection: 'close' };

/** The same answer jsonResponse() gives, written straight to a Node response that Hono has let go of. */
function writeJson(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { ...JSON_HEADERS, 'Content-Length': Buffer.byteLength(body), ...headers }).end(body);
}

/** The hold asked for. Clamped, not refused: a client asking for 60 s behind a proxy that cuts at 30 s gets 30 s. */
export function longPollTimeout(deps: Deps, raw: string | undefined): number {
  return intParam(
    raw,
    'timeout',
    deps.config.LONG_POLL_TIMEOUT_MS,
    { min: 0, max: MAX_TIMEOUT_MS, clamp: true },
    'invalid_timeout',
  );
}

// #region long-poll-handler
type Wake = 'event' | 'timeout' | 'gone' | 'shutdown';

/** Events waiting, or news about the cursor itself (gap, reset), or no wait asked for: answer at once. */
export function answersAtOnce(first: ReadFromCursor, timeoutMs: number): boolean {
  return first.events.length > 0 || first.start.kind === 'gap' || first.start.kind === 'reset' || timeoutMs === 0;
}

/** What a long-poll asks for, read from its URL by the route (or by the fast path, api/fast-path.ts). */
export interface LongPollAsk {
  readonly channel: string;
  readonly cursor: Cursor;
  readonly limit: number;
  readonly timeoutMs: number;
  readonly ip: string;
}

/** Writes the whole answer to the Node response: status, JSON body, extra headers. */
export type WriteAnswer = (status: number, body: string, headers?: Record<string, string>) => void;

/**
 * Holds one long-poll until there is something to answer, then answers it through `write`. Rejects only
 * before anything is written (the per-IP limit, a store that fails the first read): the caller answers
 * with the error then.
 */
export async function holdLongPoll(
  deps: Deps,
  meters: TechniqueMeters,
  ask: LongPollAsk,
  res: ServerResponse,
  write: WriteAnswer,
): Promise<void> {
  const { channel, cursor, limit, timeoutMs } = ask;
  // The per-IP limit is checked before anything is read, answered at once or not (the contract's 429).
  if (!deps.connections.hasRoom(ask.ip)) throw tooManyConnections();
  const first = await readFromCursor(deps.store, channel, cursor, limit);
  meters.requests.inc();
  // Most answers go at once (a long-poller that was behind), and `npm run bench` (rates, wrk) measured
  // them at 0.82× a bare server's rate while a lease, a subscription, a timer and a close listener were
  // set up and torn down around every one: 26.2 µs of server CPU per answer against 16.9. So the wait's
  // machinery is set up only for a request that waits.
  if (answersAtOnce(first, timeoutMs)) {
    meters.delivered.inc(first.events.length);
    const body = pollAnswer(first);
    meters.bytesWritten.inc(Buffer.byteLength(body));
    return write(200, body);
  }

  let woken: Wake | undefined;
  let onWake: ((why: Wake) => void) | undefined;
  const wake = (why: Wake) => {
    if (woken) return;
    woken = why;
    onWake?.(why);
  };
  const held = holdConnection(deps, {
    technique: 'long-poll',
    ip: ask.ip,
    endForShutdown: () => wake('shutdown'),
  });
  const unsubscribe = deps.store.subscribe(channel, () => wake('event'));
  // Measured by `npm run bench` (capacity, 15 000 waiting clients): a request awaiting inside the
  // handler keeps Hono's context, its middleware frames and the fetch-style Request alive for the
  // whole wait, 17 KB of heap per waiting client against 5.7 KB for a bare node:http server. So the
  // wait happens outside the handler: it returns now, and the answer is written to the Node response.
  const timer = setTimeout(() => wake('timeout'), timeoutMs);
  // A client that goes away must free its waiter now, not when the timeout would have fired; one that
  // went during the first read has closed already.
  const onClose = () => wake('gone');
  res.once('close', onClose);
  if (res.destroyed || res.socket?.destroyed !== false) wake('gone');
  const release = () => {
    clearTimeout(timer);
    res.off('close', onClose);
    unsubscribe();
    deps.connections.release(held);
  };
  // The subscription came after the first read: an event published in between (or a reset) would
  // otherwise wait the whole timeout. The channel's bounds say whether anything happened since.
  if (!woken) {
    deps.store.bounds(channel).then(
      (now) => {
        if (now.epoch !== first.bounds.epoch || now.head > first.cursor) wake('event');
      },
      () => wake('event'), // the answer's own read reports the store's failure
    );
  }
  const answerWhenWoken = async (why: Wake) => {
    release();
    if (why === 'gone') return;
    try {
      // Read again from where the first read resolved, so a head cursor does not move to the new head.
      const next = await readFromCursor(deps.store, channel, { after: first.cursor, epoch: first.bounds.epoch }, limit);
      meters.delivered.inc(next.events.length);
      const body = pollAnswer(next);
      meters.bytesWritten.inc(Buffer.byteLength(body));
      write(200, body, why === 'shutdown' ? CLOSE : {});
    } catch (err) {
      console.error(`long-poll: reading ${channel} failed:`, err);
      write(
        500,
        JSON.stringify(errorBody('internal_error', 'Something went wrong on the server; it has been logged.')),
      );
    }
  };
  if (woken) void answerWhenWoken(woken);
  else onWake = (why) => void answerWhenWoken(why);
}

export function longPollHandler(deps: Deps) {
  const meters = techniqueMeters(deps.metrics, 'long-poll');
  return async (c: Context<{ Bindings: HttpBindings }>) => {
    const ask = {
      channel: c.req.param('channel')!,
      cursor: parseCursor(c.req.query('after'), c.req.query('epoch')),
      limit: pageLimit(c.req.query('limit')),
      timeoutMs: longPollTimeout(deps, c.req.query('timeout')),
      ip: clientIp(c.env.incoming, deps.config.TRUST_PROXY),
    };
    const res = c.env.outgoing;
    await holdLongPoll(deps, meters, ask, res, (status, body, headers) => writeJson(res, status, body, headers));
    return RESPONSE_ALREADY_SENT;
  };
}
// #endregion long-poll-handler

export const longPollTransport = {
  technique: 'long-poll',
  kind: 'http',
  create: (deps) => ({ handler: longPollHandler(deps) }),
} satisfies HttpTransport;
