// WebSocket (RFC 6455): one HTTP/1.1 GET with `Upgrade: websocket`, answered by `101 Switching
// Protocols`, turns the TCP connection into a two-way channel of frames. Unlike EventSource, the
// browser's WebSocket neither reconnects nor resumes by itself: this server speaks a small protocol
// (event / gap / reset / ack / error down, publish / resume up) so that the client can.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type RawData, type ServerOptions, WebSocket, WebSocketServer } from 'ws';
import type { ErrorCode } from '../../protocol/errors.ts';
import { CLOSE_CODES, MAX_REF_LENGTH, type ServerMessage } from '../../protocol/messages.ts';
import { technique } from '../../protocol/techniques.ts';
import type { HeldConnection } from '../connections.ts';
import type { Deps } from '../context.ts';
import { ApiError, rawHttpError } from '../errors.ts';
import { checkDataDepth } from '../json-body.ts';
import { clientIp } from '../limits.ts';
import type { Cursor } from '../log/cursor.ts';
import type { StartPoint } from '../log/cursor.ts';
import { type FollowSink, Follower } from '../log/reader.ts';
import type { LogBounds, LogEvent } from '../log/types.ts';
import { publishEvent } from '../publish.ts';
import {
  checkChannel,
  dropIfSlow,
  parseCursor,
  parseJsonCursor,
  type TechniqueMeters,
  techniqueMeters,
  tooManyConnections,
} from './admission.ts';
import type { UpgradeTransport } from './transport.ts';

const WS_PATH = new RegExp(`^/api/channels/([^/]+)/${technique('websocket').segment}$`);

/**
 * A WebSocket handshake (RFC 6455 §4.1): its `Upgrade` names `websocket`. Any other upgrade (`h2c` from
 * curl --http2 or the JDK's HttpClient, `TLS/1.0`) is a plain HTTP/1.1 request: a server may ignore an
 * upgrade it does not support (RFC 9110 §7.8), and that is what a bare node:http server does.
 */
export function isWebSocketUpgrade(req: IncomingMessage): boolean {
  const upgrade = req.headers.upgrade;
  return typeof upgrade === 'string' && upgrade.split(',').some((p) => p.trim().toLowerCase() === 'websocket');
}

/** RFC 6455 §4.1: 16 random bytes, base64. */
const WS_KEY = /^[+/0-9A-Za-z]{22}==$/;

/**
 * The checks ws would make, made first so that a refusal is the contract's JSON error rather than ws's
 * plain-text 400 (ws stays the last word: anything it still refuses is turned into the same error).
 */
function checkHandshake(req: IncomingMessage): void {
  if (req.headers.upgrade?.toLowerCase() !== 'websocket') {
    throw new ApiError(
      'invalid_handshake',
      'A WebSocket handshake carries "Upgrade: websocket" and no other protocol.',
    );
  }
  const key = req.headers['sec-websocket-key'];
  if (typeof key !== 'string' || !WS_KEY.test(key)) {
    throw new ApiError('invalid_handshake', 'Sec-WebSocket-Key must be 16 random bytes in base64 (RFC 6455 §4.1).');
  }
  const version = req.headers['sec-websocket-version'];
  if (version !== '13' && version !== '8') {
    throw new ApiError('invalid_handshake', 'This server speaks WebSocket version 13 (RFC 6455).', {
      'Sec-WebSocket-Version': '13, 8',
    });
  }
}

const message = (m: ServerMessage) => JSON.stringify(m);

/** How long a peer whose frame was refused (1009, 1007, 1002) has to answer the close before it is cut. */
export const CLOSE_HANDSHAKE_MS = 5000;

// #region ws-origin
/** Extra Origins plus the same origin. Browsers send Origin on every WebSocket handshake; other clients may not. */
export function originAllowed(
  origin: string | undefined,
  site: { readonly scheme: 'http' | 'https'; readonly host: string | undefined },
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
  // The same origin is scheme, host and port: https://host is another origin than http://host.
  return url.protocol === `${site.scheme}:` && url.host === site.host;
}
// #endregion ws-origin

/**
 * The scheme the browser used to reach us: https only behind a TLS-terminating proxy we run, which says
 * so in X-Forwarded-Proto (its entry is the rightmost, as for X-Forwarded-For). This server itself only
 * speaks plain http.
 */
export function requestScheme(req: IncomingMessage, trustProxy: boolean): 'http' | 'https' {
  if (!trustProxy) return 'http';
  const header = req.headers['x-forwarded-proto'];
  const last = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean)
    .pop();
  return last === 'https' ? 'https' : 'http';
}

