/**
 * The API reference page's content: docs/api-contract.md made readable, with examples a learner can
 * paste. It is checked against the contract's route table (checkReference), at build time by
 * src/pages/api-reference.astro and in `npm test` by api-reference.test.ts, so a route added to
 * protocol/routes.ts without documentation fails the build.
 */
import type { ErrorCodeInfo } from '../../protocol/errors.ts';
import type { Route } from '../../protocol/routes.ts';

export interface Param {
  name: string;
  where: 'path' | 'query' | 'header' | 'body';
  meaning: string;
}

export interface Endpoint {
  method: 'GET' | 'POST';
  path: string;
  summary: string;
  params: Param[];
  returns: string;
  /** Shell or browser-console text; {origin} becomes the page's own origin. */
  example: { lang: 'sh' | 'js'; code: string };
}

const channel: Param = {
  name: 'channel',
  where: 'path',
  meaning: 'Channel name: `^[a-z0-9][a-z0-9-]{0,63}$`, else `400 invalid_channel`.',
};
const after: Param = {
  name: 'after',
  where: 'query',
  meaning:
    'Cursor: the last `seq` you have, in plain decimal digits (else `400 invalid_cursor`). Omit it to start at the head.',
};
const epoch: Param = {
  name: 'epoch',
  where: 'query',
  meaning: 'The epoch your cursor belongs to; another epoch answers with a reset.',
};

const limit: Param = {
  name: 'limit',
  where: 'query',
  meaning:
    'Most events in one answer, the same for poll and long-poll: an integer from 1 to 1000, default 100; anything else (`0`, `-5`, `5000`) is `400 invalid_limit`.',
};

