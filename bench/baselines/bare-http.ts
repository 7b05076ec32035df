// BASELINE (benchmark code, not the product): a bare `node:http` server doing the same HTTP techniques as
// the project (event-stream fan-out, held-request waiters, short-poll answers), with nothing else, each
// served as the registry describes it (its `wire` and `connection`). `npm run bench` prints the figures
// of every technique that is not WebSocket frames as ratios to this server's.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { createServer, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { getMimeType } from 'hono/utils/mime';
import { ASSET_POLICY, pagePolicy } from '../../api/security.ts';
import { BareChannels, SAME_HEADERS, answerJson, readPublish, route, serve } from './bare-common.ts';

const channels = new BareChannels();
const streams = new Map<string, Set<ServerResponse>>();
const waiters = new Map<string, Set<ServerResponse>>();

function members(map: Map<string, Set<ServerResponse>>, channel: string): Set<ServerResponse> {
  let set = map.get(channel);
  if (!set) map.set(channel, (set = new Set()));
  return set;
}

/** The project's poll answer, byte for byte: `{"epoch":…,"events":[…],"cursor":…}` (43 bytes when empty). */
const answer = (channel: string, events: string, cursor: number) =>
  `{"epoch":"${channels.epoch(channel)}","events":[${events}],"cursor":${cursor}}`;

/**
 * The static site as the project sends it (its headers, its Brotli or gzip copy, read once into memory),
 * with the least a server can do per request: a Map lookup and one write.
 */
const SITE = process.env.SITE_DIR ?? join(import.meta.dirname, '..', '..', 'dist');
const files = new Map<string, { headers: OutgoingHttpHeaders; body: Buffer }[] | null>();
function serveFile(path: string, acceptEncoding: string, res: ServerResponse): boolean {
  let variants = files.get(path);
  if (variants === undefined) {
    const file = join(SITE, path.endsWith('/') ? `${path}index.html` : path);
    try {
      const body = readFileSync(file);
      const base = {
        ...SAME_HEADERS,
        'Content-Security-Policy': file.endsWith('.html') ? pagePolicy(body.toString('utf8')) : ASSET_POLICY,
        'Content-Type': getMimeType(file) ?? 'application/octet-stream',
        Vary: 'Accept-Encoding',
        'Last-Modified': statSync(file).mtime.toUTCString(),
      };
      const variant = (b: Buffer, coding?: string) => ({
        headers: {
          ...base,
          ...(coding ? { 'Content-Encoding': coding } : {}),
          ETag: `"${createHash('sha256').update(b).digest('base64url').slice(0, 22)}"`,
          'Content-Length': b.length,
        },
        body: b,
      });
      variants = [variant(body)];
      for (const [coding, suffix] of [
        ['br', '.br'],
        ['gzip', '.gz'],
      ] as const) {
        try {
          variants.push(variant(readFileSync(file + suffix), coding));
        } catch {
          // no copy in that coding
        }
      }
    } catch {
      variants = null;
    }
    files.set(path, variants);
  }
  if (!variants) return false;
  const chosen =
    variants.find(
      (v) => v.headers['Content-Encoding'] && acceptEncoding.includes(String(v.headers['Content-Encoding'])),
    ) ?? variants[0]!;
  res.writeHead(200, chosen.headers).end(chosen.body);
  return true;
}

const server = createServer(async (req, res) => {
  const r = route(req);
  if (!r) {
    const path = (req.url ?? '/').split('?')[0]!;
    if (req.method === 'GET' && !path.includes('..') && serveFile(path, req.headers['accept-encoding'] ?? '', res))
      return;
    return answerJson(res, 404, '{"error":"not found"}');
  }
  const after = Number(r.query.get('after') ?? Number.NaN);
  const t = r.technique;

  if (r.publish) {
    const body = await readPublish(req, res);
    if (!body) return;
    const event = channels.append(r.channel, body.data);
    const frame = `id: ${event.seq}\ndata: ${event.json}\n\n`;
    for (const stream of members(streams, r.channel)) stream.write(frame);
    const waiting = members(waiters, r.channel);
    const reply = answer(r.channel, event.json, event.seq);
    for (const waiter of waiting) answerJson(waiter, 200, reply);
    waiting.clear();
    return answerJson(res, 201, `{"seq":${event.seq}}`);
  }
  if (t?.wire === 'event-stream') {
    // A POSTed stream's body is its cursor; a bare server reads it (and, starting at the head, ignores it).
    if (req.method === 'POST') req.resume();
    // The project's stream headers (api/transports/event-stream.ts).
    res.writeHead(200, {
      ...SAME_HEADERS,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      'X-Accel-Buffering': 'no',
    });
    res.write('retry: 2000\n\n');
    const set = members(streams, r.channel);
    set.add(res);
    res.on('close', () => set.delete(res));
    return;
  }
  if (t?.wire !== 'json-answers') return answerJson(res, 404, '{"error":"not found"}');
  const pending = channels.since(r.channel, after);
  const ready =
    pending.length > 0
      ? answer(r.channel, pending.map((e) => e.json).join(','), pending[pending.length - 1]!.seq)
      : undefined;
  // Answered at once (short polling), or held until an event or the timeout (long polling).
  if (ready || t.connection !== 'held-request')
    return answerJson(res, 200, ready ?? answer(r.channel, '', channels.head(r.channel)));
  const set = members(waiters, r.channel);
  set.add(res);
  const timer = setTimeout(
    () => {
      set.delete(res);
      answerJson(res, 200, answer(r.channel, '', channels.head(r.channel)));
    },
    Number(r.query.get('timeout') ?? 25_000),
  );
  res.on('close', () => {
    clearTimeout(timer);
    set.delete(res);
  });
});

serve(server, 'bare-http');
