// Long polling (RFC 6202 §2): the client asks "anything after my cursor?" and the server holds the
// request open until there is, or until a timeout, then the client asks again at once. Events arrive
// as soon as they are published, over plain HTTP; the cost is one held request per client and a
// reconnect after every answer, during which the cursor keeps anything published from being lost.
import type { HttpBindings } from '@hono/node-server';
import type { Context } from 'hono';
import type { Deps } from '../context.ts';
import { ApiError } from '../errors.ts';
import { clientIp } from '../limits.ts';
import { readFromCursor } from '../log/reader.ts';
import { cursorFromQuery, intFromQuery } from './params.ts';
import { jsonResponse, pollAnswer } from './poll.ts';

const MAX_TIMEOUT_MS = 30_000;
/** The answer to a held request when the server is going away: reconnect elsewhere, do not reuse this socket. */
const CLOSE = { Connection: 'close' };

// #region long-poll-handler
export function longPollHandler(deps: Deps) {
  return async (c: Context<{ Bindings: HttpBindings }>) => {
    const channel = c.req.param('channel')!;
    const cursor = cursorFromQuery((n) => c.req.query(n));
    // Clamped, not refused: a client asking for 60 s behind a proxy that cuts at 30 s gets 30 s.
    const timeoutMs = intFromQuery(c.req.query('timeout'), 'timeout', deps.config.LONG_POLL_TIMEOUT_MS, 0, MAX_TIMEOUT_MS, 'invalid_timeout');
    deps.metrics.requests.inc({ technique: 'long-poll' });

    const answer = (body: string, headers: Record<string, string> = {}) => {
      deps.metrics.bytesWritten.inc({ technique: 'long-poll' }, Buffer.byteLength(body));
      return jsonResponse(body, 200, headers);
    };

    // Subscribe before the first read: an event published between "nothing yet" and "now waiting"
    // would otherwise wait the whole timeout.
    let wake!: (why: 'event' | 'timeout' | 'gone' | 'shutdown') => void;
    const woken = new Promise<'event' | 'timeout' | 'gone' | 'shutdown'>((resolve) => (wake = resolve));
    const unsubscribe = deps.store.subscribe(channel, () => wake('event'));
    const lease = deps.connections.tryHold({ technique: 'long-poll', ip: clientIp(c.env.incoming, deps.config.TRUST_PROXY), endForShutdown: () => wake('shutdown') });
    if (!lease) {
      unsubscribe();
      throw new ApiError(429, 'too_many_connections', 'Too many held connections from your address; close some and retry.', { 'Retry-After': '5' });
    }
    const timer = setTimeout(() => wake('timeout'), timeoutMs);
    // A client that goes away must free its waiter now, not when the timeout would have fired.
    const onClose = () => wake('gone');
    c.env.outgoing.once('close', onClose);

    try {
      const first = await readFromCursor(deps.store, channel, cursor, 1000);
      // Events waiting, or news about the cursor itself (gap, reset): answer at once.
      if (first.events.length > 0 || first.start.kind === 'gap' || first.start.kind === 'reset' || timeoutMs === 0) {
        deps.metrics.delivered.inc({ technique: 'long-poll' }, first.events.length);
        return answer(pollAnswer(first));
      }
      const why = await woken;
      // Read again from where the first read resolved, so a head cursor does not move to the new head.
      const next = await readFromCursor(deps.store, channel, { after: first.cursor, epoch: first.bounds.epoch }, 1000);
      deps.metrics.delivered.inc({ technique: 'long-poll' }, next.events.length);
      return answer(pollAnswer(next), why === 'shutdown' ? CLOSE : {});
    } finally {
      clearTimeout(timer);
      c.env.outgoing.off('close', onClose);
      unsubscribe();
      lease.release();
    }
  };
}
// #endregion long-poll-handler
