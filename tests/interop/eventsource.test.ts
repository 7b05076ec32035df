// The `eventsource` npm package (a WHATWG EventSource for Node, used directly, not through
// src/client) against a real server: it subscribes, comes back by itself after the connection is cut
// and resumes from its Last-Event-ID with nothing lost or repeated, hears gap and reset as named
// events, and a refused stream (400 JSON) stops it for good, as the standard says.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { EventSource } from 'eventsource';
import { publish, request, waitFor } from '../helpers/clients.ts';
import { INTEROP_CONFIG } from '../helpers/interop.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let S: TestServer;
before(async () => {
  S = await startTestServer(INTEROP_CONFIG);
});
after(() => S?.close());

interface Heard {
  type: string;
  id: string;
  data: any;
}

function listen(url: string) {
  const source = new EventSource(url);
  const heard: Heard[] = [];
  const errors: number[] = [];
  let opens = 0;
  const take = (type: string) => (e: MessageEvent) => heard.push({ type, id: e.lastEventId, data: JSON.parse(e.data) });
  source.addEventListener('message', take('message'));
  source.addEventListener('gap', take('gap'));
  source.addEventListener('reset', take('reset'));
  source.addEventListener('open', () => opens++);
  source.addEventListener('error', () => errors.push(source.readyState));
  return {
    source,
    heard,
    errors,
    opens: () => opens,
    seqs: () => heard.filter((h) => h.type === 'message').map((h) => h.data.seq),
  };
}

describe('the eventsource package', () => {
  it('subscribes, and after a cut comes back by itself from Last-Event-ID: every event once', async () => {
    const lab = randomBytes(16).toString('hex');
    const acks = [];
    for (let i = 1; i <= 3; i++) acks.push((await publish(S.base, 'es-resume', i)).json);
    const es = listen(`${S.base}/api/channels/es-resume/sse?after=0&lab=${lab}`);
    await waitFor(() => es.seqs().length === 3, 5000, 'the first three');
    assert.equal(es.heard[0]!.id, `${acks[0].epoch}:1`);
    // The lab cuts the connection as a network failure would; two events are published meanwhile.
    const cut = await request(S.base, `/api/lab/${lab}/cut`, { method: 'POST' });
    assert.equal(cut.json.dropped, 1);
    await publish(S.base, 'es-resume', 4);
    await publish(S.base, 'es-resume', 5);
    await waitFor(() => es.seqs().length === 5, 10_000, 'the events published while it was away');
    assert.deepEqual(es.seqs(), [1, 2, 3, 4, 5], 'nothing lost, nothing repeated');
    assert.ok(es.opens() >= 2, 'it reconnected by itself');
    await publish(S.base, 'es-resume', 6);
    await waitFor(() => es.seqs().length === 6, 5000, 'live again');
    es.source.close();
  });

  it('hears a gap and a reset as named events, with ids that move its cursor past them', async () => {
    const first = (await publish(S.base, 'es-gap', 0)).json;
    for (let i = 1; i <= INTEROP_CONFIG.RETENTION + 5; i++) await publish(S.base, 'es-gap', i);
    const head = INTEROP_CONFIG.RETENTION + 6;
    const oldest = head - INTEROP_CONFIG.RETENTION + 1;
    const gap = listen(`${S.base}/api/channels/es-gap/sse?after=1&epoch=${first.epoch}`);
    await waitFor(() => gap.seqs().length === INTEROP_CONFIG.RETENTION, 5000, 'the retained events');
    assert.deepEqual(gap.heard[0], { type: 'gap', id: `${first.epoch}:${oldest - 1}`, data: { missed: oldest - 2 } });
    gap.source.close();
    const reset = listen(`${S.base}/api/channels/es-gap/sse?after=1&epoch=another-epoch`);
    await waitFor(() => reset.seqs().length === INTEROP_CONFIG.RETENTION, 5000, 'the retained events');
    assert.deepEqual(reset.heard[0], {
      type: 'reset',
      id: `${first.epoch}:${oldest - 1}`,
      data: { epoch: first.epoch },
    });
    reset.source.close();
  });

  it('a stream on a channel nobody published to gets the first publish without a reset', async () => {
    const es = listen(`${S.base}/api/channels/es-fresh/sse?after=0`);
    await waitFor(() => es.opens() === 1, 5000, 'open');
    const ack = (await publish(S.base, 'es-fresh', 'first')).json;
    await waitFor(() => es.seqs().length === 1, 5000, 'the first event');
    assert.deepEqual(es.heard, [
      { type: 'message', id: `${ack.epoch}:1`, data: { seq: 1, time: ack.time, data: 'first' } },
    ]);
    es.source.close();
  });

  it('a refused stream (400 invalid_cursor) is an error that stops it for good: no retry loop', async () => {
    const es = listen(`${S.base}/api/channels/es-bad/sse?after=1e3`);
    await waitFor(() => es.errors.length > 0, 5000, 'the error');
    assert.equal(es.source.readyState, EventSource.CLOSED);
    const r = await request(S.base, '/api/channels/es-bad/sse?after=1e3');
    assert.equal(r.headers['content-type'], 'application/json');
    assert.equal(r.json.error.code, 'invalid_cursor');
  });
});