/** A malformed %-escape is just an invalid channel name, not an exception. */
function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * One connected WebSocket: the held connection the per-IP limit counts, and the sink its follower
 * writes to. An object with methods, not closures: `npm run bench` (capacity, heap snapshots of 3 000
 * sockets) counted every closure and its context on each of them, about 2.9 KB per socket more than a
 * bare ws server before this was an object and the socket's listeners were shared (see `listeners`).
 */
class Client implements HeldConnection, FollowSink {
  readonly technique = 'websocket';
  readonly transport: WebSocketTransport;
  readonly ws: WebSocket;
  readonly ip: string;
  readonly channel: string;
  /** Which of the pinger's slices this client is pinged in, and since when it is connected (ms). */
  readonly slice: Set<Client>;
  readonly since = Date.now();
  alive = true;
  /** The current subscription; replaced on every resume. */
  follower: Follower | undefined;
  /** Set once ws has refused a frame: the closing handshake's deadline. */
  closing: NodeJS.Timeout | undefined;

  constructor(transport: WebSocketTransport, ws: WebSocket, ip: string, channel: string, slice: Set<Client>) {
    this.transport = transport;
    this.ws = ws;
    this.ip = ip;
    this.channel = channel;
    this.slice = slice;
  }

  start(start: StartPoint, bounds: LogBounds): void {
    this.transport.announce(this, start, bounds);
  }

  event(event: LogEvent): void {
    this.transport.deliver(this, event);
  }

  endForShutdown(): void {
    this.ws.close(CLOSE_CODES.goingAway, 'server shutting down');
  }

  unsentBytes(): number {
    return this.ws.bufferedAmount;
  }
}

/**
 * The pinger's slices: every WS_PING_MS / PING_SLICES one slice of the clients is pinged, so each client
 * is still pinged once per WS_PING_MS. Pinging every client in one turn held the event loop for as long
 * as 10 000 writes take, and `npm run bench` (fan-out, issue 15) saw an event published meanwhile
 * reach its last WebSocket subscribers that much later, every WS_PING_MS; a bare ws server pings nobody.
 * A client's slice may come round soon after it connects: it is pinged from half an interval on, as
 * before no new client was pinged in its first seconds (the wire inspector counts the ping's bytes).
 */