export const ENDPOINTS: Endpoint[] = [
  {
    method: 'POST',
    path: '/api/channels/:channel/events',
    summary: 'Publish one event to a channel.',
    params: [
      channel,
      {
        name: 'data',
        where: 'body',
        meaning: 'Any JSON value, at most 4096 bytes serialized. Send `Content-Type: application/json` (else `415`).',
      },
      {
        name: 'ref',
        where: 'body',
        meaning:
          'Optional idempotency key: a string of at most 128 characters or a number. The same `ref` on this channel within 5 minutes appends nothing and answers `200` with the first seq and `"duplicate":true`.',
      },
    ],
    returns:
      '`201 {"seq","time","epoch"}`; a repeated `ref`: `200 {"seq","time","epoch","duplicate":true}`. The `ticker` channel is read-only (`403 read_only_channel`).',
    example: {
      lang: 'sh',
      code: `curl -X POST -H 'content-type: application/json' -d '{"data":{"hello":"world"}}' {origin}/api/channels/demo/events`,
    },
  },
  {
    method: 'GET',
    path: '/api/channels/:channel/poll',
    summary: 'Short polling: answers at once with what is after your cursor.',
    params: [channel, after, epoch, limit],
    returns:
      '`200 {"epoch","events":[…],"cursor"}`, plus `"reset": true` or `"missed": k` when the cursor rule says so. Send `cursor` back as the next `after`. A channel nobody has published to answers `{"epoch":"empty","events":[],"cursor":0}` and is not created by the read; its first publish continues from there without a reset.',
    example: { lang: 'sh', code: `curl '{origin}/api/channels/demo/poll?after=0'` },
  },
  {
    method: 'GET',
    path: '/api/channels/:channel/long-poll',
    summary: 'Long polling: like poll, but holds the request until an event arrives or the timeout runs out.',
    params: [
      channel,
      after,
      epoch,
      { name: 'timeout', where: 'query', meaning: 'How long to hold, in ms: default 25000, clamped to 0–30000.' },
      limit,
    ],
    returns: 'Same body as poll; `events: []` when the timeout ran out first.',
    example: { lang: 'sh', code: `curl '{origin}/api/channels/demo/long-poll?after=1&timeout=10000'` },
  },
  {
    method: 'GET',
    path: '/api/channels/:channel/sse',
    summary: 'Server-Sent Events: one long text/event-stream response.',
    params: [
      channel,
      after,
      {
        name: 'Last-Event-ID',
        where: 'header',
        meaning:
          'Sent by EventSource when it reconnects; wins over `after`. A malformed one is a reset, never an error status.',
      },
    ],
    returns:
      '`200 text/event-stream`: a `: connected` comment, then `id: <epoch>:<seq>` + `data: <event JSON>` per event (the first one also carries `retry:`), `event: gap` / `event: reset`, and a `:` heartbeat comment on a stream quiet for `SSE_HEARTBEAT_MS`. Reading it from Python with httpx-sse: that library hands a comment that follows an event (the heartbeat) to your code as an event with empty `data` (it keeps the last id and dispatches on every blank line), so skip events whose `data` is empty before `json.loads`. EventSource and the `eventsource` package ignore comments, as the standard says.',
    example: { lang: 'sh', code: `curl -N {origin}/api/channels/ticker/sse` },
  },
  {
    method: 'POST',
    path: '/api/channels/:channel/stream',
    summary:
      'Streaming with fetch: the same text/event-stream as SSE, asked for with a POST whose JSON body is the cursor (the way chat APIs stream).',
    params: [
      channel,
      {
        name: 'after, epoch',
        where: 'body',
        meaning:
          '`{"after"?: <seq>, "epoch"?: "<epoch>"}` as `Content-Type: application/json` (else `415`), at most 1024 bytes (else `413`); `{}` starts at the head. The client sends it again on every reconnect: nothing resends Last-Event-ID for it.',
      },
    ],
    returns:
      'The SSE answer, byte for byte: `200 text/event-stream`, ids `<epoch>:<seq>`, `event: gap` / `event: reset`, heartbeats. Read the body with `response.body.pipeThrough(new TextDecoderStream()).getReader()`.',
    example: {
      lang: 'sh',
      code: `curl -N -X POST -H 'content-type: application/json' -d '{"after":0}' {origin}/api/channels/ticker/stream`,
    },
  },
  {
    method: 'GET',
    path: '/api/channels/:channel/ws',
    summary: 'WebSocket (RFC 6455): events, publishing with acks, and resume on one connection.',
    params: [
      channel,
      after,
      epoch,
      {
        name: 'Origin',
        where: 'header',
        meaning: 'Must be this site (or listed in `ALLOWED_ORIGINS`); others get `403` before the upgrade.',
      },
    ],
    returns:
      'Server → client: first `{"type":"hello","epoch","head"}` (the epoch the events that follow belong to; again after each resume and whenever the epoch changes), then `{"type":"event","seq","time","data"}`, `gap`, `reset`, `ack` (with your `ref`), `error`. Client → server: `{"type":"publish","data","ref"}`, `{"type":"resume","after","epoch"}`. A message over 16 KiB closes with 1009. A plain `GET` without Upgrade, or with another protocol in it (`Upgrade: h2c` from `curl --http2`), is `426`; a refused handshake is a JSON error like every other.',
    example: {
      lang: 'js',
      code: [
        // biome-ignore lint/suspicious/noTemplateCurlyInString: the example is JavaScript source that uses a template literal
        'const ws = new WebSocket(`ws://${location.host}/api/channels/demo/ws?after=0`);',
        'ws.onmessage = (e) => console.log(JSON.parse(e.data));',
        "ws.onopen = () => ws.send(JSON.stringify({ type: 'publish', data: 'hi', ref: 'r1' }));",
      ].join('\n'),
    },
  },
  {
    method: 'GET',
    path: '/api/health',
    summary: 'Whether the server accepts work, which instance answered and which store it runs on.',
    params: [],
    returns:
      '`200 {"status":"ok","instance","store":"memory"|"redis"}`; `"status":"degraded"` with a `problem` sentence while a shared store is unreachable (publishes then get `503 store_unavailable`); `503` while shutting down. Every answer names its instance in the `X-Instance-Id` header.',
    example: { lang: 'sh', code: `curl {origin}/api/health` },
  },
  {
    method: 'GET',
    path: '/api/time',
    summary: "The server's clock, for timing deliveries from a page.",
    params: [],
    returns:
      '`200 {"now": <server epoch ms>}`. Ask several times and keep the answer with the shortest round trip: the server\'s clock minus yours is about `now − (sent + received) / 2`, within half that round trip (the comparison lesson\'s race does this).',
    example: { lang: 'sh', code: `curl {origin}/api/time` },
  },
  {
    method: 'GET',
    path: '/api/openapi.json',
    summary: 'This API as an OpenAPI 3.1 document, built from the contract module (protocol/) itself.',
    params: [],
    returns:
      "`200 application/json`: every route above with its parameters, request bodies and each answer's status and JSON Schema, errors narrowed to the codes a route can answer with. Load it into any OpenAPI tool, or generate a client from it; the project's fuzzer (`npm run fuzz`) checks the server against it.",
    example: { lang: 'sh', code: `curl -s {origin}/api/openapi.json | head -c 300` },
  },
  {
    method: 'GET',
    path: '/metrics',
    summary:
      'Prometheus metrics: open connections and requests per technique, events published and delivered, bytes written, rejections by reason.',
    params: [],
    returns: '`200 text/plain` in the Prometheus exposition format.',
    example: { lang: 'sh', code: `curl -s {origin}/metrics | grep realtime` },
  },
];

