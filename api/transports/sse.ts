// Server-Sent Events (WHATWG HTML §9.2): one long HTTP response of type text/event-stream that the
// server keeps writing to. The browser's EventSource parses it, reconnects by itself after `retry` ms
// and sends the last `id:` it saw back as the Last-Event-ID header, so resuming is built in: the server
// only has to turn that id back into a cursor.
import type { HttpBindings } from '@hono/node-server';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import type { Context } from 'hono';
import type { Deps } from '../context.ts';
import { parseEventId } from '../log/cursor.ts';
import type { ClientCursor } from '../log/reader.ts';
import { parseCursor, techniqueMeters } from './admission.ts';
import { holdStream, StreamHeartbeat, streamChannel } from './event-stream.ts';
import type { HttpTransport } from './transport.ts';

/** Last-Event-ID wins over ?after=: EventSource reconnects to the same URL, with the header updated. */
function cursorOf(c: Context): ClientCursor {
  const lastEventId = c.req.header('last-event-id');
  if (lastEventId) return parseEventId(lastEventId);
  return parseCursor(c.req.query('after'), c.req.query('epoch'));
}

// #region sse-stream
export function sseHandler(deps: Deps, heartbeat: StreamHeartbeat) {
  const meters = techniqueMeters(deps.metrics, 'sse');
  return async (c: Context<{ Bindings: HttpBindings }>) => {
    const channel = c.req.param('channel')!;
    const cursor = cursorOf(c);
    const res = c.env.outgoing;
    const lease = holdStream(deps, c.env, 'sse');
    meters.requests.inc();
    // From here on the bytes are the same for every event stream (event-stream.ts): frames with ids
    // that carry the epoch, gap and reset events, heartbeats on quiet streams.
    await streamChannel(deps, res, { channel, cursor, meters, heartbeat, lease });
    return RESPONSE_ALREADY_SENT;
  };
}
// #endregion sse-stream

export const sseTransport = {
  technique: 'sse',
  kind: 'http',
  create(deps) {
    const heartbeat = new StreamHeartbeat(deps.config.SSE_HEARTBEAT_MS, (bytes) =>
      deps.metrics.bytesWritten.inc({ technique: 'sse' }, bytes),
    );
    return { handler: sseHandler(deps, heartbeat), close: () => heartbeat.stop() };
  },
} satisfies HttpTransport;
