// The subscribers a generator process holds, one kind per technique, all reporting the same two things:
// each delivered message's text (to time it and count it) and an unplanned end (a drop).
import http from 'node:http';
import type { Socket } from 'node:net';
import { WebSocket } from 'ws';
import type { TechniqueId as Technique } from '../../protocol/techniques.ts';

export interface SubscriberHooks {
  /** One delivered message: a WebSocket message, an SSE frame with data, a long-poll answer with events. */
  onMessage(text: string): void;
  onDrop(reason: string): void;
  /** A frame without data (the `retry:` line, a `:` heartbeat comment): counted apart from events. */
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

export function openWebSocket(to: Endpoint, channel: string, hooks: SubscriberHooks): Promise<StreamSubscriber> {
  const ws = new WebSocket(`ws://${to.host}:${to.port}/api/channels/${channel}/ws`, {
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
        // The project's server greets each socket with {"type":"hello","epoch"}: not an event.
        if (text.startsWith('{"type":"hello"')) hooks.onOtherFrame?.(text);
        else hooks.onMessage(text);
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

/** An SSE stream read frame by frame; resolves once the first bytes (the `retry:` line) have arrived. */
export function openSse(to: Endpoint, channel: string, hooks: SubscriberHooks): Promise<StreamSubscriber> {
  let closing = false;
  let pending = '';
  const req = http.get({
    ...to,
    path: `/api/channels/${channel}/sse`,
    agent: false,
    headers: { accept: 'text/event-stream' },
  });
  return new Promise((resolve, reject) => {
    req.once('response', (res) => {
      if (res.statusCode !== 200) {
        req.destroy();
        return reject(new Error(`sse answered ${res.statusCode}`));
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
          if (frame.includes('data: ')) hooks.onMessage(frame);
          else hooks.onOtherFrame?.(frame);
        }
      });
      res.once('close', () => closing || hooks.onDrop('sse stream ended'));
    });
    req.on('error', (err) =>
      closing ? undefined : req.socket?.readyState === 'open' ? hooks.onDrop(err.message) : reject(err),
    );
  });
}

/**
 * A long-poll client: asks again as soon as an answer arrives, with the answer's cursor, over a keep-alive
 * connection (as browsers do). Resolves once its first request has been sent.
 */
export function openLongPoll(
  to: Endpoint,
  channel: string,
  hooks: SubscriberHooks,
  agent: http.Agent,
): Promise<Subscriber> {
  let closing = false;
  let current: http.ClientRequest | undefined;
  let cursor: string | undefined;
  return new Promise((resolve, reject) => {
    let first = true;
    const ask = () => {
      const path = `/api/channels/${channel}/long-poll?timeout=30000${cursor === undefined ? '' : `&after=${cursor}`}`;
      const req = (current = http.get({ ...to, path, agent }));
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
          if (res.statusCode !== 200) return hooks.onDrop(`long-poll answered ${res.statusCode}`);
          cursor = /"cursor":(\d+)/.exec(body)?.[1] ?? cursor;
          if (!body.includes('"events":[]')) hooks.onMessage(body);
          if (!closing) ask();
        });
      });
      req.once('error', (err) => {
        if (closing) return;
        if (first) reject(err);
        else hooks.onDrop(err.message);
      });
    };
    ask();
  });
}

export function openSubscriber(
  technique: Technique,
  to: Endpoint,
  channel: string,
  hooks: SubscriberHooks,
  agent: http.Agent,
): Promise<Subscriber> {
  if (technique === 'websocket') return openWebSocket(to, channel, hooks);
  if (technique === 'sse') return openSse(to, channel, hooks);
  if (technique === 'long-poll') return openLongPoll(to, channel, hooks, agent);
  throw new Error(`short polling holds no connection to subscribe with; got ${technique}`);
}