const labId: Param = {
  name: 'id',
  where: 'path',
  meaning:
    'Your lab id: 32 lowercase hex digits that your page made at random (else `400 invalid_lab_id`). Add `?lab=<id>` to your own poll, long-poll, SSE or WebSocket URLs to have them captured.',
};

/** The widgets' lab: an extension of the contract, scoped to connections tagged with your own lab id. */
export const LAB_ENDPOINTS: Endpoint[] = [
  {
    method: 'GET',
    path: '/api/lab/:id/wire',
    summary: 'The bytes of your tagged connections, as the server saw them.',
    params: [
      labId,
      {
        name: 'after',
        where: 'query',
        meaning: 'Only entries after this number (from `next` of the previous answer).',
      },
    ],
    returns:
      '`200 {"entries":[…],"next","dropped"}`: request and response heads, body text (SSE as it arrives), WebSocket frames decoded both ways (FIN, opcode, mask bit and key, length, payload).',
    example: { lang: 'sh', code: `curl '{origin}/api/lab/0123456789abcdef0123456789abcdef/wire?after=0'` },
  },
  {
    method: 'GET',
    path: '/api/lab/:id/connections',
    summary: 'Bytes per tagged connection, split into headers, framing and payload.',
    params: [labId],
    returns:
      '`200` with, per connection, requests carried and bytes up and down as `header`, `framing` and `payload`; totals; `live` and `peakLive`.',
    example: { lang: 'sh', code: `curl {origin}/api/lab/0123456789abcdef0123456789abcdef/connections` },
  },
  {
    method: 'POST',
    path: '/api/lab/:id/cut',
    summary: 'Drops your tagged connections, as a network failure would.',
    params: [labId],
    returns:
      '`200 {"dropped":n}`, or `{"armed":true}` when nothing is open: the next tagged connection within 10 s is dropped. Counts against the publish rate (`429`).',
    example: { lang: 'sh', code: `curl -X POST {origin}/api/lab/0123456789abcdef0123456789abcdef/cut` },
  },
  {
    method: 'POST',
    path: '/api/lab/:id/restart',
    summary:
      'A server restart for you alone: cuts your connections and resets your private channel `lab-<id>` (new epoch).',
    params: [labId],
    returns: "`200` with the channel's new bounds. Only `lab-<id>` is reset, never a shared channel.",
    example: { lang: 'sh', code: `curl -X POST {origin}/api/lab/0123456789abcdef0123456789abcdef/restart` },
  },
  {
    method: 'POST',
    path: '/api/lab/:id/gap',
    summary:
      'Cuts your connections and publishes past the retention on `lab-<id>`, so your client comes back to a gap.',
    params: [labId],
    returns: '`200`; `409 gap_unavailable` when it cannot be provoked (see the message).',
    example: { lang: 'sh', code: `curl -X POST {origin}/api/lab/0123456789abcdef0123456789abcdef/gap` },
  },
  {
    method: 'POST',
    path: '/api/lab/:id/race',
    summary:
      'Starts a race: the server publishes on `lab-<id>` at your rate and size (in place of the tick), for your clients of every technique to read.',
    params: [
      labId,
      { name: 'rate', where: 'body', meaning: 'Events per second, 0.1 to 50.' },
      {
        name: 'payloadBytes',
        where: 'body',
        meaning: "Size of each event's `data` serialized as JSON, 2 to 16384 bytes.",
      },
      { name: 'durationMs', where: 'body', meaning: 'How long to publish, 1000 to 60000 ms.' },
    ],
    returns:
      '`201 {"channel","epoch","after","startsAt","endsAt","planned","settings"}`: open your clients at `after`/`epoch`; the first event is due at `startsAt` (server clock), 1.5 s after the answer. A new race replaces the lab\'s previous one. `400 invalid_race` for a setting out of range, `415` without `Content-Type: application/json`, `503 race_busy` when the server runs its most races at once; counts against the publish rate (`429`).',
    example: {
      lang: 'sh',
      code: `curl -X POST -H 'content-type: application/json' -d '{"rate":5,"payloadBytes":100,"durationMs":10000}' {origin}/api/lab/0123456789abcdef0123456789abcdef/race`,
    },
  },
  {
    method: 'GET',
    path: '/api/lab/:id/race/status',
    summary: 'What the race has published so far.',
    params: [labId],
    returns:
      '`200 {"running","settings","startsAt","endsAt","planned","published","failed","segments":[{"epoch","first","last"}]}`: the seqs it published, per epoch (a restart starts a new segment). `404` before any race.',
    example: { lang: 'sh', code: `curl {origin}/api/lab/0123456789abcdef0123456789abcdef/race/status` },
  },
  {
    method: 'POST',
    path: '/api/lab/:id/race/stop',
    summary: 'Stops the race early.',
    params: [labId],
    returns: "`200` with the race's status. `404` before any race.",
    example: { lang: 'sh', code: `curl -X POST {origin}/api/lab/0123456789abcdef0123456789abcdef/race/stop` },
  },
  {
    method: 'POST',
    path: '/api/lab/:id/exercise',
    summary:
      "Starts a grading run (the exercises' grader): the lab claims `lab-<id>`, so every connection to it is yours without `?lab=`; the tick stays quiet; your requests are logged.",
    params: [labId],
    returns:
      '`201 {"channel","epoch","head","quietUntil"}`. The tick stays quiet 120 s after the start or the last `publish`. Counts against the publish rate (`429`).',
    example: { lang: 'sh', code: `curl -X POST {origin}/api/lab/0123456789abcdef0123456789abcdef/exercise` },
  },
  {
    method: 'POST',
    path: '/api/lab/:id/publish',
    summary: 'The server publishes planned events on `lab-<id>` itself, after cutting your connections if asked.',
    params: [
      labId,
      { name: 'count', where: 'body', meaning: 'Events to append, 0 to 2000; each is `{"n": <i>, "of": <count>}`.' },
      {
        name: 'cut',
        where: 'body',
        meaning: 'Optional `true`: cut your connections first, so the events are published while your client is down.',
      },
    ],
    returns: '`201 {"channel","epoch","first","last","dropped"}`: the seqs appended. `400 invalid_fault` out of range.',
    example: {
      lang: 'sh',
      code: `curl -X POST -H 'content-type: application/json' -d '{"count":5,"cut":true}' {origin}/api/lab/0123456789abcdef0123456789abcdef/publish`,
    },
  },
  {
    method: 'POST',
    path: '/api/lab/:id/refuse',
    summary: "Stages an outage: your lab's next requests are answered 503 or 429 with `Retry-After`, on purpose.",
    params: [
      labId,
      { name: 'status', where: 'body', meaning: '`503` (`fault_unavailable`) or `429` (`fault_rate_limited`).' },
      { name: 'retryAfter', where: 'body', meaning: 'Seconds sent as `Retry-After`, 0 to 60 (default 1).' },
      { name: 'count', where: 'body', meaning: 'Requests to refuse, 1 to 1000 (default: all within the duration).' },
      { name: 'durationMs', where: 'body', meaning: 'How long at most, 100 to 30000 ms (default 10000).' },
      { name: 'cut', where: 'body', meaning: 'Optional `true`: cut your connections too, so the reconnect meets it.' },
    ],
    returns:
      '`201 {"status","retryAfter","from","until","endedAt","refused","count","dropped"}`. A WebSocket upgrade gets the refusal before its handshake. `400 invalid_fault` out of range.',
    example: {
      lang: 'sh',
      code: `curl -X POST -H 'content-type: application/json' -d '{"status":429,"retryAfter":2,"count":1}' {origin}/api/lab/0123456789abcdef0123456789abcdef/refuse`,
    },
  },
  {
    method: 'POST',
    path: '/api/lab/:id/repeat',
    summary: "Sends the last event frame again on each of your lab's WebSockets (at-least-once delivery, on purpose).",
    params: [labId],
    returns: '`200 {"repeated": n}`: how many sockets got it again.',
    example: { lang: 'sh', code: `curl -X POST {origin}/api/lab/0123456789abcdef0123456789abcdef/repeat` },
  },
  {
    method: 'POST',
    path: '/api/lab/:id/drop-ack',
    summary:
      "Loses an ack on purpose: your lab's next WebSocket publish (within 10 s) is appended, then its connection is cut before the ack is sent.",
    params: [labId],
    returns:
      '`200 {"armed":true,"untilMs":10000}`. Resend it with the same `ref` after reconnecting: it is not appended twice.',
    example: { lang: 'sh', code: `curl -X POST {origin}/api/lab/0123456789abcdef0123456789abcdef/drop-ack` },
  },
  {
    method: 'GET',
    path: '/api/lab/:id/requests',
    summary: 'Every request of your lab since the grading run started, with its arrival time, and the outages staged.',
    params: [labId],
    returns:
      '`200 {"requests":[{"at","technique","refused"}],"dropped","outages":[{"status","retryAfter","from","until","endedAt","refused"}]}` (server clock): what back-off is judged from.',
    example: { lang: 'sh', code: `curl {origin}/api/lab/0123456789abcdef0123456789abcdef/requests` },
  },
  {
    method: 'GET',
    path: '/api/lab/:id/log',
    summary: "Your private channel's log as the server keeps it, read without a poll (never counted as your request).",
    params: [
      labId,
      { name: 'after', where: 'query', meaning: 'Only events after this seq (at most 1000 per answer).' },
    ],
    returns: '`200 {"channel","epoch","oldest","head","events":[{"seq","time","data"}]}`.',
    example: { lang: 'sh', code: `curl '{origin}/api/lab/0123456789abcdef0123456789abcdef/log?after=0'` },
  },
];

