// Channels nobody has published to: reading one creates nothing, so inventing names cannot push other
// people's channels out of the store (their epochs would change and every cursor on them reset). A read
// still answers in the contract's shape, under the epoch of a log that never had an event, and the first
// publish continues that empty history without telling anyone to reset. On both stores.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { EMPTY_EPOCH } from '../../protocol/channels.ts';
import { openWs, publish, request, SseReader, waitFor } from '../helpers/clients.ts';
import { startRedisServer, TEST_STORE, type RedisServer } from '../helpers/redis.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let S: TestServer;
let redis: RedisServer | undefined;
before(async () => {
  // Our own Redis on the Redis run, to count its keys.
  redis = TEST_STORE === 'redis' ? await startRedisServer() : undefined;
  S = await startTestServer({
    MAX_CHANNELS: 10,
    PUBLISH_RATE_PER_SEC: 1000,
    PUBLISH_BURST: 1000,
    ...(redis ? { REDIS_URL: redis.url } : {}),
  });
});
after(async () => {
  await S.close();
  await redis?.close();
});

const poll = async (channel: string, query = '') =>
  (await request(S.base, `/api/channels/${channel}/poll${query}`)).json;

describe('reading a channel that does not exist', () => {
  it('invented names do not evict a real channel: its epoch and history stay', async () => {
    const first = (await publish(S.base, 'real-one', 'kept')).json;
    const keys = redis ? await redis.command('DBSIZE') : '';
    // Ten times MAX_CHANNELS, each name new: polls, long-polls and streams that come and go.
    for (let i = 0; i < 100; i++) await poll(`invented-${i}`, '?after=0');
    for (let i = 0; i < 20; i++) {
      await request(S.base, `/api/channels/invented-lp-${i}/long-poll?after=0&timeout=0`);
      const s = new SseReader(S.base, `/api/channels/invented-sse-${i}/sse?after=0`);
      await s.opened;
      s.close();
    }
    await waitFor(() => S.running.store.subscriberCount() === 0, 3000, 'the streams to let go');
    const real = await poll('real-one', `?after=0&epoch=${first.epoch}`);
    assert.equal(real.epoch, first.epoch, 'the real channel kept its epoch');
    assert.equal(real.reset, undefined, 'a client of the real channel is not told to reset');
    assert.deepEqual(
      real.events.map((e: { data: unknown }) => e.data),
      ['kept'],
    );
    if (redis) assert.equal(await redis.command('DBSIZE'), keys, 'no Redis key was created by a read');
  });

  it('answers an empty log in the contract shape, the same epoch every time', async () => {
    const a = await poll('nobody-here');
    assert.deepEqual(a, { epoch: EMPTY_EPOCH, events: [], cursor: 0 });
    const b = await poll('nobody-here', `?after=0&epoch=${a.epoch}`);
    assert.deepEqual(b, { epoch: EMPTY_EPOCH, events: [], cursor: 0 }, 'no reset between two reads of nothing');
    const ahead = await poll('nobody-here', `?after=5&epoch=${a.epoch}`);
    assert.equal(ahead.reset, true, 'a cursor past the head of an empty log is still a reset');
  });

  it('the first publish continues the empty history: a poller from before it is not told to reset', async () => {
    const empty = await poll('born-later', '?after=0');
    const ack = (await publish(S.base, 'born-later', 'first')).json;
    assert.equal(ack.seq, 1);
    assert.notEqual(ack.epoch, EMPTY_EPOCH, 'a published log has an epoch of its own');
    const next = await poll('born-later', `?after=${empty.cursor}&epoch=${empty.epoch}`);
    assert.equal(next.reset, undefined, JSON.stringify(next));
    assert.equal(next.missed, undefined);
    assert.deepEqual(
      next.events.map((e: { seq: number }) => e.seq),
      [1],
    );
    assert.equal(next.epoch, ack.epoch, 'and it learns the new epoch');
  });

  it('held connections opened before the first publish get it as their first event, without a reset', async () => {
    const empty = await poll('born-held', '?after=0');
    const longPoll = request(S.base, `/api/channels/born-held/long-poll?after=0&epoch=${empty.epoch}&timeout=10000`);
    const sse = new SseReader(S.base, `/api/channels/born-held/sse?after=0&epoch=${empty.epoch}`);
    await sse.opened;
    const ws = openWs(S.base, `/api/channels/born-held/ws?after=0&epoch=${empty.epoch}`);
    await ws.opened;
    await waitFor(() => S.running.store.subscriberCount() >= 3, 3000, 'three listeners');
    const ack = (await publish(S.base, 'born-held', 'hello')).json;
    const answer = (await longPoll).json;
    assert.equal(answer.reset, undefined, `long-poll: ${JSON.stringify(answer)}`);
    assert.deepEqual(
      answer.events.map((e: { seq: number }) => e.seq),
      [1],
    );
    await waitFor(() => sse.messages().length === 1 && ws.seqs().length === 1, 3000, 'the event on SSE and WS');
    assert.deepEqual(
      sse.events.map((e) => e.type),
      ['message'],
      'SSE: the event, no reset frame',
    );
    assert.equal(sse.events[0]!.id, `${ack.epoch}:1`);
    assert.deepEqual(ws.of('reset'), [], 'WebSocket: no reset');
    assert.deepEqual(ws.seqs(), [1]);
    // Event frames carry no epoch: a hello says which history the event belongs to, so that a
    // resume from (that epoch, 1) is not taken for a cursor from another history.
    assert.deepEqual(
      ws.other.map((m) => m.epoch),
      [EMPTY_EPOCH, ack.epoch],
      'WebSocket: a hello with the new epoch',
    );
    sse.close();
    ws.ws.close();
    const again = openWs(S.base, `/api/channels/born-held/ws?after=1&epoch=${ack.epoch}`);
    await again.opened;
    await publish(S.base, 'born-held', 'second');
    await waitFor(() => again.seqs().length === 1, 3000, 'the next event');
    assert.deepEqual([again.of('reset'), again.seqs()], [[], [2]], 'resumed where it was');
    again.ws.close();
  });

  it('a client whose channel was lost is still told to reset, whatever its cursor', async () => {
    const ack = (await publish(S.base, 'was-here', 'x')).json;
    await S.running.store.reset('was-here');
    const r = await poll('was-here', `?after=1&epoch=${ack.epoch}`);
    assert.equal(r.reset, true);
    const zero = await poll('was-here', `?after=0&epoch=${ack.epoch}`);
    assert.equal(zero.reset, true, 'an old epoch with after=0 too');
  });
});
