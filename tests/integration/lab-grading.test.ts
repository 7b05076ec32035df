// The exercises' grader over real sockets, on both stores: a grading run claims the lab's channel
// (untagged connections are the lab's), publishes planned events with a cut first, stages 503 and 429
// refusals with Retry-After (HTTP and WebSocket), logs the requests, repeats an event frame on the
// lab's WebSockets, and reads the channel's log; and publish dedupe by `ref` (HTTP and WebSocket).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { SseReader, openWs, request, sleep, waitFor } from '../helpers/clients.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let S: TestServer;
before(async () => {
  S = await startTestServer({ TICK_MS: 100, PUBLISH_RATE_PER_SEC: 1000, PUBLISH_BURST: 1000 });
});
after(() => S.close());

const newLab = () => randomBytes(16).toString('hex');
const postJson = (path: string, body: unknown) =>
  request(S.base, path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
const post = (path: string) => request(S.base, path, { method: 'POST' });
const live = async (lab: string) => (await request(S.base, `/api/lab/${lab}/connections`)).json.live as number;

describe('grading run', () => {
  it('claims the channel: an untagged poll is logged and counted, and the tick stays quiet', async () => {
    const lab = newLab();
    const start = await post(`/api/lab/${lab}/exercise`);
    assert.equal(start.status, 201);
    assert.equal(start.json.channel, `lab-${lab}`);
    assert.equal(start.json.head, 0);
    const poll = await request(S.base, `/api/channels/lab-${lab}/poll?after=0`);
    assert.equal(poll.status, 200);
    const stats = (await request(S.base, `/api/lab/${lab}/connections`)).json;
    assert.equal(stats.byTechnique.poll.requests, 1, 'the untagged poll is the lab’s');
    await sleep(350);
    const log = (await request(S.base, `/api/lab/${lab}/log?after=0`)).json;
    assert.deepEqual(log.events, [], 'no tick while the run owns the channel');
    const requests = (await request(S.base, `/api/lab/${lab}/requests`)).json;
    assert.equal(requests.requests.length, 1);
    assert.equal(requests.requests[0].technique, 'poll');
    assert.equal(requests.requests[0].refused, null);
  });

  it('a channel not claimed by a run stays untapped without ?lab=', async () => {
    const lab = newLab();
    await request(S.base, `/api/channels/lab-${lab}/poll?after=0`);
    assert.equal((await request(S.base, `/api/lab/${lab}/requests`)).json.requests.length, 0);
  });

  it('publishes planned events after a cut: the SSE stream is dropped, the events are in the log', async () => {
    const lab = newLab();
    await post(`/api/lab/${lab}/exercise`);
    const sse = new SseReader(S.base, `/api/channels/lab-${lab}/sse?after=0`);
    await sse.opened;
    await waitFor(async () => (await live(lab)) === 1, 3000, 'the stream to be live');
    const first = await postJson(`/api/lab/${lab}/publish`, { count: 3 });
    assert.equal(first.status, 201);
    assert.deepEqual([first.json.first, first.json.last, first.json.dropped], [1, 3, 0]);
    const second = await postJson(`/api/lab/${lab}/publish`, { count: 2, cut: true });
    assert.deepEqual([second.json.first, second.json.last, second.json.dropped], [4, 5, 1]);
    const log = (await request(S.base, `/api/lab/${lab}/log?after=3`)).json;
    assert.deepEqual(
      log.events.map((e: { seq: number; data: unknown }) => [e.seq, e.data]),
      [
        [4, { n: 1, of: 2 }],
        [5, { n: 2, of: 2 }],
      ],
    );
    sse.close();
    for (const bad of [{ count: -1 }, { count: 2001 }, { count: 'x' }, [], { count: 1, cut: 'yes' }]) {
      const r = await postJson(`/api/lab/${lab}/publish`, bad);
      assert.equal(r.status, 400, JSON.stringify(bad));
      assert.equal(r.json.error.code, 'invalid_fault');
    }
  });

  it('refuses the next requests with 503 and Retry-After, then lets them through; the outage is reported', async () => {
    const lab = newLab();
    await post(`/api/lab/${lab}/exercise`);
    const plan = await postJson(`/api/lab/${lab}/refuse`, { status: 503, retryAfter: 2, count: 2 });
    assert.equal(plan.status, 201);
    for (let i = 0; i < 2; i++) {
      const r = await request(S.base, `/api/channels/lab-${lab}/poll?after=0`);
      assert.equal(r.status, 503);
      assert.equal(r.headers['retry-after'], '2');
      assert.equal(r.json.error.code, 'fault_unavailable');
    }
    assert.equal((await request(S.base, `/api/channels/lab-${lab}/poll?after=0`)).status, 200);
    const report = (await request(S.base, `/api/lab/${lab}/requests`)).json;
    assert.deepEqual(
      report.requests.map((r: { refused: number | null }) => r.refused),
      [503, 503, null],
    );
    assert.equal(report.outages.length, 1);
    assert.equal(report.outages[0].refused, 2);
    assert.ok(report.outages[0].endedAt !== null);
    const wire = (await request(S.base, `/api/lab/${lab}/wire`)).json.entries;
    assert.ok(
      wire.some((e: { kind: string; text?: string }) => e.kind === 'http-head' && /^HTTP\/1\.1 503/.test(e.text ?? '')),
      'the capture shows the refusal',
    );
  });

  it('refuses a long-poll with 429 and a WebSocket upgrade with 503, for a duration', async () => {
    const lab = newLab();
    await post(`/api/lab/${lab}/exercise`);
    await postJson(`/api/lab/${lab}/refuse`, { status: 429, retryAfter: 3, count: 1 });
    const lp = await request(S.base, `/api/channels/lab-${lab}/long-poll?after=0&timeout=0`);
    assert.equal(lp.status, 429);
    assert.equal(lp.headers['retry-after'], '3');
    assert.equal(lp.json.error.code, 'fault_rate_limited');
    await postJson(`/api/lab/${lab}/refuse`, { status: 503, durationMs: 30_000 });
    const ws = openWs(S.base, `/api/channels/lab-${lab}/ws?after=0`);
    await assert.rejects(ws.opened, /refused with 503/);
    for (const bad of [{ status: 500 }, { status: 503, retryAfter: 61 }, { status: 429, durationMs: 50 }, 'x']) {
      const r = await postJson(`/api/lab/${lab}/refuse`, bad);
      assert.equal(r.status, 400, JSON.stringify(bad));
    }
  });

  it('repeats the last event frame on the lab’s WebSockets', async () => {
    const lab = newLab();
    await post(`/api/lab/${lab}/exercise`);
    const ws = openWs(S.base, `/api/channels/lab-${lab}/ws?after=0`);
    await ws.opened;
    await postJson(`/api/lab/${lab}/publish`, { count: 2 });
    await waitFor(() => ws.seqs().length === 2, 3000, 'two events');
    const r = await post(`/api/lab/${lab}/repeat`);
    assert.deepEqual(r.json, { repeated: 1 });
    await waitFor(() => ws.seqs().length === 3, 3000, 'the repeat');
    assert.deepEqual(ws.seqs(), [1, 2, 2]);
    ws.ws.close();
    await ws.closed;
    await waitFor(async () => (await live(lab)) === 0, 3000, 'the socket to be let go');
  });
});

describe('publish dedupe by ref', () => {
  it('HTTP: the same ref appends once and answers the first seq with duplicate: true', async () => {
    const channel = `dedupe-${newLab().slice(0, 8)}`;
    const send = (data: unknown, ref?: unknown) =>
      postJson(`/api/channels/${channel}/events`, ref === undefined ? { data } : { data, ref });
    const a = await send('hello', 'm-1');
    assert.equal(a.status, 201);
    assert.equal(a.json.duplicate, undefined);
    const b = await send('hello again', 'm-1');
    assert.equal(b.status, 200);
    assert.deepEqual([b.json.seq, b.json.duplicate, b.json.epoch], [a.json.seq, true, a.json.epoch]);
    const c = await send('other', 1);
    const d = await send('other', '1');
    assert.equal(c.status, 201);
    assert.equal(d.status, 201, 'the number 1 and the string "1" are different refs');
    assert.equal((await send('no ref')).status, 201);
    const poll = (await request(S.base, `/api/channels/${channel}/poll?after=0`)).json;
    assert.deepEqual(
      poll.events.map((e: { data: unknown }) => e.data),
      ['hello', 'other', 'other', 'no ref'],
    );
    for (const bad of [{}, [], 'x'.repeat(129), Number.NaN, true]) {
      const r = await postJson(`/api/channels/${channel}/events`, { data: 1, ref: bad });
      assert.equal(r.status, 400, JSON.stringify(bad));
      assert.equal(r.json.error.code, 'invalid_body');
    }
  });

  it('WebSocket: a resent publish is acked with the original seq and duplicate: true', async () => {
    const channel = `dedupe-${newLab().slice(0, 8)}`;
    const ws = openWs(S.base, `/api/channels/${channel}/ws?after=0`);
    await ws.opened;
    ws.send({ type: 'publish', data: 'hi', ref: 'r1' });
    await waitFor(() => ws.of('ack').length === 1, 3000, 'the ack');
    ws.send({ type: 'publish', data: 'hi', ref: 'r1' });
    await waitFor(() => ws.of('ack').length === 2, 3000, 'the second ack');
    const [first, second] = ws.of('ack');
    assert.equal(first.duplicate, undefined);
    assert.deepEqual([second.seq, second.ref, second.duplicate], [first.seq, 'r1', true]);
    await sleep(100);
    assert.deepEqual(ws.seqs(), [first.seq], 'delivered once');
    ws.ws.close();
    await ws.closed;
  });

  it('a reset forgets the refs: the same ref in a new history is a new publish', async () => {
    const lab = newLab();
    await post(`/api/lab/${lab}/exercise`);
    const a = await postJson(`/api/channels/lab-${lab}/events`, { data: 1, ref: 'x' });
    await post(`/api/lab/${lab}/restart`);
    const b = await postJson(`/api/channels/lab-${lab}/events`, { data: 1, ref: 'x' });
    assert.equal(b.status, 201);
    assert.notEqual(a.json.epoch, b.json.epoch);
  });
});

describe('lost ack', () => {
  it('drop-ack: the next WebSocket publish is appended, the socket is cut before its ack; a resend is a duplicate', async () => {
    const lab = newLab();
    await post(`/api/lab/${lab}/exercise`);
    const ws = openWs(S.base, `/api/channels/lab-${lab}/ws?after=0`);
    await ws.opened;
    assert.equal((await post(`/api/lab/${lab}/drop-ack`)).json.armed, true);
    ws.send({ type: 'publish', data: 'm', ref: 'a-1' });
    await ws.closed;
    assert.deepEqual(ws.of('ack'), [], 'no ack');
    const log = await waitFor(
      async () => {
        const events = (await request(S.base, `/api/lab/${lab}/log?after=0`)).json.events;
        return events.length === 1 ? events : undefined;
      },
      3000,
      'the publish to be appended',
    );
    assert.equal(log[0].data, 'm');
    await sleep(350);
    const again = openWs(S.base, `/api/channels/lab-${lab}/ws?after=1`);
    await again.opened;
    again.send({ type: 'publish', data: 'm', ref: 'a-1' });
    await waitFor(() => again.of('ack').length === 1, 3000, 'the ack of the resend');
    assert.deepEqual([again.of('ack')[0].seq, again.of('ack')[0].duplicate], [1, true]);
    again.ws.close();
    await again.closed;
  });
});
