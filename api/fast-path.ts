// Polls answered straight from node:http, before Hono. Measured with wrk (issue 15, `npm run bench`,
// rates): an empty 43-byte poll answer cost the server about twice the CPU of a bare node:http server,
// and `node --cpu-prof` put the difference in the framework's request path, not in the poll: the
// fetch-style Request and Response, the middleware chain (security headers, X-Instance-Id, the
// shutdown check, the channel check, the lab tap), the router, then the headers set one by one on the
// Node response. A poll needs none of that machinery, so the plainest requests skip it: the same
// checks, the same reads and answer (readFromCursor and pollAnswer, as poll.ts and long-poll.ts call
// them), the same metrics, and the headers written as one precomputed list.
//
// Long-polls go the same way, held ones included: the route returns before the wait (long-poll.ts), but
// Hono's request wrapper and close handler stay referenced by the Node response for the whole wait.
// So do SSE streams and fetch streams, for the same reason (each transport gives its opener, `plain`):
// the base headers set on the Node response in the order Hono's middleware sets them, then the same
// stream. A fetch stream's POST body (its cursor, at most a kilobyte) is read here first; when Hono
// must answer after all, it gets the body as `rawBody`, which @hono/node-server reads instead of the
// request stream.
//
// Whatever is not plain goes to Hono exactly as before, which then answers as it always did: another
// method (HEAD), a query it would have to decode (`%`, `+`), another parameter (`?lab=`), a channel
// claimed by a grading run, a bad cursor or limit (Hono's route writes the error), a store that fails,
// shutdown, and a long-poll over the per-IP limit (the 429). Same status, headers and body; only the
// order of the headers differs (Content-Length before Date), which HTTP leaves free (RFC 9110 §5.3).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CHANNEL_NAME } from '../protocol/channels.ts';
import { technique } from '../protocol/techniques.ts';
import type { Deps } from './context.ts';
import { clientIp } from './limits.ts';
import { readFromCursor } from './log/reader.ts';
import { pageLimit, parseCursor, techniqueMeters } from './transports/admission.ts';
import { holdLongPoll, longPollTimeout, type WriteAnswer } from './transports/long-poll.ts';
import { JSON_HEADERS, pollAnswer } from './transports/poll.ts';
import { BASE_HEADERS } from './security.ts';
import type { PlainOpener } from './transports/transport.ts';

type Listener = (req: IncomingMessage, res: ServerResponse) => unknown;

const PREFIX = '/api/channels/';
const PLAIN_PARAMS = new Set(['after', 'epoch', 'limit', 'timeout']);
/** A fetch stream's body is its cursor; larger bodies are left to Hono and its body limit. */
const PLAIN_BODY_MAX_BYTES = 1024;

/** The query of a plain request as name → value, or undefined when Hono should read it. */
function plainQuery(query: string, plain: ReadonlySet<string> = PLAIN_PARAMS): Map<string, string> | undefined {
  const params = new Map<string, string>();
  if (query === '') return params;
  if (query.includes('%') || query.includes('+')) return undefined;
  for (const pair of query.split('&')) {
    const eq = pair.indexOf('=');
    const name = eq < 0 ? pair : pair.slice(0, eq);
    if (!plain.has(name) || params.has(name)) return undefined;
    params.set(name, eq < 0 ? '' : pair.slice(eq + 1));
  }
  return params;
}

/**
 * A request listener in front of `hono`: answers the plain polls and long-polls, opens the plain
 * streams of `streams` (by URL segment), and hands everything else to `hono`, untouched.
 */