/** Every error code the server can answer with, and what the learner should do about it. */
/** How an error code reaches a client, for the reference's table: its HTTP status, or what happens instead. */
export function errorDelivery(info: ErrorCodeInfo): string {
  return info.status === null ? (info.otherwise ?? '') : String(info.status);
}

/**
 * Throws unless the reference documents exactly the routes and methods the server answers (the
 * contract's route table, protocol/routes.ts). Error codes need no check: the reference renders the
 * contract's own table of them (protocol/errors.ts).
 */
export function checkReference(routes: readonly Route[]): void {
  const documented = new Map([...ENDPOINTS, ...LAB_ENDPOINTS].map((e) => [e.path, e.method]));
  const served = new Map(routes.map((r) => [r.path, r.method]));
  const problems: string[] = [];
  for (const [path, method] of served) {
    if (!documented.has(path)) problems.push(`route ${method} ${path} is not documented`);
    else if (documented.get(path) !== method)
      problems.push(`route ${path} answers ${method} but is documented as ${documented.get(path)}`);
  }
  for (const path of documented.keys())
    if (!served.has(path)) problems.push(`documented ${path} is not a route of the server`);
  if (problems.length > 0) {
    throw new Error(
      `The API reference (src/lib/api-reference.ts) disagrees with the route table (protocol/routes.ts):\n  - ${problems.join('\n  - ')}`,
    );
  }
}
