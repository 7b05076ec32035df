// Short polling: the client asks "anything after my cursor?" on a timer and the server answers at once,
// usually with nothing. Simple, cache-friendly and works through every proxy; the price is requests that
// carry no news and events that wait up to one interval to be seen.
import type { Context } from 'hono';
import type { Deps } from '../context.ts';
import { type ReadFromCursor, readFromCursor } from '../log/reader.ts';
import { pageLimit, parseCursor, techniqueMeters } from './admission.ts';
import type { HttpTransport } from './transport.ts';

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
  // The one JSON media type of the API (RFC 8259 §11 defines no charset parameter: JSON is UTF-8).
  'Content-Type': 'application/json',
  // A poll answer is stale the moment it is sent: a cache in between must not replay it.
  'Cache-Control': 'no-store',
} as const;

export function jsonResponse(body: string, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(body, { status, headers: { ...JSON_HEADERS, ...headers } });
}

// #region poll-handler
export function pollHandler(deps: Deps) {
  const meters = techniqueMeters(deps.metrics, 'poll');
  return async (c: Context) => {
    const channel = c.req.param('channel')!;
    const cursor = parseCursor(c.req.query('after'), c.req.query('epoch'));
    const limit = pageLimit(c.req.query('limit'));

    const result = await readFromCursor(deps.store, channel, cursor, limit);
    const body = pollAnswer(result);

    meters.requests.inc();
    meters.delivered.inc(result.events.length);
    meters.bytesWritten.inc(Buffer.byteLength(body));
    return jsonResponse(body);
  };
}
// #endregion poll-handler

export const pollTransport = {
  technique: 'poll',
  kind: 'http',
  create: (deps) => ({ handler: pollHandler(deps) }),
} satisfies HttpTransport;