export function withFastPath(deps: Deps, hono: Listener, streams: ReadonlyMap<string, PlainOpener>): Listener {
  const segments = {
    poll: `/${technique('poll').segment}`,
    longPoll: `/${technique('long-poll').segment}`,
  };
  const meters = { poll: techniqueMeters(deps.metrics, 'poll'), longPoll: techniqueMeters(deps.metrics, 'long-poll') };
  // The headers the Hono route sends, in its order: the security headers, the instance, the JSON ones;
  // the last value is the Content-Length, set per answer (writeHead reads the list at once).
  const head: string[] = [
    ...Object.entries(BASE_HEADERS).flat(),
    'X-Instance-Id',
    deps.config.INSTANCE_ID,
    ...Object.entries(JSON_HEADERS).flat(),
    'Content-Length',
    '',
  ];

  // What Hono's middleware sets on every Node response before a stream's handler runs (security.ts,
  // app.ts), in its order.
  const streamHeaders = [...Object.entries(BASE_HEADERS), ['X-Instance-Id', deps.config.INSTANCE_ID] as const];
  const openStream = (req: IncomingMessage, res: ServerResponse, path: string, query: string): unknown => {
    const slash = path.lastIndexOf('/');
    const opener = streams.get(`${req.method} ${path.slice(slash)}`);
    if (!opener) return hono(req, res);
    const channel = path.slice(PREFIX.length, slash);
    const params = plainQuery(query, opener.params);
    if (!params || !CHANNEL_NAME.test(channel) || deps.labs.claiming(channel)) return hono(req, res);
    const open = (body?: { type: string | undefined; text: string }) => {
      for (const [name, value] of streamHeaders) res.setHeader(name, value);
      return opener.open({ incoming: req, outgoing: res }, channel, params, body);
    };
    if (req.method === 'GET') {
      open().catch(() => hono(req, res));
      return;
    }
    // A POST: only a small body of a declared length, read whole; anything else is Hono's to read.
    const length = Number(req.headers['content-length'] ?? Number.NaN);
    if (!Number.isInteger(length) || length > PLAIN_BODY_MAX_BYTES || req.headers['transfer-encoding'])
      return hono(req, res);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.once('error', () => res.destroy());
    req.once('end', () => {
      const raw = Buffer.concat(chunks);
      const retry = () => {
        (req as IncomingMessage & { rawBody?: Buffer }).rawBody = raw;
        return hono(req, res);
      };
      // Decoded as the Fetch API's text() decodes: UTF-8, a leading byte order mark dropped.
      const text = new TextDecoder().decode(raw);
      open({ type: req.headers['content-type'], text }).catch(retry);
    });
  };

  return (req, res) => {
    const url = req.url ?? '';
    if ((req.method !== 'GET' && req.method !== 'POST') || !url.startsWith(PREFIX) || deps.lifecycle.shuttingDown)
      return hono(req, res);
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    const kind = path.endsWith(segments.poll) ? 'poll' : path.endsWith(segments.longPoll) ? 'longPoll' : undefined;
    if (!kind || req.method !== 'GET') return openStream(req, res, path, q < 0 ? '' : url.slice(q + 1));
    const channel = path.slice(PREFIX.length, path.length - segments[kind].length);
    const params = plainQuery(q < 0 ? '' : url.slice(q + 1));
    if (!params || !CHANNEL_NAME.test(channel) || deps.labs.claiming(channel)) return hono(req, res);
    let cursor: ReturnType<typeof parseCursor>;
    let limit: number;
    let timeoutMs = 0;
    try {
      cursor = parseCursor(params.get('after'), params.get('epoch'));
      limit = pageLimit(params.get('limit'));
      if (kind === 'longPoll') timeoutMs = longPollTimeout(deps, params.get('timeout'));
      else if (params.has('timeout')) return hono(req, res);
    } catch {
      return hono(req, res); // the route answers the 400, with its message
    }
    if (kind === 'longPoll') {
      const ip = clientIp(req, deps.config.TRUST_PROXY);
      const write: WriteAnswer = (status, body, headers = {}) => {
        if (res.headersSent || res.destroyed) return;
        head[head.length - 1] = String(Buffer.byteLength(body));
        const extra = Object.entries(headers);
        res.writeHead(status, extra.length === 0 ? head : [...head, ...extra.flat()]).end(body);
      };
      // The whole long-poll, held or not, as the route holds it (long-poll.ts); it rejects only before
      // writing anything (the per-IP limit, a failed read), and the route then answers with the error.
      holdLongPoll(deps, meters.longPoll, { channel, cursor, limit, timeoutMs, ip }, res, write).catch(() =>
        hono(req, res),
      );
      return;
    }
    readFromCursor(deps.store, channel, cursor, limit).then(
      (result) => {
        const body = pollAnswer(result);
        const bytes = Buffer.byteLength(body);
        meters.poll.requests.inc();
        meters.poll.delivered.inc(result.events.length);
        meters.poll.bytesWritten.inc(bytes);
        head[head.length - 1] = String(bytes);
        res.writeHead(200, head).end(body);
      },
      () => hono(req, res), // the store failed: the route answers with its error status
    );
  };
}
