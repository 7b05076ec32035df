// The subscribers a generator process holds, one kind per way a technique delivers (chosen by the
// registry's `wire` and `connection`, never by its id), all reporting the same things: each delivered
// message with the events it carries (to time them and count them), anything else the server sent, and
// an unplanned end (a drop).
//
// Why raw subscribers here and not the browser clients of src/client/ (openFeed): those run on
// EventSource, WebSocket and fetch, which hide exactly what the bench measures. The bench must
//  - open each connection from a source address it picks (`localAddress`): one loopback address has
//    about 28 000 ephemeral ports, and the capacity steps hold more connections than that;
//  - count the bytes on each TCP connection (the socket's bytesRead + bytesWritten, HTTP heads, chunked
//    coding and WebSocket frame headers included), which no browser API exposes;
//  - hold thousands of them per process, each costing a socket and a parser: no reconnects, backoff
//    timers, resume cursors or state callbacks. A connection that ends is counted as a drop, not healed.
// What they share with the browser clients is the contract in protocol/: the paths (channelPath with the
// technique's segment) and the message shapes (ChannelEvent, PollAnswer, ServerMessage).
import http from 'node:http';
import type { Socket } from 'node:net';
import { WebSocket } from 'ws';
import { type ChannelEvent, isChannelEvent, type PollAnswer, type ServerMessage } from '../../protocol/messages.ts';
import { channelPath } from '../../protocol/routes.ts';
import { type Technique, type TechniqueId, technique } from '../../protocol/techniques.ts';

export interface SubscriberHooks {
  /**
   * One delivered message as it arrived (a WebSocket message, an event-stream frame, a long-poll answer's
   * body) and the events it carries.
   */
  onMessage(text: string, events: readonly ChannelEvent[]): void;
  onDrop(reason: string): void;
  /**
   * Anything that carries no event (the `retry:` line, a `:` heartbeat comment, the WebSocket greeting, a
   * gap or reset notice): counted apart from events.
   */
  onOtherFrame?(text: string): void;
}

export interface Subscriber {
  close(): void;
}

/** A subscriber on one long-lived connection, whose bytes can be counted. */
export interface StreamSubscriber extends Subscriber {
  /** Bytes on the TCP connection so far, both ways (HTTP headers and framing included). */
  wireBytes(): number;
}

export interface Endpoint {
  readonly host: string;
  readonly port: number;
  readonly localAddress?: string;
}

export function endpointOf(base: string, localAddress?: string): Endpoint {
  const url = new URL(base);
  return { host: url.hostname, port: Number(url.port), localAddress };
}

const socketBytes = (socket: Socket | undefined | null) => (socket ? socket.bytesRead + socket.bytesWritten : 0);

/** JSON.parse that answers undefined for text that is not JSON: such a message carries no event. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function openWebSocket(
  to: Endpoint,
  t: Technique,
  channel: string,
  hooks: SubscriberHooks,
): Promise<StreamSubscriber> {
  const ws = new WebSocket(`ws://${to.host}:${to.port}${channelPath(channel, t.segment)}`, {
    localAddress: to.localAddress,
    perMessageDeflate: false,
  });
  let socket: Socket | undefined;
  let closing = false;
  ws.once('upgrade', (res) => (socket = res.socket as Socket));
  return new Promise((resolve, reject) => {
    ws.once('open', () => {
      ws.on('message', (data) => {
        const text = data.toString();
        // The project's server greets each socket with a `hello`; only an `event` message is an event.
        const message = parseJson(text) as ServerMessage | undefined;
        if (message?.type === 'event' && isChannelEvent(message)) hooks.onMessage(text, [message]);
        else hooks.onOtherFrame?.(text);
      });
      ws.on('close', (code) => closing || hooks.onDrop(`websocket closed with ${code}`));
      resolve({
        wireBytes: () => socketBytes(socket),
        close: () => {
          closing = true;
          ws.terminate();
        },
      });
    });
    ws.on('error', (err) => (ws.readyState === WebSocket.OPEN ? closing || hooks.onDrop(err.message) : reject(err)));
  });
}

/** The fields of one event-stream frame (WHATWG HTML §9.2.6) that the bench reads; comments are skipped. */
export interface EventStreamFrame {
  readonly event?: string;
  readonly id?: string;
  readonly data?: string;
}

export function parseEventStreamFrame(frame: string): EventStreamFrame {
  let event: string | undefined;
  let id: string | undefined;
  let data: string | undefined;
  for (const line of frame.split('\n')) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const name = colon < 0 ? line : line.slice(0, colon);
    const raw = colon < 0 ? '' : line.slice(colon + 1);
    const value = raw.startsWith(' ') ? raw.slice(1) : raw;
    if (name === 'data') data = data === undefined ? value : `${data}\n${value}`;
    else if (name === 'event') event = value;
    else if (name === 'id') id = value;
  }
  return { event, id, data };
}

