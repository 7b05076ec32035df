// Short polling: the client asks "anything after my cursor?" on a timer and the server answers at once,
// usually with nothing. Simple, cache-friendly and works through every proxy; the price is requests that
// carry no news and events that wait up to one interval to be seen.
import type { Context } from 'hono';
import type { Deps } from '../context.ts';
import { readFromCursor, type ReadFromCursor } from '../log/reader.ts';
import { cursorFromQuery, intFromQuery } from './params.ts';

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

/**
 * The answer body of poll and long-poll. Each event's JSON was serialized once at publish, so the body
 * is stitched from those strings rather than stringified again per request.
 */
export function pollAnswer(r: ReadFromCursor): string {
  const extra =
    r.start.kind === 'reset' ? ',"reset":true' : r.start.kind === 'gap' ? `,"missed":${r.start.missed}` : '';
  return `{"epoch":${JSON.stringify(r.bounds.epoch)},"events":[${r.events.map((e) => e.json).join(',')}],"cursor":${r.cursor}${extra}}`;
}

export const JSON_HEADERS = {
  'Content-Type': 'application/json; charset=utf-8',
  // A poll answer is stale the moment it is sent: a cache in between must not replay it.
  'Cache-Control': 'no-store',
} as const;

export function jsonResponse(body: string, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(body, { status, headers: { ...JSON_HEADERS, ...headers } });
}

// #region poll-handler
export function pollHandler(deps: Deps) {
  return async (c: Context) => {
    const channel = c.req.param('channel')!;
    const cursor = cursorFromQuery((n) => c.req.query(n));
    const limit = intFromQuery(c.req.query('limit'), 'limit', DEFAULT_LIMIT, 1, MAX_LIMIT, 'invalid_limit');

    const result = await readFromCursor(deps.store, channel, cursor, limit);
    const body = pollAnswer(result);

    deps.metrics.requests.inc({ technique: 'poll' });
    deps.metrics.delivered.inc({ technique: 'poll' }, result.events.length);
    deps.metrics.bytesWritten.inc({ technique: 'poll' }, Buffer.byteLength(body));
    return jsonResponse(body);
  };
}
// #endregion poll-handler
