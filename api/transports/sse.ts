// Server-Sent Events (WHATWG HTML §9.2): one long HTTP response of type text/event-stream that the
// server keeps writing to. The browser's EventSource parses it, reconnects by itself after `retry` ms
// and sends the last `id:` it saw back as the Last-Event-ID header, so resuming is built in: the server
// only has to turn that id back into a cursor.
import type { ServerResponse } from 'node:http';
import type { HttpBindings } from '@hono/node-server';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import type { Context } from 'hono';
import type { Deps } from '../context.ts';
import { clientIp } from '../limits.ts';
import { formatEventId, parseEventId } from '../log/cursor.ts';
import { follow, type ClientCursor } from '../log/reader.ts';
import type { LogEvent } from '../log/types.ts';
import { dropIfSlow, holdConnection, parseCursor, techniqueMeters } from './admission.ts';
import type { HttpTransport } from './transport.ts';

/**
 * One frame of the stream. `event` and `id` go on the wire as given, so a CR or LF inside them would
 * end the field early and let the rest be read as fields of their own; refuse it instead of sending a
 * broken frame. `data` here is always one line of JSON, which never contains a raw newline.
 */
export function sseFrame(fields: { id?: string; event?: string; data: string }): string {
  for (const v of [fields.id, fields.event]) {
    if (v !== undefined && /[\r\n]/.test(v))
      throw new Error(`SSE id/event must not contain CR or LF: ${JSON.stringify(v)}`);
  }
  let frame = '';
  if (fields.event) frame += `event: ${fields.event}\n`;
  if (fields.id !== undefined) frame += `id: ${fields.id}\n`;
  return `${frame}data: ${fields.data}\n\n`;
}

/**
 * Heartbeats for every open stream from ONE timer: a `:` line is a comment that EventSource ignores, but
 * it keeps proxies and NATs from closing a quiet connection and lets the server notice a dead peer.
 * Only quiet streams get one: a stream that just carried an event is not quiet. `npm run bench` measured
 * about 20 µs of server CPU per write to a stream, so commenting on 10 000 busy streams at once held the
 * event loop for about 200 ms, and every event published meanwhile waited behind it.
 */
export class SseHeartbeat {
  /** Each open stream, and the beat during which something was last written to it. */
  private readonly streams = new Map<ServerResponse, number>();
  private beats = 0;
  private readonly timer: NodeJS.Timeout;
  private readonly onBeat: (bytes: number) => void;

  constructor(intervalMs: number, onBeat: (bytes: number) => void) {
    this.onBeat = onBeat;
    // Twice per interval: a stream last written during beat n is commented on at beat n + 2 at the latest,
    // so a quiet stream never goes longer than intervalMs without a byte.
    this.timer = setInterval(() => this.beat(), intervalMs / 2);
    this.timer.unref();
  }

  add(res: ServerResponse): () => void {
    this.streams.set(res, this.beats);
    return () => this.streams.delete(res);
  }

  /** Something was just written to this stream: it needs no comment for a while. */
  touch(res: ServerResponse): void {
    if (this.streams.has(res)) this.streams.set(res, this.beats);
  }