const PING_SLICES = 10;

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
  readonly deps: Deps;
  private readonly wss: WebSocketServer;
  readonly clients = new Map<WebSocket, Client>();
  private readonly slices: Set<Client>[] = Array.from({ length: PING_SLICES }, () => new Set<Client>());
  private nextSlice = 0;
  private turn = 0;
  private readonly pinger: NodeJS.Timeout;
  private readonly meters: TechniqueMeters;

  constructor(deps: Deps) {
    this.deps = deps;
    this.meters = techniqueMeters(deps.metrics, 'websocket');
    // #region ws-options
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
    // #endregion ws-options
    this.wss = new WebSocketServer(options);
    // What ws still refuses after checkHandshake (a Sec-WebSocket-Protocol it cannot parse) gets the
    // contract's JSON error too: with a listener here, ws leaves the answer to us.
    this.wss.on('wsClientError', (err: Error, socket: Duplex) => {
      const refusal = new ApiError('invalid_handshake', `The WebSocket handshake was refused: ${err.message}.`);
      this.deps.metrics.rejections.inc({ reason: refusal.code });
      if (socket.writable) socket.end(rawHttpError(refusal));
      else socket.destroy();
    });
    // One timer pings everyone: the browser answers pings by itself (its API has no ping method), and a
    // peer that has not answered the previous ping is gone (a half-open TCP connection says nothing).
    this.pinger = setInterval(
      () => this.pingSlice(this.slices[this.turn++ % PING_SLICES]!),
      deps.config.WS_PING_MS / PING_SLICES,
    );
    this.pinger.unref();
  }

  /**
   * Takes an upgrade request on a channel's WebSocket path; false when the path is not one (the dev
   * server's own upgrades pass through). A refusal is the contract's JSON error, written on the raw
   * socket: before the handshake there is no response object.
   */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = WS_PATH.exec(url.pathname);
    if (!match) return false;
    // Ours from here: a client that resets while it is refused must not be an unhandled 'error' (under
    // `astro dev` too, where server.ts's own listener is not there).
    socket.on('error', () => socket.destroy());
    let admitted: { channel: string; ip: string; cursor: Cursor };
    try {
      admitted = this.admit(req, url, match[1]!);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      this.deps.metrics.rejections.inc({ reason: err.code });
      socket.end(rawHttpError(err));
      return true;
    }
    const { channel, ip, cursor } = admitted;
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, channel, ip, cursor));
    return true;
  }

  // #region ws-upgrade
  /**
   * Checks an upgrade request in a clear order, each refusal with its own status, all BEFORE the
   * handshake: once the 101 is sent there is no status code left to refuse with.
   */
  private admit(req: IncomingMessage, url: URL, rawChannel: string) {
    if (this.deps.lifecycle.shuttingDown) {
      throw new ApiError('shutting_down', 'The server is shutting down; reconnect in a moment.', {
        'Retry-After': '2',
      });
    }
    if (req.method !== 'GET') {
      throw new ApiError('method_not_allowed', 'A WebSocket handshake is a GET request.', { Allow: 'GET' });
    }
    const channel = checkChannel(safeDecode(rawChannel));
    // WebSockets are not covered by CORS: without this check any site could open a socket with the
    // learner's cookies (cross-site WebSocket hijacking).
    const site = { scheme: requestScheme(req, this.deps.config.TRUST_PROXY), host: req.headers.host };
    if (!originAllowed(req.headers.origin, site, this.deps.config.ALLOWED_ORIGINS)) {
      throw new ApiError(
        'origin_not_allowed',
        `WebSocket connections from origin ${JSON.stringify(req.headers.origin)} are not allowed.`,
      );
    }
    const cursor = parseCursor(url.searchParams.get('after'), url.searchParams.get('epoch'));
    const ip = clientIp(req, this.deps.config.TRUST_PROXY);
    if (!this.deps.connections.hasRoom(ip)) throw tooManyConnections();
    checkHandshake(req); // Upgrade, Sec-WebSocket-Key, Sec-WebSocket-Version: what ws checks, as JSON
    return { channel, ip, cursor };
  }
  // #endregion ws-upgrade

  private accept(ws: WebSocket, channel: string, ip: string, cursor: Cursor): void {
    const client = new Client(this, ws, ip, channel, this.slices[this.nextSlice++ % PING_SLICES]!);
    if (!this.deps.connections.tryHold(client)) {
      this.deps.metrics.rejections.inc({ reason: 'too_many_connections' });
      ws.close(CLOSE_CODES.tryAgainLater, 'too many connections from your address');
      return;
    }
    this.meters.requests.inc();
    this.clients.set(ws, client);
    client.slice.add(client);
    const on = this.listeners;
    ws.on('pong', on.pong);
    ws.on('message', on.message);
    ws.on('error', on.error);
    ws.on('close', on.close);
    void this.resume(client, cursor);
  }

  /**
   * The socket's listeners, made once for every socket: ws calls them with the socket as `this`, and
   * the client is looked up by it.
   */
  private readonly listeners = ((transport: WebSocketTransport) => ({
    pong(this: WebSocket) {
      const client = transport.clients.get(this);
      if (client) client.alive = true;
    },
    // A bug while answering one message must not become an unhandled rejection, which ends the process
    // (and every other learner's connection with it): it is logged and this socket is closed with 1011.
    message(this: WebSocket, data: RawData, isBinary: boolean) {
      const client = transport.clients.get(this);
      if (!client) return;
      transport.onMessage(client, data, isBinary).catch((err: unknown) => {
        console.error(`websocket: a message on ${client.channel} failed:`, err);
        this.close(CLOSE_CODES.internalError, 'the server failed on that message');
      });
    },
    // A frame ws refuses (a message past WS_MAX_MESSAGE_BYTES, invalid UTF-8, a protocol error): ws has
    // sent its close frame (1009, 1007, 1002), stopped parsing and goes on reading and discarding what
    // the peer still sends. Destroying the socket now would answer the peer's next fragments with a TCP
    // reset, and a reset makes the peer's kernel throw away the close frame it has not read yet (the
    // client then sees 1006). So the closing handshake is left to finish (RFC 6455 §7.1.1): the socket
    // ends when the peer's close frame arrives, or after CLOSE_HANDSHAKE_MS for a peer that never sends one.
    error(this: WebSocket, err: Error & { code?: string }) {
      if (err.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH')
        transport.deps.metrics.rejections.inc({ reason: 'message_too_large' });
      const client = transport.clients.get(this);
      if (client) client.closing ??= setTimeout(() => this.terminate(), CLOSE_HANDSHAKE_MS);
    },
    close(this: WebSocket) {
      const client = transport.clients.get(this);
      if (!client) return;
      clearTimeout(client.closing);
      client.follower?.stop();
      transport.clients.delete(this);
      client.slice.delete(client);
      transport.deps.connections.release(client);
    },
  }))(this);

  // #region ws-send
  private send(client: Client, text: string | Buffer): void {
    const { ws } = client;
    if (ws.readyState !== WebSocket.OPEN) return;
    // binary: false, or ws would send a Buffer as a binary frame; this is JSON text.
    ws.send(text, { binary: false });
    this.meters.bytesWritten.inc(typeof text === 'string' ? Buffer.byteLength(text) : text.length);
    // The browser API gives its own code no backpressure, and a client that stops reading makes the
    // server buffer every event for it: past the limit the peer is dropped, not the server's memory.
    dropIfSlow(this.deps, ws.bufferedAmount, () => ws.terminate());
  }
  // #endregion ws-send

  private sendError(
    client: Client,
    code: ErrorCode,
    text: string,
    extra: { ref?: string | number; retryAfter?: number } = {},
  ): void {
    this.deps.metrics.rejections.inc({ reason: code });
    this.send(client, message({ type: 'error', code, message: text, ...extra }));
  }

  // #region ws-resume
  /** (Re)starts delivery from a cursor: the same rule as every other technique, then live events. */
  private async resume(client: Client, cursor: Cursor): Promise<void> {
    // The previous subscription stops here, even in the middle of its replay: nothing read for an
    // older cursor is sent after this.
    client.follower?.stop();
    const follower = new Follower(this.deps.store, client.channel, client);
    client.follower = follower;
    try {
      await follower.catchUp(cursor, true);
    } catch (err) {
      follower.stop();
      console.error(`websocket: reading ${client.channel} failed:`, err);
      client.ws.close(CLOSE_CODES.internalError, 'could not read the channel');
    }
  }

  /** What the client must hear before the events: which history they belong to, and any gap or reset. */
  announce(client: Client, start: StartPoint, bounds: LogBounds): void {
    // Event frames carry no epoch; this says which history the events that follow belong to, so a
    // client can send it back when it resumes and learn of a lost history (a reset) even when its
    // cursor still looks valid in the new one.
    this.send(client, message({ type: 'hello', epoch: bounds.epoch, head: bounds.head }));
    if (start.kind === 'gap') this.send(client, message({ type: 'gap', missed: start.missed }));
    if (start.kind === 'reset') this.send(client, message({ type: 'reset', epoch: bounds.epoch }));
  }

  deliver(client: Client, event: LogEvent): void {
    this.send(client, eventBytes(event));
    this.meters.delivered.inc();
  }
  // #endregion ws-resume

  // #region ws-messages
  async onMessage(client: Client, raw: RawData, isBinary: boolean): Promise<void> {
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
      // A JSON number, as the contract says: a string "5" is a client's bug, not a cursor.
      if (typeof m.after !== 'number')
        return this.sendError(client, 'invalid_cursor', 'A resume needs "after", a seq as a JSON number.');
      let cursor: Cursor;
      try {
        cursor = parseJsonCursor(m.after, m.epoch);
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        return this.sendError(client, err.code, err.message);
      }
      return this.resume(client, cursor);
    }

    if (m.type === 'publish') {
      const ref = m.ref;
      if (
        ref !== undefined &&
        !((typeof ref === 'string' && ref.length <= MAX_REF_LENGTH) || typeof ref === 'number')
      ) {
        return this.sendError(
          client,
          'invalid_body',
          `"ref" must be a string of at most ${MAX_REF_LENGTH} characters or a number.`,
        );
      }
      const echo = ref === undefined ? {} : { ref };
      if (!('data' in m))
        return this.sendError(client, 'invalid_body', 'A publish needs a "data" field (any JSON value).', echo);
      try {
        checkDataDepth(m.data);
        const { event, duplicate } = await publishEvent(
          this.deps,
          client.channel,
          m.data,
          client.ip,
          'websocket',
          ref as string | number | undefined,
        );
        // A ref already published on this channel: the original seq, and nothing appended twice.
        this.send(client, message({ type: 'ack', seq: event.seq, ...echo, ...(duplicate ? { duplicate } : {}) }));
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
  /** Pings one slice of the clients (each client's turn comes once per WS_PING_MS). */
  private pingSlice(clients: Set<Client>): void {
    const newest = Date.now() - this.deps.config.WS_PING_MS / 2;
    for (const client of clients) {
      if (client.since > newest) continue; // connected less than half an interval ago
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
    for (const ws of this.clients.keys()) ws.terminate();
    this.wss.close();
  }
}

export const webSocketTransport = { technique: 'websocket', kind: 'upgrade' } as const satisfies UpgradeTransport;
