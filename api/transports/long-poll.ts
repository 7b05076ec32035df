// Long polling (RFC 6202 §2): the client asks "anything after my cursor?" and the server holds the
// request open until there is, or until a timeout, then the client asks again at once. Events arrive
// as soon as they are published, over plain HTTP; the cost is one held request per client and a
// reconnect after every answer, during which the cursor keeps anything published from being lost.
import type { ServerResponse } from 'node:http';
import type { HttpBindings } from '@hono/node-server';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import type { Context } from 'hono';
import type { Deps } from '../context.ts';
import { ApiError, errorBody } from '../errors.ts';
import { clientIp } from '../limits.ts';
import { type ReadFromCursor, readFromCursor } from '../log/reader.ts';
import { cursorFromQuery, intFromQuery } from './params.ts';
import { JSON_HEADERS, jsonResponse, pollAnswer } from './poll.ts';

const MAX_TIMEOUT_MS = 30_000;
/** The answer to a held request when the server is going away: reconnect elsewhere, do not reuse this socket. */
const CLOSE = { Connection: 'close' };

/** The same answer jsonResponse() gives, written straight to a Node response that Hono has let go of. */
function writeJson(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { ...JSON_HEADERS, 'Content-Length': Buffer.byteLength(body), ...headers }).end(body);
}

// #region long-poll-handler
type Wake = 'event' | 'timeout' | 'gone' | 'shutdown';

export function longPollHandler(deps: Deps) {
  return async (c: Context<{ Bindings: HttpBindings }>) => {
    const channel = c.req.param('channel')!;
    const cursor = cursorFromQuery((n) => c.req.query(n));
    // Clamped, not refused: a client asking for 60 s behind a proxy that cuts at 30 s gets 30 s.
    const timeoutMs = intFromQuery(
      c.req.query('timeout'),
      'timeout',
      deps.config.LONG_POLL_TIMEOUT_MS,
      0,
      MAX_TIMEOUT_MS,
      'invalid_timeout',
    );
    deps.metrics.requests.inc({ technique: 'long-poll' });
    const res = c.env.outgoing;

    // Subscribe before the first read: an event published between "nothing yet" and "now waiting"
    // would otherwise wait the whole timeout.
    let woken: Wake | undefined;
    let onWake: ((why: Wake) => void) | undefined;
    const wake = (why: Wake) => {
      if (woken) return;
      woken = why;
      onWake?.(why);
    };
    const unsubscribe = deps.store.subscribe(channel, () => wake('event'));
    const lease = deps.connections.tryHold({
      technique: 'long-poll',
      ip: clientIp(c.env.incoming, deps.config.TRUST_PROXY),
      endForShutdown: () => wake('shutdown'),
    });
    if (!lease) {
      unsubscribe();
      throw new ApiError(
        429,
        'too_many_connections',
        'Too many held connections from your address; close some and retry.',
        { 'Retry-After': '5' },
      );
    }
    const timer = setTimeout(() => wake('timeout'), timeoutMs);
    // A client that goes away must free its waiter now, not when the timeout would have fired.
    const onClose = () => wake('gone');
    res.once('close', onClose);
    const release = () => {
      clearTimeout(timer);
      res.off('close', onClose);
      unsubscribe();
      lease.release();
    };

    let first: ReadFromCursor;
    try {
      first = await readFromCursor(deps.store, channel, cursor, 1000);
    } catch (err) {
      release();
      throw err;
    }
    // Events waiting, or news about the cursor itself (gap, reset): answer at once.
    if (first.events.length > 0 || first.start.kind === 'gap' || first.start.kind === 'reset' || timeoutMs === 0) {
      release();
      deps.metrics.delivered.inc({ technique: 'long-poll' }, first.events.length);
      const body = pollAnswer(first);
      deps.metrics.bytesWritten.inc({ technique: 'long-poll' }, Buffer.byteLength(body));
      return jsonResponse(body);
    }

    // Measured by `npm run bench` (capacity, 15 000 waiting clients): a request awaiting inside the
    // handler keeps Hono's context, its middleware frames and the fetch-style Request alive for the
    // whole wait, 17 KB of heap per waiting client against 5.7 KB for a bare node:http server. So the
    // wait happens outside the handler: it returns now, and the answer is written to the Node response.
    const answerWhenWoken = async (why: Wake) => {
      release();
      if (why === 'gone') return;
      try {
        // Read again from where the first read resolved, so a head cursor does not move to the new head.
        const next = await readFromCursor(
          deps.store,
          channel,
          { after: first.cursor, epoch: first.bounds.epoch },
          1000,
        );
        deps.metrics.delivered.inc({ technique: 'long-poll' }, next.events.length);
        const body = pollAnswer(next);
        deps.metrics.bytesWritten.inc({ technique: 'long-poll' }, Buffer.byteLength(body));
        writeJson(res, 200, body, why === 'shutdown' ? CLOSE : {});
      } catch (err) {
        console.error(`long-poll: reading ${channel} failed:`, err);
        writeJson(
          res,
          500,
          JSON.stringify(errorBody('internal_error', 'Something went wrong on the server; it has been logged.')),
        );
      }
    };
    if (woken) void answerWhenWoken(woken);
    else onWake = (why) => void answerWhenWoken(why);
    return RESPONSE_ALREADY_SENT;
  };
}
// #endregion long-poll-handler
