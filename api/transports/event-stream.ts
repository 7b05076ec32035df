// The text/event-stream that SSE and streaming with fetch both send (WHATWG HTML §9.2.5, "Parsing an
// event stream"): the frames, the heartbeats, and the one loop that writes a channel to a response. The
// two transports differ only in how the client asks (a GET with Last-Event-ID, a POST with a JSON body);
// once the stream is open, every byte is the same.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TechniqueId } from '../../protocol/techniques.ts';
import type { HeldConnection } from '../connections.ts';
import { clientIp } from '../limits.ts';
import type { Deps } from '../context.ts';
import { formatEventId } from '../log/cursor.ts';
import type { StartPoint } from '../log/cursor.ts';
import { type ClientCursor, type FollowSink, type Follower, follow } from '../log/reader.ts';
import type { LogBounds, LogEvent } from '../log/types.ts';
import { dropIfSlow, holdConnection, type TechniqueMeters } from './admission.ts';

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
export class StreamHeartbeat {
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

  add(res: ServerResponse): void {
    this.streams.set(res, this.beats);
  }

  remove(res: ServerResponse): void {
    this.streams.delete(res);
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

/**
 * Holds the stream (429 past the per-IP limit, thrown before anything is written), counts it, and
 * writes the channel to it: the route of each event-stream technique and the fast path open it so.
 */
export function openEventStream(
  deps: Deps,
  technique: TechniqueId,
  stream: { channel: string; cursor: ClientCursor; meters: TechniqueMeters; heartbeat: StreamHeartbeat },
  http: { incoming: IncomingMessage; outgoing: ServerResponse },
): Promise<void> {
  const ip = clientIp(http.incoming, deps.config.TRUST_PROXY);
  const held = holdConnection(deps, new ChannelStream(deps, technique, ip, http.outgoing, stream));
  stream.meters.requests.inc();
  return held.open(stream.channel, stream.cursor);
}

// #region event-stream
/**
 * One open event stream: it writes a channel from a cursor to `res` until either side ends it, and is
 * the held connection the per-IP limit counts. An object with methods, not closures: `npm run bench`
 * (capacity, heap snapshots) counted each closure and its context on every one of thousands of streams.
 */
class ChannelStream implements HeldConnection, FollowSink {
  readonly technique: TechniqueId;
  readonly ip: string;
  private readonly deps: Deps;
  private readonly res: ServerResponse;
  private readonly meters: TechniqueMeters;
  private readonly heartbeat: StreamHeartbeat;
  private follower: Follower | undefined;
  private closed = false;
  /**
   * How long EventSource waits before reconnecting, sent with the first frame that carries data rather
   * than alone: some client libraries (Python's httpx-sse) hand a frame of only `retry:` to the
   * application as an event with empty data, which then fails to parse as JSON.
   */
  private retry: string;

  constructor(
    deps: Deps,
    technique: TechniqueId,
    ip: string,
    res: ServerResponse,
    stream: { meters: TechniqueMeters; heartbeat: StreamHeartbeat },
  ) {
    this.deps = deps;
    this.technique = technique;
    this.ip = ip;
    this.res = res;
    this.meters = stream.meters;
    this.heartbeat = stream.heartbeat;
    this.retry = `retry: ${deps.config.SSE_RETRY_MS}\n`;
  }

  /** The response headers go out with a comment at once, so the client sees the stream open before the first event. */
  async open(channel: string, cursor: ClientCursor): Promise<void> {
    const { res } = this;
    // #region event-stream-headers
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      // no-transform: a compressing proxy would buffer the stream to compress it, and nothing would arrive.
      'Cache-Control': 'no-cache, no-transform',
      // nginx buffers proxied responses unless told not to.
      'X-Accel-Buffering': 'no',
    });
    // #endregion event-stream-headers
    this.write(': connected\n\n');
    this.heartbeat.add(res);
    // 'close' fires when the client goes away as well as when we end the stream.
    res.once('close', this.onClose.bind(this));
    try {
      const follower = await follow(this.deps.store, channel, cursor, this);
      if (this.closed) follower.stop();
      else this.follower = follower;
    } catch (err) {
      // The 200 is already sent, so no error status can follow: end the stream and let the client retry.
      console.error(`event stream: reading ${channel} failed:`, err);
      res.destroy();
    }
  }

  // A gap or reset carries an id too, so the browser's Last-Event-ID moves past it.
  start(start: StartPoint, bounds: LogBounds): void {
    const id = formatEventId(bounds.epoch, start.from - 1);
    if (start.kind === 'gap')
      this.writeFrame(sseFrame({ event: 'gap', id, data: JSON.stringify({ missed: start.missed }) }));
    if (start.kind === 'reset')
      this.writeFrame(sseFrame({ event: 'reset', id, data: JSON.stringify({ epoch: bounds.epoch }) }));
  }

  event(event: LogEvent, epoch: string): void {
    this.writeFrame(eventFrame(event, epoch));
    this.meters.delivered.inc();
  }

  private write(text: string | Buffer): void {
    const { res } = this;
    if (res.writableEnded || res.destroyed) return;
    res.write(text);
    this.heartbeat.touch(res);
    this.meters.bytesWritten.inc(typeof text === 'string' ? Buffer.byteLength(text) : text.length);
    dropIfSlow(this.deps, res.writableLength, () => res.destroy());
  }

  private writeFrame(frame: string | Buffer): void {
    if (!this.retry) {
      this.write(frame);
      return;
    }
    // One write, so the first frame and its retry: line travel as one chunk.
    this.write(Buffer.concat([Buffer.from(this.retry), typeof frame === 'string' ? Buffer.from(frame) : frame]));
    this.retry = '';
  }

  private onClose(): void {
    this.closed = true;
    this.follower?.stop();
    this.heartbeat.remove(this.res);
    this.deps.connections.release(this);
  }

  /** On shutdown: end the stream and the connection under it (a keep-alive socket left idle would hold up the exit). */
  endForShutdown(): void {
    this.res.end();
    this.res.socket?.end();
  }

  unsentBytes(): number {
    return this.res.writableLength;
  }
}
// #endregion event-stream
