// Streaming with fetch against a real server: the SSE stream byte for byte, asked for by POST with the
// cursor in a JSON body; resume by that cursor, gap, reset, and the refusals (415, 400, 413, 429).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { publish, request, SseReader, waitFor } from '../helpers/clients.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let S: TestServer;
before(async () => {
  S = await startTestServer({ SSE_RETRY_MS: 1500, RETENTION: 20, MAX_CONNECTIONS_PER_IP: 3 });
});
after(() => S.close());

const JSON_TYPE = { 'content-type': 'application/json' };
const stream = (channel: string, cursor: unknown) =>
  new SseReader(S.base, `/api/channels/${channel}/stream`, JSON_TYPE, JSON.stringify(cursor));
const sse = (channel: string, query: string) => new SseReader(S.base, `/api/channels/${channel}/sse${query}`);

async function publishMany(channel: string, n: number) {
  const acks = [];
  for (let i = 1; i <= n; i++) acks.push((await publish(S.base, channel, { i })).json);
  return acks;
}

describe('streaming with fetch', () => {
  it('sends what SSE sends for the same cursor, byte for byte', async () => {
    await publishMany('fs-bytes', 3);
    const a = stream('fs-bytes', { after: 0 });
    const b = sse('fs-bytes', '?after=0');
    await Promise.all([a.opened, b.opened]);
    await waitFor(() => a.messages().length === 3 && b.messages().length === 3);
    a.close();
    b.close();
    assert.equal(a.status, 200);
    assert.deepEqual(
      [a.headers['content-type'], a.headers['cache-control'], a.headers['x-accel-buffering']],
      ['text/event-stream; charset=utf-8', 'no-cache, no-transform', 'no'],
    );
    assert.equal(a.raw, b.raw);
    assert.ok(a.raw.startsWith(': connected\n\nretry: 1500\nid: '), JSON.stringify(a.raw.slice(0, 40)));
  });

  it('resumes from the cursor in the body: exactly the events after it, with their epoch', async () => {
    const acks = await publishMany('fs-resume', 6);
    const E = acks[0].epoch;
    const s = stream('fs-resume', { after: 4, epoch: E });
    await s.opened;
    await waitFor(() => s.messages().length === 2);
    assert.deepEqual(s.seqs(), [5, 6]);
    assert.deepEqual(
      s.messages().map((e) => e.id),
      [`${E}:5`, `${E}:6`],
    );
    await publish(S.base, 'fs-resume', { i: 7 });
    await waitFor(() => s.messages().length === 3, 3000, 'the live event');
    s.close();
  });

  it('{} starts at the head: only events published after', async () => {
    await publishMany('fs-head', 2);
    const s = stream('fs-head', {});
    await s.opened;
    await publish(S.base, 'fs-head', { i: 3 });
    await waitFor(() => s.messages().length === 1);
    assert.deepEqual(s.seqs(), [3]);
    s.close();
  });

  it('a cursor older than the retention gets event: gap, then the oldest kept', async () => {
    const acks = await publishMany('fs-gap', 25);
    const s = stream('fs-gap', { after: 1, epoch: acks[0].epoch });
    await s.opened;
    await waitFor(() => s.messages().length === 20);
    s.close();
    assert.equal(s.events[0]!.type, 'gap');
    assert.deepEqual(s.events[0]!.json, { missed: 4 });
    assert.equal(s.events[0]!.id, `${acks[0].epoch}:5`, 'the gap moves the cursor past what is lost');
    assert.deepEqual(
      s.seqs(),
      Array.from({ length: 20 }, (_, i) => i + 6),
    );
  });

  it('an epoch from another history is a reset, then the whole retained history', async () => {
    await publishMany('fs-reset', 2);
    const s = stream('fs-reset', { after: 2, epoch: 'another-run' });
    await s.opened;
    await waitFor(() => s.messages().length === 2);
    s.close();
    assert.equal(s.events[0]!.type, 'reset');
    assert.deepEqual(s.seqs(), [1, 2]);
  });

  it('refuses what is not a cursor, with the contract error and nothing streamed', async () => {
    const post = (body: string, headers: Record<string, string> = JSON_TYPE) =>
      request(S.base, '/api/channels/fs-bad/stream', { method: 'POST', headers, body });
    const cases: [Awaited<ReturnType<typeof post>>, number, string][] = [
      [await post('{"after":0}', { 'content-type': 'text/plain' }), 415, 'unsupported_media_type'],
      [await post('{"after":'), 400, 'invalid_json'],
      [await post('[1]'), 400, 'invalid_body'],
      [await post('{"after":-1}'), 400, 'invalid_cursor'],
      [await post('{"after":"3"}'), 400, 'invalid_cursor'],
      [await post('{"after":1.5}'), 400, 'invalid_cursor'],
      [await post('{"epoch":7}'), 400, 'invalid_cursor'],
      [await post(JSON.stringify({ epoch: 'x'.repeat(2000) })), 413, 'payload_too_large'],
    ];
    for (const [res, status, code] of cases) {
      assert.equal(res.status, status, JSON.stringify(res.json));
      assert.equal(res.json.error.code, code);
      assert.match(String(res.headers['content-type']), /^application\/json/);
    }
    const get = await request(S.base, '/api/channels/fs-bad/stream');
    assert.equal(get.status, 405);
    assert.equal(get.headers.allow, 'POST');
  });

  it('counts as a held connection: past the per-IP limit, 429 with Retry-After', async () => {
    const held = [stream('fs-limit', {}), stream('fs-limit', {}), stream('fs-limit', {})];
    await Promise.all(held.map((s) => s.opened));
    const refused = await request(S.base, '/api/channels/fs-limit/stream', {
      method: 'POST',
      headers: JSON_TYPE,
      body: '{}',
    });
    assert.equal(refused.status, 429);
    assert.equal(refused.json.error.code, 'too_many_connections');
    assert.equal(refused.headers['retry-after'], '5');
    for (const s of held) s.close();
    await waitFor(() => S.running.deps.connections.count('fetch-stream') === 0, 3000, 'the leases back');
  });
});
