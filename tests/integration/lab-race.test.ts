// The race's server side against a real server (on both stores): the server publishes on the lab's
// channel at the asked rate and size, in place of the tick; an SSE reader and a WebSocket from the
// race's cursor get exactly the race's events; the byte counts per technique match what crossed the
// wire; a restart splits the race into two segments; bad settings get clear errors; /api/time answers.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { EMPTY_EPOCH } from '../../protocol/channels.ts';
import { SseReader, openWs, request, waitFor } from '../helpers/clients.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let S: TestServer;
before(async () => {
  // A fast tick, so a tick slipping into the race would show within its second.
  S = await startTestServer({ TICK_MS: 100 });
});
after(() => S.close());

const newLab = () => randomBytes(16).toString('hex');
const json = { 'content-type': 'application/json' };
const startRace = (lab: string, body: unknown, headers: Record<string, string> = json) =>
  request(S.base, `/api/lab/${lab}/race`, { method: 'POST', headers, body: JSON.stringify(body) });
const status = async (lab: string) => (await request(S.base, `/api/lab/${lab}/race/status`)).json;

describe('the race publisher', () => {
  it("publishes the planned events at the asked size, in place of the tick; the race's cursor gives exactly them", async () => {
    const lab = newLab();
    // The lab's channel ticks first (a tagged connection makes the lab active), so the race starts mid-history.
    const warm = new SseReader(S.base, `/api/channels/lab-${lab}/sse?after=0&lab=${lab}`);
    await waitFor(() => warm.messages().length >= 2, 5000, 'ticks before the race');
    warm.close();

    const started = await startRace(lab, { rate: 20, payloadBytes: 50, durationMs: 1000 });
    assert.equal(started.status, 201);
    const start = started.json;
    assert.equal(start.channel, `lab-${lab}`);
    assert.equal(start.planned, 20);
    assert.ok(start.after >= 2, 'the race begins after the ticks already published');
    assert.equal(start.endsAt - start.startsAt, 1000);

    const sse = new SseReader(S.base, `/api/channels/lab-${lab}/sse?after=${start.after}&lab=${lab}`);
    const ws = openWs(S.base, `/api/channels/lab-${lab}/ws?after=${start.after}&epoch=${start.epoch}&lab=${lab}`);
    await ws.opened;
    await waitFor(async () => !(await status(lab)).running, 10_000, 'the race to end');
    await waitFor(
      () => sse.messages().length >= 20 && ws.of('event').length >= 20,
      5000,
      'every race event at both clients',
    );
    // Ticks stay quiet a while after the race too: nothing else arrives.
    await new Promise((r) => setTimeout(r, 400));
    const expected = Array.from({ length: 20 }, (_, i) => start.after + 1 + i);
    assert.deepEqual(sse.seqs(), expected, "SSE: the race's events, once each, and no tick");
    assert.deepEqual(ws.seqs(), expected, 'WebSocket: the same');
    for (const e of sse.messages())
      assert.equal(Buffer.byteLength(JSON.stringify(e.json.data)), 50, "each event's data is 50 bytes serialized");
    assert.equal(sse.messages()[0]!.json.data, `1:${'x'.repeat(46)}`);
    const times = sse.messages().map((e) => e.json.time);
    assert.ok(
      times[0]! >= start.startsAt && times.at(-1)! - times[0]! >= 19 * 50 - 50,
      `20 events at 20/s span about 950 ms (${times.at(-1)! - times[0]!} ms)`,
    );

    const s = await status(lab);
    assert.deepEqual(
      [s.published, s.failed, s.segments],
      [20, 0, [{ epoch: start.epoch, first: start.after + 1, last: start.after + 20 }]],
    );

    // The server's counts per technique, read while both are open (a close frame would add its own bytes).
    const counts = (await request(S.base, `/api/lab/${lab}/connections`)).json.byTechnique;
    const sseBody = sse.raw;
    ws.ws.close();
    sse.close();
    assert.equal(counts.sse.requests, 2, "the warm-up stream and the race's");
    assert.equal(counts.websocket.requests, 1);
    assert.equal(counts.websocket.connections, 1);
    assert.ok(counts.sse.down.payload >= Buffer.byteLength(sseBody), "every byte of the race's stream body is counted");
    // Every message the socket carried, the server's hello included (ws.other holds non-contract types).
    const frames = [...ws.msgs, ...ws.other].map((m) => Buffer.byteLength(JSON.stringify(m)));
    assert.equal(
      counts.websocket.down.payload,
      frames.reduce((a, b) => a + b, 0),
      'WebSocket payload = the messages received',
    );
    assert.equal(counts.websocket.down.framing, 2 * frames.length, 'small server frames: 2 header bytes each');
  });

  it('a restart during a race: the race goes on in the new epoch, as a second segment', async () => {
    const lab = newLab();
    const start = (await startRace(lab, { rate: 20, payloadBytes: 10, durationMs: 1000 })).json;
    await waitFor(async () => (await status(lab)).published >= 5, 5000, 'a few events');
    const restarted = (await request(S.base, `/api/lab/${lab}/restart`, { method: 'POST' })).json;
    await waitFor(async () => !(await status(lab)).running, 10_000, 'the race to end');
    const s = await status(lab);
    assert.equal(s.published, 20, JSON.stringify(s));
    assert.equal(s.segments.length, 2);
    // The race's start: its epoch, or, on a channel nobody had published to (the empty epoch, after 0),
    // the epoch its first event began, which its clients continue into without a reset.
    if (start.epoch === EMPTY_EPOCH) assert.equal(start.after, 0);
    else assert.equal(s.segments[0].epoch, start.epoch);
    assert.deepEqual([s.segments[1].epoch, s.segments[1].first], [restarted.epoch, 1]);
    assert.equal(s.segments[0].last - s.segments[0].first + 1 + s.segments[1].last, 20);
  });

  it('stop ends it early; a new race replaces the previous one', async () => {
    const lab = newLab();
    await startRace(lab, { rate: 10, payloadBytes: 10, durationMs: 60_000 });
    const stopped = (await request(S.base, `/api/lab/${lab}/race/stop`, { method: 'POST' })).json;
    assert.equal(stopped.running, false);
    const again = await startRace(lab, { rate: 1, payloadBytes: 10, durationMs: 2000 });
    assert.equal(again.status, 201);
    assert.equal((await status(lab)).planned, 2);
    await request(S.base, `/api/lab/${lab}/race/stop`, { method: 'POST' });
  });

  it('bad settings, a wrong type and a missing race get clear errors, and the server keeps serving', async () => {
    const lab = newLab();
    const cases: [unknown, Record<string, string>, number, string, RegExp][] = [
      [
        { rate: 500, payloadBytes: 10, durationMs: 1000 },
        json,
        400,
        'invalid_race',
        /"rate" must be a number from 0\.1 to 50 \(events per second\); got 500/,
      ],
      [
        { rate: 5, payloadBytes: 1e6, durationMs: 1000 },
        json,
        400,
        'invalid_race',
        /"payloadBytes" must be an integer from 2 to 16384/,
      ],
      [{ rate: 5, payloadBytes: 10 }, json, 400, 'invalid_race', /"durationMs" .* got null/],
      [
        { rate: 5, payloadBytes: 10, durationMs: 1000 },
        { 'content-type': 'text/plain' },
        415,
        'unsupported_media_type',
        /application\/json/,
      ],
    ];
    for (const [body, headers, code, error, message] of cases) {
      const r = await startRace(lab, body, headers);
      assert.equal(r.status, code, JSON.stringify(body));
      assert.equal(r.json.error.code, error);
      assert.match(r.json.error.message, message);
    }
    const notJson = await request(S.base, `/api/lab/${lab}/race`, { method: 'POST', headers: json, body: '{rate' });
    assert.deepEqual([notJson.status, notJson.json.error.code], [400, 'invalid_json']);
    const none = await request(S.base, `/api/lab/${newLab()}/race/status`);
    assert.deepEqual([none.status, none.json.error.code], [404, 'not_found']);
    const badId = await request(S.base, '/api/lab/not-a-lab/race', { method: 'POST', headers: json, body: '{}' });
    assert.deepEqual([badId.status, badId.json.error.code], [400, 'invalid_lab_id']);
    assert.equal((await request(S.base, `/api/lab/${lab}/race`)).status, 405);
    assert.equal((await request(S.base, '/api/health')).status, 200);
  });

  it('at most 20 races run at once: the 21st is 503 race_busy with Retry-After', async () => {
    const labs = Array.from({ length: 21 }, newLab);
    const answers = [];
    for (const lab of labs) answers.push(await startRace(lab, { rate: 0.1, payloadBytes: 10, durationMs: 60_000 }));
    assert.deepEqual(
      answers.slice(0, 20).map((a) => a.status),
      Array(20).fill(201),
    );
    assert.equal(answers[20]!.status, 503);
    assert.equal(answers[20]!.json.error.code, 'race_busy');
    assert.equal(answers[20]!.headers['retry-after'], '5');
    for (const lab of labs) await request(S.base, `/api/lab/${lab}/race/stop`, { method: 'POST' });
  });
});

describe('GET /api/time', () => {
  it("answers the server's clock in epoch ms, never cached", async () => {
    const before = Date.now();
    const r = await request(S.base, '/api/time');
    const after = Date.now();
    assert.equal(r.status, 200);
    assert.equal(r.headers['cache-control'], 'no-store');
    assert.ok(
      Number.isInteger(r.json.now) && r.json.now >= before && r.json.now <= after,
      `${r.json.now} within [${before}, ${after}]`,
    );
  });
});