  private beat(): void {
    const beat = ++this.beats;
    const comment = `: heartbeat ${Date.now()}\n\n`;
    for (const [res, lastWritten] of this.streams) {
      if (res.writableEnded || res.destroyed || lastWritten > beat - 2) continue;
      res.write(comment);
      this.streams.set(res, beat);
      this.onBeat(comment.length);
    }
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

const encodedFrames = new WeakMap<LogEvent, Buffer>();

/**
 * An event's frame, built and UTF-8 encoded once per event and shared by every stream on the channel (its
 * id is the same for all: the channel's epoch and the event's seq). Measured by `npm run bench` (fan-out
 * to 1 000 streams, 50 events/s): building and encoding it once per subscriber cost the server 23.3 µs
 * of CPU per delivery, against 18.0 µs for a bare node:http server.
 */
function eventFrame(event: LogEvent, epoch: string): Buffer {
  let frame = encodedFrames.get(event);
  if (!frame)
    encodedFrames.set(
      event,
      (frame = Buffer.from(sseFrame({ id: formatEventId(epoch, event.seq), data: event.json }))),
    );
  return frame;
}

/** Last-Event-ID wins over ?after=: EventSource reconnects to the same URL, with the header updated. */
function cursorOf(c: Context): ClientCursor {
  const lastEventId = c.req.header('last-event-id');
  if (lastEventId) return parseEventId(lastEventId);
  return parseCursor(c.req.query('after'), c.req.query('epoch'));
}

// #region sse-stream
export function sseHandler(deps: Deps, heartbeat: SseHeartbeat) {
  const meters = techniqueMeters(deps.metrics, 'sse');
  return async (c: Context<{ Bindings: HttpBindings }>) => {
    const channel = c.req.param('channel')!;
    const cursor = cursorOf(c);
    const res = c.env.outgoing;
    const lease = holdConnection(deps, {
      technique: 'sse',
      ip: clientIp(c.env.incoming, deps.config.TRUST_PROXY),
      endForShutdown: () => {
        // End the stream and the connection under it: a keep-alive socket left idle would hold up the exit.
        res.end();
        res.socket?.end();
      },
      unsentBytes: () => res.writableLength,
    });
    meters.requests.inc();

    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      // no-transform: a compressing proxy would buffer the stream to compress it, and nothing would arrive.
      'Cache-Control': 'no-cache, no-transform',
      // nginx buffers proxied responses unless told not to.
      'X-Accel-Buffering': 'no',
    });
    const write = (text: string | Buffer) => {
      if (res.writableEnded || res.destroyed) return;
      res.write(text);
      heartbeat.touch(res);
      meters.bytesWritten.inc(typeof text === 'string' ? Buffer.byteLength(text) : text.length);
      dropIfSlow(deps, res.writableLength, () => res.destroy());
    };
    // How long EventSource waits before reconnecting; sent first, before any event.
    write(`retry: ${deps.config.SSE_RETRY_MS}\n\n`);

    // 'close' fires when the browser goes away as well as when we end the stream.
    let stopFollowing: (() => void) | undefined;
    let closed = false;
    const stopHeartbeat = heartbeat.add(res);
    res.once('close', () => {
      closed = true;
      stopFollowing?.();
      stopHeartbeat();
      lease.release();
    });

    try {
      const stop = await follow(deps.store, channel, cursor, {
        // A gap or reset carries an id too, so the browser's Last-Event-ID moves past it.
        start(start, bounds) {
          const id = formatEventId(bounds.epoch, start.from - 1);
          if (start.kind === 'gap')
            write(sseFrame({ event: 'gap', id, data: JSON.stringify({ missed: start.missed }) }));
          if (start.kind === 'reset')
            write(sseFrame({ event: 'reset', id, data: JSON.stringify({ epoch: bounds.epoch }) }));
        },
        event(event, epoch) {
          write(eventFrame(event, epoch));
          meters.delivered.inc();
        },
      });
      if (closed) stop();
      else stopFollowing = stop;
    } catch (err) {
      // The 200 is already sent, so no error status can follow: end the stream and let EventSource retry.
      console.error(`sse: reading ${channel} failed:`, err);
      res.destroy();
    }
    return RESPONSE_ALREADY_SENT;
  };
}
// #endregion sse-stream

export const sseTransport = {
  technique: 'sse',
  kind: 'http',
  create(deps) {
    const heartbeat = new SseHeartbeat(deps.config.SSE_HEARTBEAT_MS, (bytes) =>
      deps.metrics.bytesWritten.inc({ technique: 'sse' }, bytes),
    );
    return { handler: sseHandler(deps, heartbeat), close: () => heartbeat.stop() };
  },
} satisfies HttpTransport;