/** The event a frame carries: one without an `event:` line (a `message`) whose data is a ChannelEvent. */
function eventOf(frame: EventStreamFrame): ChannelEvent | undefined {
  if (frame.data === undefined || (frame.event ?? 'message') !== 'message') return undefined;
  const event = parseJson(frame.data);
  return isChannelEvent(event) ? event : undefined;
}

/**
 * An event stream read frame by frame, requested with the technique's method on its path; resolves once
 * the first bytes (the `retry:` line) have arrived.
 */
export function openEventStream(
  to: Endpoint,
  t: Technique,
  channel: string,
  hooks: SubscriberHooks,
): Promise<StreamSubscriber> {
  let closing = false;
  let pending = '';
  const req = http.request({
    ...to,
    method: t.method,
    path: channelPath(channel, t.segment),
    agent: false,
    // A POSTed stream (fetch) carries its cursor as a JSON body; {} starts at the head, as a GET does.
    headers:
      t.method === 'POST'
        ? { accept: 'text/event-stream', 'content-type': 'application/json' }
        : { accept: 'text/event-stream' },
  });
  req.end(t.method === 'POST' ? '{}' : undefined);
  return new Promise((resolve, reject) => {
    req.once('response', (res) => {
      if (res.statusCode !== 200) {
        req.destroy();
        return reject(new Error(`${t.id} answered ${res.statusCode}`));
      }
      res.setEncoding('utf8');
      const subscriber = {
        wireBytes: () => socketBytes(req.socket),
        close: () => {
          closing = true;
          req.destroy();
        },
      };
      res.once('data', () => resolve(subscriber));
      res.on('data', (chunk: string) => {
        pending += chunk;
        let end: number;
        while ((end = pending.indexOf('\n\n')) >= 0) {
          const frame = pending.slice(0, end + 2);
          pending = pending.slice(end + 2);
          const event = eventOf(parseEventStreamFrame(frame));
          if (event) hooks.onMessage(frame, [event]);
          else hooks.onOtherFrame?.(frame);
        }
      });
      res.once('close', () => closing || hooks.onDrop(`${t.id} stream ended`));
    });
    req.on('error', (err) =>
      closing ? undefined : req.socket?.readyState === 'open' ? hooks.onDrop(err.message) : reject(err),
    );
  });
}

/**
 * A held-request client (long polling): asks again as soon as an answer arrives, with the answer's cursor,
 * over a keep-alive connection (as browsers do). Resolves once its first request has been sent.
 */
export function openHeldRequests(
  to: Endpoint,
  t: Technique,
  channel: string,
  hooks: SubscriberHooks,
  agent: http.Agent,
): Promise<Subscriber> {
  let closing = false;
  let current: http.ClientRequest | undefined;
  let cursor: number | undefined;
  return new Promise((resolve, reject) => {
    let first = true;
    const ask = () => {
      const path = `${channelPath(channel, t.segment)}?timeout=30000${cursor === undefined ? '' : `&after=${cursor}`}`;
      const req = (current = http.request({ ...to, method: t.method, path, agent }));
      req.once('finish', () => {
        if (!first) return;
        first = false;
        resolve({
          close: () => {
            closing = true;
            current?.destroy();
          },
        });
      });
      req.once('response', (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.once('end', () => {
          if (res.statusCode !== 200) return hooks.onDrop(`${t.id} answered ${res.statusCode}`);
          // The bare baseline answers only `events` and `cursor`: all of a PollAnswer the bench reads.
          const answer = parseJson(body) as Partial<Pick<PollAnswer, 'events' | 'cursor'>> | undefined;
          if (Number.isSafeInteger(answer?.cursor)) cursor = answer!.cursor;
          const events = Array.isArray(answer?.events) ? answer.events.filter(isChannelEvent) : [];
          if (events.length > 0) hooks.onMessage(body, events);
          if (!closing) ask();
        });
      });
      req.once('error', (err) => {
        if (closing) return;
        if (first) reject(err);
        else hooks.onDrop(err.message);
      });
      req.end();
    };
    ask();
  });
}

/** A subscriber on a technique's one connection, read as its wire says: WebSocket frames or an event stream. */
export function openStream(
  id: TechniqueId,
  to: Endpoint,
  channel: string,
  hooks: SubscriberHooks,
): Promise<StreamSubscriber> {
  const t = technique(id);
  if (t.wire === 'websocket-frames') return openWebSocket(to, t, channel, hooks);
  if (t.wire === 'event-stream') return openEventStream(to, t, channel, hooks);
  throw new Error(`${t.name} answers ${t.wire}, not one stream per subscription; got ${id}`);
}

/** A subscriber for any technique that holds something open for it, picked by the registry's properties. */
export function openSubscriber(
  id: TechniqueId,
  to: Endpoint,
  channel: string,
  hooks: SubscriberHooks,
  agent: http.Agent,
): Promise<Subscriber> {
  const t = technique(id);
  if (t.connection === 'persistent') return openStream(id, to, channel, hooks);
  if (t.connection === 'held-request') return openHeldRequests(to, t, channel, hooks, agent);
  throw new Error(`${t.name} holds no connection between answers, so there is nothing to subscribe with; got ${id}`);
}
