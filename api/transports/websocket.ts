// WebSocket (RFC 6455): one HTTP/1.1 GET with `Upgrade: websocket`, answered by `101 Switching
// Protocols`, turns the TCP connection into a two-way channel of frames. Unlike EventSource, the
// browser's WebSocket neither reconnects nor resumes by itself: this server speaks a small protocol
// (event / gap / reset / ack / error down, publish / resume up) so that the client can.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Counter } from 'prom-client';
import { WebSocket, WebSocketServer, type RawData, type ServerOptions } from 'ws';
import { CHANNEL_NAME, type Deps } from '../context.ts';
import { ApiError, rawHttpError } from '../errors.ts';
import { clientIp } from '../limits.ts';
import { parseAfter, type Cursor } from '../log/cursor.ts';
import { follow } from '../log/reader.ts';
import type { LogEvent } from '../log/types.ts';
import type { RejectionReason } from '../metrics.ts';
import { publishEvent } from '../publish.ts';

const WS_PATH = /^\/api\/channels\/([^/]+)\/ws$/;

// #region ws-origin
/** Extra Origins plus the same origin. Browsers send Origin on every WebSocket handshake; other clients may not. */
export function originAllowed(
  origin: string | undefined,
  host: string | undefined,
  allowed: readonly string[],
): boolean {
  if (origin === undefined) return true; // not a browser: CSWSH needs a victim's browser, so nothing to protect
  if (allowed.includes(origin)) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false; // includes "null": sandboxed iframes and file: pages must not borrow the learner's session
  }
  // Same host and port as the request. Either scheme: behind a TLS-terminating proxy the browser says
  // https while we receive plain http on the same Host.
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.host === host;
}
// #endregion ws-origin

/** A malformed %-escape is just an invalid channel name, not an exception. */
function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

interface Client {
  readonly ws: WebSocket;
  readonly ip: string;
  readonly channel: string;
  alive: boolean;
  /** Stops the current subscription; replaced on every resume. */
  stopFollowing: () => void;
  /** Bumped on every resume, so a replay still running for an older cursor stops sending. */
  generation: number;
}

/**
 * An event frame reuses the event's JSON serialized at publish: `{"seq":…}` becomes
 * `{"type":"event","seq":…}` by splicing, without stringifying `data` again per subscriber.
 */
export function eventMessage(event: LogEvent): string {
  return `{"type":"event",${event.json.slice(1)}`;
}

const encodedEvents = new WeakMap<LogEvent, Buffer>();

/**
 * The event frame's text, UTF-8 encoded once per event and shared by every subscriber. Measured by
 * `npm run bench` (fan-out to 1 000 sockets, 50 events/s): building and encoding the string once per
 * subscriber cost the server 19.7 µs of CPU per delivery, against 15.4 µs for a bare ws server.
 */
function eventBytes(event: LogEvent): Buffer {
  let bytes = encodedEvents.get(event);
  if (!bytes) encodedEvents.set(event, (bytes = Buffer.from(eventMessage(event))));
  return bytes;
}

export class WebSocketTransport {
  private readonly deps: Deps;
  private readonly wss: WebSocketServer;
  private readonly clients = new Set<Client>();
  private readonly pinger: NodeJS.Timeout;
  // Bound once: resolving the label set on every delivery showed up in the fan-out profile.
  private readonly delivered: Counter.Internal;
  private readonly bytesWritten: Counter.Internal;

  constructor(deps: Deps) {
    this.deps = deps;
    this.delivered = deps.metrics.delivered.labels({ technique: 'websocket' });
    this.bytesWritten = deps.metrics.bytesWritten.labels({ technique: 'websocket' });
    // maxPayload counts the whole message, fragmented or not; ws closes with 1009 past it.
    // maxPendingAutoPongs is newer than @types/ws: typed here by hand.
    const options: ServerOptions & { maxPendingAutoPongs: number } = {
      noServer: true,
      maxPayload: deps.config.WS_MAX_MESSAGE_BYTES,
      // ws answers each ping with a pong; a peer that pings faster than it reads the pongs is flooding,
      // and is terminated once this many pongs are waiting (ws's own default, stated here on purpose).
      maxPendingAutoPongs: 60,
      // Compression would let a small frame inflate into a big one and costs memory per socket.
      perMessageDeflate: false,
    };
    this.wss = new WebSocketServer(options);
    // One timer pings everyone: the browser answers pings by itself (its API has no ping method), and a
    // peer that has not answered the previous ping is gone (a half-open TCP connection says nothing).
    this.pinger = setInterval(() => this.pingAll(), deps.config.WS_PING_MS);
    this.pinger.unref();
  }

