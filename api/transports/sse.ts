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
import { openEventStream, StreamHeartbeat } from './event-stream.ts';
import type { HttpTransport } from './transport.ts';

/** Last-Event-ID wins over ?after=: EventSource reconnects to the same URL, with the header updated. */
function cursorOf(lastEventId: string | undefined, after: string | undefined, epoch: string | undefined): ClientCursor {
  if (lastEventId) return parseEventId(lastEventId);
  return parseCursor(after, epoch);
}

// #region sse-stream
export function sseHandler(deps: Deps, heartbeat: StreamHeartbeat) {
  const meters = techniqueMeters(deps.metrics, 'sse');
  return async (c: Context<{ Bindings: HttpBindings }>) => {
    const channel = c.req.param('channel')!;
    const cursor = cursorOf(c.req.header('last-event-id'), c.req.query('after'), c.req.query('epoch'));
    // Held for the client's IP (429 past the limit), then the bytes are the same for every event stream
    // (event-stream.ts): frames with ids that carry the epoch, gap and reset events, heartbeats.
    await openEventStream(deps, 'sse', { heartbeat, meters, channel, cursor }, c.env);
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
    const meters = techniqueMeters(deps.metrics, 'sse');
    return {
      handler: sseHandler(deps, heartbeat),
      close: () => heartbeat.stop(),
      // The same stream before Hono (api/fast-path.ts): Hono's request wrapper and its close handler
      // stay referenced by the Node response for as long as the stream is open.
      plain: {
        params: new Set(['after', 'epoch']),
        open: async (http, channel, query) => {
          // Node joins a repeated header with ", " as the Fetch API's Headers.get() does (typed loosely).
          const lastEventId = http.incoming.headers['last-event-id'] as string | undefined;
          const cursor = cursorOf(lastEventId, query.get('after'), query.get('epoch'));
          await openEventStream(deps, 'sse', { heartbeat, meters, channel, cursor }, http);
        },
      },
    };
  },
} satisfies HttpTransport;
