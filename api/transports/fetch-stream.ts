// Streaming with fetch: the same text/event-stream as SSE, asked for with a POST whose JSON body carries
// the cursor. It is how chat and completion APIs push tokens: EventSource can only GET and cannot send
// headers or a body, so a client that must send an API key or a prompt reads the response body as a
// stream itself (src/client/fetch-stream.ts), and rebuilds what EventSource did for it: reconnecting,
// resuming from the last id, honouring `retry:`.
import type { HttpBindings } from '@hono/node-server';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Deps } from '../context.ts';
import { ApiError } from '../errors.ts';
import { isJsonType, readJsonBody } from '../json-body.ts';
import type { ClientCursor } from '../log/reader.ts';
import { parseJsonCursor, techniqueMeters } from './admission.ts';
import { openEventStream, StreamHeartbeat } from './event-stream.ts';
import type { HttpTransport } from './transport.ts';

/** A cursor is two small fields: anything larger is not one. */
const CURSOR_BODY_MAX_BYTES = 1024;

// #region fetch-stream-handler
/** The body is `{"after"?: <seq>, "epoch"?: <string>}`; an empty object starts at the head. */
function cursorOf(body: unknown): ClientCursor {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ApiError('invalid_body', 'The body must be a JSON object such as {"after": 41, "epoch": "…"} or {}.');
  }
  const { after, epoch } = body as { after?: unknown; epoch?: unknown };
  return parseJsonCursor(after, epoch);
}

export function fetchStreamHandler(deps: Deps, heartbeat: StreamHeartbeat) {
  const meters = techniqueMeters(deps.metrics, 'fetch-stream');
  return async (c: Context<{ Bindings: HttpBindings }>) => {
    const channel = c.req.param('channel')!;
    // Unlike EventSource, nothing resends Last-Event-ID for this client: its own code sends the cursor.
    const cursor = cursorOf(await readJsonBody(c, 'the cursor'));
    // Held for the client's IP (429 past the limit), then byte for byte what SSE sends (event-stream.ts).
    await openEventStream(deps, 'fetch-stream', { heartbeat, meters, channel, cursor }, c.env);
    return RESPONSE_ALREADY_SENT;
  };
}
// #endregion fetch-stream-handler

export const fetchStreamTransport = {
  technique: 'fetch-stream',
  kind: 'http',
  create(deps) {
    const heartbeat = new StreamHeartbeat(deps.config.SSE_HEARTBEAT_MS, (bytes) =>
      deps.metrics.bytesWritten.inc({ technique: 'fetch-stream' }, bytes),
    );
    const limit = bodyLimit({
      maxSize: CURSOR_BODY_MAX_BYTES,
      onError: () => {
        throw new ApiError(
          'payload_too_large',
          `A cursor is a small JSON object (at most ${CURSOR_BODY_MAX_BYTES} bytes).`,
        );
      },
    });
    const meters = techniqueMeters(deps.metrics, 'fetch-stream');
    return {
      handler: fetchStreamHandler(deps, heartbeat),
      before: [limit],
      close: () => heartbeat.stop(),
      // The same stream before Hono (api/fast-path.ts), from a body the fast path has read: a body that
      // is not a JSON cursor throws here, and the route then answers it with its own message.
      plain: {
        params: new Set<string>(),
        open: async (http, channel, _query, body) => {
          if (!body || !isJsonType(body.type)) throw new Error('not a JSON body: the route answers');
          const cursor = cursorOf(JSON.parse(body.text));
          await openEventStream(deps, 'fetch-stream', { heartbeat, meters, channel, cursor }, http);
        },
      },
    };
  },
} satisfies HttpTransport;
