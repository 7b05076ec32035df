// Real clients for integration tests: raw HTTP (node:http, so nothing is normalised away), an SSE
// reader that keeps the exact bytes, and a WebSocket client (ws).
import http from 'node:http';
import WebSocket from 'ws';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `pred` (sync or async) until it returns something truthy; throws after `timeoutMs`. */
export async function waitFor<T>(pred: () => T | Promise<T>, timeoutMs = 3000, what = 'condition'): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = await pred();
    if (v) return v;
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(5);
  }
}

export interface HttpResult {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json: any;
  ms: number;
}

export function request(
  base: string,
  path: string,
  opts: {
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    signal?: AbortSignal;
    localAddress?: string;
  } = {},
): Promise<HttpResult> {
  const u = new URL(base);
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: u.hostname,
        port: u.port,
        path,
        method: opts.method ?? 'GET',
        headers: opts.headers,
        signal: opts.signal,
        localAddress: opts.localAddress,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json, ms: performance.now() - t0 });
        });
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

export const publish = (base: string, channel: string, data: unknown, headers: Record<string, string> = {}) =>
  request(base, `/api/channels/${channel}/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ data }),
  });

export interface SseEvent {
  type: string;
  id?: string;
  data: string;
  json: any;
}

/** An event stream read with node:http: `raw` is every byte as received, `events` the parsed events. */
export class SseReader {
  raw = '';
  events: SseEvent[] = [];
  comments: string[] = [];
  status = 0;
  headers: http.IncomingHttpHeaders = {};
  ended = false;
  private req: http.ClientRequest;
  private pending = '';
  readonly opened: Promise<void>;

  constructor(base: string, path: string, headers: Record<string, string> = {}, body?: string) {
    const u = new URL(base);
    // A body means a POST: streaming with fetch asks for the same stream with its cursor in the body.
    this.req = http.request({
      host: u.hostname,
      port: u.port,
      path,
      method: body === undefined ? 'GET' : 'POST',
      headers: { accept: 'text/event-stream', ...headers },
      agent: false,
    });
    this.req.end(body);
    this.opened = new Promise((resolve, reject) => {
      this.req.on('response', (res) => {
        this.status = res.statusCode ?? 0;
        this.headers = res.headers;
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => this.feed(chunk));
        res.on('end', () => (this.ended = true));
        res.on('close', () => (this.ended = true));
        resolve();
      });
      this.req.on('error', (e) => {
        this.ended = true;
        reject(e);
      });
    });
  }

  private feed(chunk: string): void {
    this.raw += chunk;
    this.pending += chunk;
    let idx: number;
    while ((idx = this.pending.indexOf('\n\n')) >= 0) {
      const block = this.pending.slice(0, idx);
      this.pending = this.pending.slice(idx + 2);
      const ev: SseEvent = { type: 'message', data: '', json: undefined };
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) this.comments.push(line);
        else if (line.startsWith('data: ')) data.push(line.slice(6));
        else if (line.startsWith('id: ')) ev.id = line.slice(4);
        else if (line.startsWith('event: ')) ev.type = line.slice(7);
      }
      if (data.length === 0) continue;
      ev.data = data.join('\n');
      try {
        ev.json = JSON.parse(ev.data);
      } catch {
        ev.json = undefined;
      }
      this.events.push(ev);
    }
  }

  messages(): SseEvent[] {
    return this.events.filter((e) => e.type === 'message');
  }
  seqs(): number[] {
    return this.messages().map((e) => e.json.seq);
  }
  close(): void {
    this.req.destroy();
  }
}

const CONTRACT_TYPES = new Set(['event', 'gap', 'reset', 'ack', 'error']);

export interface WsClient {
  ws: WebSocket;
  msgs: any[];
  other: any[];
  opened: Promise<void>;
  closed: Promise<{ code: number; reason: string }>;
  status?: number;
  send(obj: unknown): void;
  of(type: string): any[];
  seqs(): number[];
}

export function openWs(base: string, path: string, opts: WebSocket.ClientOptions = {}): WsClient {
  const ws = new WebSocket(base.replace(/^http/, 'ws') + path, opts);
  const c: WsClient = {
    ws,
    msgs: [],
    other: [],
    opened: new Promise((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('unexpected-response', (_req, res) => {
        c.status = res.statusCode;
        reject(new Error(`refused with ${res.statusCode}`));
      });
      ws.once('error', reject);
    }),
    closed: new Promise((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() }))),
    send: (obj) => ws.send(typeof obj === 'string' ? obj : JSON.stringify(obj)),
    of: (type) => c.msgs.filter((m) => m.type === type),
    seqs: () => c.of('event').map((m) => m.seq),
  };
  c.opened.catch(() => {});
  // `msgs` holds the contract's message types; others (the server's `hello`) go to `other`, since the
  // contract lets a server add types that clients ignore.
  ws.on('message', (d) => {
    const m = JSON.parse(d.toString());
    (CONTRACT_TYPES.has(m.type) ? c.msgs : c.other).push(m);
  });
  return c;
}
