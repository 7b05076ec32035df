// SSE against a real server: exact bytes, resume by Last-Event-ID and ?after, gap, reset, heartbeat.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SseReader, publish, sleep, waitFor } from '../helpers/clients.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let S: TestServer;
before(async () => {
  S = await startTestServer({ SSE_HEARTBEAT_MS: 300, SSE_RETRY_MS: 1500, RETENTION: 20 });
});
after(() => S.close());

async function publishMany(channel: string, n: number) {
  const acks = [];
  for (let i = 1; i <= n; i++) acks.push((await publish(S.base, channel, { i })).json);
  return acks;
}

describe('SSE transport', () => {
  it('opens with a comment, sends retry with the first frame, then each event as id + data, byte for byte', async () => {
    const acks = await publishMany('sse-bytes', 2);
    const s = new SseReader(S.base, '/api/channels/sse-bytes/sse?after=0');
    await s.opened;
    await waitFor(() => s.messages().length === 2);
    s.close();
    assert.equal(s.status, 200);
    assert.match(String(s.headers['content-type']), /^text\/event-stream/);
    assert.equal(s.headers['cache-control'], 'no-cache, no-transform');
    const E = acks[0].epoch;
    // retry rides with the first frame that has data: a frame of only `retry:` is handed to the
    // application as an empty event by some client libraries (httpx-sse).
    const expected =
      ': connected\n\n' +
      'retry: 1500\n' +
      `id: ${E}:1\ndata: {"seq":1,"time":${acks[0].time},"data":{"i":1}}\n\n` +
      `id: ${E}:2\ndata: {"seq":2,"time":${acks[1].time},"data":{"i":2}}\n\n`;
    assert.equal(s.raw.slice(0, expected.length), expected);
  });

  it('sends a ":" comment heartbeat on a quiet stream', async () => {
    const s = new SseReader(S.base, '/api/channels/sse-quiet/sse');
    await s.opened;
    await waitFor(() => s.comments.length >= 3, 3000, 'the opening comment and two heartbeats');
    s.close();
    assert.equal(s.comments[0], ': connected', 'the stream opens with a comment, before any event');
    assert.match(s.comments[1]!, /^: heartbeat \d+$/);
    assert.ok(s.messages().length === 0);
  });

  it('without a cursor starts at the head: only new events', async () => {
    await publishMany('sse-head', 3);
    const s = new SseReader(S.base, '/api/channels/sse-head/sse');
    await s.opened;
    await sleep(100);
    await publish(S.base, 'sse-head', 'new');
    await waitFor(() => s.messages().length >= 1);
    await sleep(50);
    s.close();
    assert.deepEqual(s.seqs(), [4]);
  });

  it('resumes from Last-Event-ID with exactly the missed events, and it wins over ?after', async () => {
    await publishMany('sse-resume', 3);
    const first = new SseReader(S.base, '/api/channels/sse-resume/sse?after=0');
    await first.opened;
    await waitFor(() => first.messages().length === 3);
    first.close();
    const lastId = first.messages()[2]!.id!;
    await publishMany('sse-resume', 2);
    const again = new SseReader(S.base, '/api/channels/sse-resume/sse?after=0', { 'Last-Event-ID': lastId });
    await again.opened;
    await waitFor(() => again.messages().length >= 2);
    await sleep(100);
    again.close();
    assert.deepEqual(again.seqs(), [4, 5]);
    assert.deepEqual(
      again.events.map((e) => e.type),
      ['message', 'message'],
      'no reset, no gap',
    );
  });

  it('resumes from ?after=N', async () => {
    await publishMany('sse-after', 5);
    const s = new SseReader(S.base, '/api/channels/sse-after/sse?after=3');
    await s.opened;
    await waitFor(() => s.messages().length >= 2);
    await sleep(100);
    s.close();
    assert.deepEqual(s.seqs(), [4, 5]);
  });

  it('a malformed Last-Event-ID is a reset (status 200), never an error status', async () => {
    await publishMany('sse-bogus', 2);
    const s = new SseReader(S.base, '/api/channels/sse-bogus/sse', { 'Last-Event-ID': 'not a cursor' });
    await s.opened;
    await waitFor(() => s.messages().length >= 2);
    s.close();
    assert.equal(s.status, 200);
    assert.equal(s.events[0]!.type, 'reset');
    assert.equal(s.events[0]!.json.epoch, s.events[1]!.id!.split(':')[0]);
    assert.deepEqual(s.seqs(), [1, 2]);
  });

  it('an id from another epoch (an earlier server run) is a reset', async () => {
    await publishMany('sse-epoch', 2);
    const s = new SseReader(S.base, '/api/channels/sse-epoch/sse', { 'Last-Event-ID': 'oldepoch:1' });
    await s.opened;
    await waitFor(() => s.messages().length >= 2);
    s.close();
    assert.equal(s.events[0]!.type, 'reset');
    assert.match(s.raw, /event: reset\nid: [\w-]+:0\ndata: \{"epoch":"[\w-]+"\}\n\n/);
    assert.deepEqual(s.seqs(), [1, 2]);
  });

  it('a cursor older than the retention window gets event: gap with missed, then the oldest', async () => {
    await publishMany('sse-gap', 30); // RETENTION is 20: 11..30 are kept
    const s = new SseReader(S.base, '/api/channels/sse-gap/sse?after=5');
    await s.opened;
    await waitFor(() => s.messages().length >= 20);
    s.close();
    assert.equal(s.events[0]!.type, 'gap');
    assert.deepEqual(s.events[0]!.json, { missed: 5 });
    assert.deepEqual(
      s.seqs(),
      Array.from({ length: 20 }, (_, i) => i + 11),
    );
  });

  it('a malformed ?after is 400 invalid_cursor with a JSON body', async () => {
    const s = new SseReader(S.base, '/api/channels/sse-x/sse?after=1e3');
    await s.opened;
    await waitFor(() => s.ended);
    assert.equal(s.status, 400);
    assert.equal(JSON.parse(s.raw).error.code, 'invalid_cursor');
  });

  it('a client that goes away releases its subscription', async () => {
    const before = S.running.store.subscriberCount();
    const streams = Array.from({ length: 5 }, () => new SseReader(S.base, '/api/channels/sse-leave/sse'));
    await Promise.all(streams.map((s) => s.opened));
    await waitFor(() => S.running.store.subscriberCount() === before + 5);
    for (const s of streams) s.close();
    await waitFor(() => S.running.store.subscriberCount() === before, 2000, 'subscriptions released');
  });
});