  // #region ws-upgrade
  /**
   * Checks an upgrade request in a clear order, each refusal with its own status, all BEFORE the
   * handshake: once the 101 is sent there is no status code left to refuse with. Returns false when the
   * path is not a channel's WebSocket (the dev server's own upgrades pass through).
   */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = WS_PATH.exec(url.pathname);
    if (!match) return false;
    const refuse = (
      status: number,
      code: RejectionReason,
      message: string,
      headers: Record<string, string> = {},
    ): true => {
      this.deps.metrics.rejections.inc({ reason: code });
      socket.end(rawHttpError(status, code, message, headers));
      return true;
    };
    const channel = safeDecode(match[1]!);
    const ip = clientIp(req, this.deps.config.TRUST_PROXY);

    if (this.deps.lifecycle.shuttingDown)
      return refuse(503, 'shutting_down', 'The server is shutting down; reconnect in a moment.', {
        'Retry-After': '2',
      });
    if (req.method !== 'GET')
      return refuse(405, 'method_not_allowed', 'A WebSocket handshake is a GET request.', { Allow: 'GET' });
    if (!CHANNEL_NAME.test(channel))
      return refuse(
        400,
        'invalid_channel',
        `Channel names match ^[a-z0-9][a-z0-9-]{0,63}$; got ${JSON.stringify(channel)}.`,
      );
    // WebSockets are not covered by CORS: without this check any site could open a socket with the
    // learner's cookies (cross-site WebSocket hijacking).
    if (!originAllowed(req.headers.origin, req.headers.host, this.deps.config.ALLOWED_ORIGINS)) {
      return refuse(
        403,
        'origin_not_allowed',
        `WebSocket connections from origin ${JSON.stringify(req.headers.origin)} are not allowed.`,
      );
    }
    const after = parseAfter(url.searchParams.get('after'));
    if (after === 'invalid')
      return refuse(400, 'invalid_cursor', '"after" must be a non-negative integer in plain decimal digits.');
    if (!this.deps.connections.hasRoom(ip)) {
      return refuse(429, 'too_many_connections', 'Too many held connections from your address; close some and retry.', {
        'Retry-After': '5',
      });
    }
    const epoch = url.searchParams.get('epoch') || undefined;
    // ws validates the rest (Sec-WebSocket-Key format, version 13) and answers 400 itself.
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, channel, ip, { after, epoch }));
    return true;
  }
  // #endregion ws-upgrade

  private accept(ws: WebSocket, channel: string, ip: string, cursor: Cursor): void {
    const lease = this.deps.connections.tryHold({
      technique: 'websocket',
      ip,
      endForShutdown: () => ws.close(1001, 'server shutting down'),
      unsentBytes: () => ws.bufferedAmount,
    });
    if (!lease) {
      this.deps.metrics.rejections.inc({ reason: 'too_many_connections' });
      ws.close(1013, 'too many connections from your address');
      return;
    }
    this.deps.metrics.requests.inc({ technique: 'websocket' });
    const client: Client = { ws, ip, channel, alive: true, stopFollowing: () => {}, generation: 0 };
    this.clients.add(client);
    ws.on('pong', () => (client.alive = true));
    ws.on('message', (data, isBinary) => void this.onMessage(client, data, isBinary));
    ws.on('error', () => ws.terminate()); // e.g. 1009 or invalid UTF-8: ws has already sent the close frame
    ws.on('close', () => {
      client.generation++;
      client.stopFollowing();
      this.clients.delete(client);
      lease.release();
    });
    void this.resume(client, cursor);
  }

  // #region ws-send
  private send(client: Client, message: string | Buffer): void {
    const { ws } = client;
    if (ws.readyState !== WebSocket.OPEN) return;
    // binary: false, or ws would send a Buffer as a binary frame; this is JSON text.
    ws.send(message, { binary: false });
    this.bytesWritten.inc(typeof message === 'string' ? Buffer.byteLength(message) : message.length);
    // The browser API gives its own code no backpressure, and a client that stops reading makes the
    // server buffer every event for it: past the limit the peer is dropped, not the server's memory.
    if (ws.bufferedAmount > this.deps.config.SLOW_CLIENT_MAX_BUFFER_BYTES) {
      this.deps.metrics.rejections.inc({ reason: 'slow_consumer' });
      ws.terminate();
    }
  }
  // #endregion ws-send

  private sendError(client: Client, code: RejectionReason, message: string, extra: Record<string, unknown> = {}): void {
    this.deps.metrics.rejections.inc({ reason: code });
    this.send(client, JSON.stringify({ type: 'error', code, message, ...extra }));
  }

  // #region ws-resume
  /** (Re)starts delivery from a cursor: the same rule as every other technique, then live events. */
  private async resume(client: Client, cursor: Cursor): Promise<void> {
    client.stopFollowing();
    const generation = ++client.generation;
    const current = () => generation === client.generation;
    try {
      const stop = await follow(this.deps.store, client.channel, cursor, {
        start: (start, bounds) => {
          if (!current()) return;
          // Event frames carry no epoch; this says which history the events that follow belong to, so
          // a client can send it back when it resumes and learn of a lost history (a reset) even when
          // its cursor still looks valid in the new one.
          this.send(client, JSON.stringify({ type: 'hello', epoch: bounds.epoch, head: bounds.head }));
          if (start.kind === 'gap') this.send(client, JSON.stringify({ type: 'gap', missed: start.missed }));
          if (start.kind === 'reset') this.send(client, JSON.stringify({ type: 'reset', epoch: bounds.epoch }));
        },
        event: (event) => {
          if (!current()) return;
          this.send(client, eventBytes(event));
          this.delivered.inc();
        },
      });
      if (current()) client.stopFollowing = stop;
      else stop();
    } catch (err) {
      console.error(`websocket: reading ${client.channel} failed:`, err);
      client.ws.close(1011, 'could not read the channel');
    }
  }
  // #endregion ws-resume

  // #region ws-messages
  private async onMessage(client: Client, raw: RawData, isBinary: boolean): Promise<void> {
    if (isBinary)
      return this.sendError(client, 'unknown_message', 'Binary frames are not part of this protocol; send JSON text.');
    let msg: unknown;
    try {
      msg = JSON.parse(raw.toString());
    } catch {
      return this.sendError(client, 'invalid_json', 'That frame is not valid JSON.');
    }
    const m = (typeof msg === 'object' && msg !== null && !Array.isArray(msg) ? msg : {}) as Record<string, unknown>;

    if (m.type === 'resume') {
      const after = typeof m.after === 'number' && Number.isSafeInteger(m.after) && m.after >= 0 ? m.after : undefined;
      if (after === undefined)
        return this.sendError(client, 'invalid_cursor', '"after" must be a non-negative integer.');
      if (m.epoch !== undefined && typeof m.epoch !== 'string')
        return this.sendError(client, 'invalid_cursor', '"epoch" must be a string when given.');
      return this.resume(client, { after, epoch: m.epoch });
    }

    if (m.type === 'publish') {
      const ref = m.ref;
      const echo = ref === undefined ? {} : { ref };
      if (!('data' in m))
        return this.sendError(client, 'invalid_body', 'A publish needs a "data" field (any JSON value).', echo);
      if (ref !== undefined && !((typeof ref === 'string' && ref.length <= 128) || typeof ref === 'number')) {
        return this.sendError(client, 'invalid_body', '"ref" must be a string of at most 128 characters or a number.');
      }
      try {
        const { event } = await publishEvent(this.deps, client.channel, m.data, client.ip, 'websocket');
        this.send(client, JSON.stringify({ type: 'ack', seq: event.seq, ...echo }));
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        const retry = err.headers['Retry-After'];
        this.sendError(client, err.code, err.message, { ...echo, ...(retry ? { retryAfter: Number(retry) } : {}) });
      }
      return;
    }
    this.sendError(
      client,
      'unknown_message',
      `Unknown message type ${JSON.stringify(m.type)}; expected "publish" or "resume".`,
    );
  }
  // #endregion ws-messages

  // #region ws-heartbeat
  private pingAll(): void {
    for (const client of this.clients) {
      if (!client.alive) {
        this.deps.metrics.rejections.inc({ reason: 'heartbeat_timeout' });
        client.ws.terminate();
        continue;
      }
      client.alive = false;
      client.ws.ping();
    }
  }
  // #endregion ws-heartbeat

  close(): void {
    clearInterval(this.pinger);
    for (const client of this.clients) client.ws.terminate();
    this.wss.close();
  }
}
