// BASELINE (benchmark code, not the product): a bare `node:http` server doing the same HTTP techniques as
// the project (event-stream fan-out, held-request waiters, short-poll answers), with nothing else, each
// served as the registry describes it (its `wire` and `connection`). `npm run bench` prints the figures
// of every technique that is not WebSocket frames as ratios to this server's.
import { createServer, type ServerResponse } from 'node:http';
import { BareChannels, answerJson, readPublish, route, serve } from './bare-common.ts';

const channels = new BareChannels();
const streams = new Map<string, Set<ServerResponse>>();
const waiters = new Map<string, Set<ServerResponse>>();

function members(map: Map<string, Set<ServerResponse>>, channel: string): Set<ServerResponse> {
  let set = map.get(channel);
  if (!set) map.set(channel, (set = new Set()));
  return set;
}

const answer = (events: string, cursor: number) => `{"events":[${events}],"cursor":${cursor}}`;

const server = createServer(async (req, res) => {
  const r = route(req);
  if (!r) return answerJson(res, 404, '{"error":"not found"}');
  const after = Number(r.query.get('after') ?? Number.NaN);
  const t = r.technique;

  if (r.publish) {
    const body = await readPublish(req, res);
    if (!body) return;
    const event = channels.append(r.channel, body.data);
    const frame = `id: ${event.seq}\ndata: ${event.json}\n\n`;
    for (const stream of members(streams, r.channel)) stream.write(frame);
    const waiting = members(waiters, r.channel);
    const reply = answer(event.json, event.seq);
    for (const waiter of waiting) answerJson(waiter, 200, reply);
    waiting.clear();
    return answerJson(res, 201, `{"seq":${event.seq}}`);
  }
  if (t?.wire === 'event-stream') {
    // A POSTed stream's body is its cursor; a bare server reads it (and, starting at the head, ignores it).
    if (req.method === 'POST') req.resume();
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
    res.write('retry: 2000\n\n');
    const set = members(streams, r.channel);
    set.add(res);
    res.on('close', () => set.delete(res));
    return;
  }
  if (t?.wire !== 'json-answers') return answerJson(res, 404, '{"error":"not found"}');
  const pending = channels.since(r.channel, after);
  const ready =
    pending.length > 0 ? answer(pending.map((e) => e.json).join(','), pending[pending.length - 1]!.seq) : undefined;
  // Answered at once (short polling), or held until an event or the timeout (long polling).
  if (ready || t.connection !== 'held-request')
    return answerJson(res, 200, ready ?? answer('', channels.head(r.channel)));
  const set = members(waiters, r.channel);
  set.add(res);
  const timer = setTimeout(
    () => {
      set.delete(res);
      answerJson(res, 200, answer('', channels.head(r.channel)));
    },
    Number(r.query.get('timeout') ?? 25_000),
  );
  res.on('close', () => {
    clearTimeout(timer);
    set.delete(res);
  });
});

serve(server, 'bare-http');
