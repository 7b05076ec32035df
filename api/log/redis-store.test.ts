// The Redis store against a real redis-server: the same log semantics as the in-memory store, shared by
// several store instances (several server processes), and what happens when Redis goes away.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, afterEach, before, describe, it } from 'node:test';
import { startRedisServer, startTcpProxy, type RedisServer } from '../../tests/helpers/redis.ts';
import { follow } from './reader.ts';
import { RedisStore, type RedisStoreOptions } from './redis-store.ts';
import { StoreUnavailableError, type LogEvent } from './types.ts';

let redis: RedisServer;
before(async () => {
  redis = await startRedisServer();
});
after(() => redis.close());

const open: RedisStore[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});

/** A store on the shared Redis; stores made by one test share a key prefix (one "deployment"). */
let prefix = '';
async function store(opts: Partial<RedisStoreOptions> = {}): Promise<RedisStore> {
  const s = new RedisStore({ url: redis.url, retention: 5, idleMs: 60_000, prefix, lingerMs: 50, ...opts });
  open.push(s);
  assert.equal(await s.connect(5000), true, 'connected');
  return s;
}
const fresh = () => (prefix = `t-${randomBytes(4).toString('hex')}:`);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function waitFor(pred: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const t0 = Date.now();
  while (!pred()) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}
const seqs = (events: readonly LogEvent[]) => events.map((e) => e.seq);

describe('RedisStore: the channel log in Redis', () => {
  it('numbers events 1, 2, 3… per channel, and each event JSON is what JSON.stringify gives', async () => {
    fresh();
    const s = await store({ now: () => 1000 });
    const data = { text: 'é ✓ "quoted" \n', n: 2 ** 53 - 1, list: [1.5, null, true] };
    const a = await s.append('a', data);
    const b = await s.append('a', null);
    const other = await s.append('b', 'hi');
    assert.deepEqual([a.event.seq, b.event.seq, other.event.seq], [1, 2, 1]);
    assert.equal(a.event.json, JSON.stringify({ seq: 1, time: 1000, data }));
    const read = await s.read('a', 1, 10);
    assert.deepEqual(
      read.events.map((e) => e.json),
      [a.event.json, b.event.json],
      'read back byte for byte',
    );
    assert.deepEqual(read.events[0]!.data, data);
    assert.equal(a.epoch, b.epoch);
    assert.notEqual(a.epoch, other.epoch, 'each channel has its own epoch');
  });

  it('keeps exactly the newest `retention` events and reports the bounds', async () => {
    fresh();
    const s = await store({ retention: 5 });
    for (let i = 1; i <= 12; i++) await s.append('c', i);
    const r = await s.read('c', 0, 100);
    assert.deepEqual(seqs(r.events), [8, 9, 10, 11, 12]);
    assert.deepEqual([r.bounds.oldest, r.bounds.head], [8, 12]);
    assert.deepEqual(seqs((await s.read('c', 10, 2)).events), [10, 11], 'from and limit');
    const empty = await s.bounds('empty');
    assert.deepEqual([empty.oldest, empty.head], [1, 0]);
  });

  it('two stores (two server processes) share one log: same epoch, seq gap-free under concurrent appends', async () => {
    fresh();
    const [a, b] = [await store({ retention: 1000 }), await store({ retention: 1000 })];
    const acks = await Promise.all(Array.from({ length: 300 }, (_, i) => (i % 2 ? a : b).append('shared', i)));
    assert.deepEqual(
      acks.map((r) => r.event.seq).sort((x, y) => x - y),
      Array.from({ length: 300 }, (_, i) => i + 1),
    );
    assert.equal(new Set(acks.map((r) => r.epoch)).size, 1);
    assert.deepEqual(await a.bounds('shared'), await b.bounds('shared'));
  });

  it('a listener on one store gets what another store appends, in order, once; unsubscribing frees it', async () => {
    fresh();
    const [a, b] = [await store({ retention: 1000 }), await store({ retention: 1000 })];
    const got: number[] = [];
    const unsubscribe = b.subscribe('fan', (event) => got.push(event.seq));
    await sleep(100); // the subscription takes a round trip; follow() closes that window with a read
    for (let i = 1; i <= 50; i++) await a.append('fan', i);
    await waitFor(() => got.length >= 50, '50 events');
    await sleep(100);
    assert.deepEqual(
      got,
      Array.from({ length: 50 }, (_, i) => i + 1),
    );
    assert.equal(b.subscriberCount(), 1);
    unsubscribe();
    unsubscribe();
    assert.equal(b.subscriberCount(), 0);
  });

  it('follow on one store, appends racing on the other: history then live, nothing lost or repeated at the seam', async () => {
    fresh();
    const [a, b] = [await store({ retention: 1000 }), await store({ retention: 1000 })];
    for (let i = 1; i <= 20; i++) await a.append('seam', i);
    const got: number[] = [];
    const publishing = (async () => {
      for (let i = 21; i <= 120; i++) await a.append('seam', i);
    })();
    const follower = await follow(b, 'seam', { after: 0 }, { start: () => {}, event: (e) => got.push(e.seq) });
    await publishing;
    await waitFor(() => got.length >= 120, '120 events');
    follower.stop();
    assert.deepEqual(
      got,
      Array.from({ length: 120 }, (_, i) => i + 1),
    );
  });

  it('reset gives the channel a new epoch; a live follower is told reset and gets the new history', async () => {
    fresh();
    const [a, b] = [await store(), await store()];
    await a.append('r', 'old');
    const before = await a.bounds('r');
    const kinds: string[] = [];
    const got: string[] = [];
    const follower = await follow(
      b,
      'r',
      { after: 1, epoch: before.epoch },
      { start: (st) => kinds.push(st.kind), event: (e, epoch) => got.push(`${epoch}:${e.seq}`) },
    );
    await a.reset('r');
    const afterReset = await b.bounds('r');
    assert.notEqual(afterReset.epoch, before.epoch);
    assert.deepEqual([afterReset.head, afterReset.oldest], [0, 1]);
    await a.append('r', 'new');
    await waitFor(() => got.length === 1, 'the new event');
    follower.stop();
    assert.deepEqual(kinds, ['replay', 'reset']);
    assert.deepEqual(got, [`${afterReset.epoch}:1`]);
  });

  it('when Redis loses its data, the next access starts a new epoch and followers see reset', async () => {
    fresh();
    const s = await store();
    await s.append('lost', 1);
    await s.append('lost', 2);
    const old = await s.bounds('lost');
    const kinds: string[] = [];
    const got: number[] = [];
    const follower = await follow(
      s,
      'lost',
      { after: 2, epoch: old.epoch },
      { start: (st) => kinds.push(st.kind), event: (e) => got.push(e.seq) },
    );
    assert.equal(await redis.command('FLUSHALL'), '+OK');
    const ack = await s.append('lost', 'after the flush');
    assert.notEqual(ack.epoch, old.epoch);
    assert.equal(ack.event.seq, 1, 'a new history starts at 1');
    await waitFor(() => got.length === 1, 'the event of the new epoch');
    follower.stop();
    assert.deepEqual(kinds, ['replay', 'reset']);
  });

  it('an instance cut off from Redis loses nothing: once back, it reads what was published meanwhile', async () => {
    fresh();
    const proxy = await startTcpProxy(redis.port);
    try {
      const a = await store({ retention: 1000 });
      const b = await store({ retention: 1000, url: `redis://127.0.0.1:${proxy.port}` });
      const got: number[] = [];
      const follower = await follow(b, 'drop', { after: 0 }, { start: () => {}, event: (e) => got.push(e.seq) });
      await a.append('drop', 1);
      await waitFor(() => got.length === 1, 'the first event');
      proxy.cut();
      await waitFor(() => !b.status().available, 'b to notice');
      // Published while b's pub/sub connection is down: pub/sub alone would never deliver these.
      for (let i = 2; i <= 30; i++) await a.append('drop', i);
      proxy.heal();
      await waitFor(() => got.length >= 30, '30 events after the reconnect', 10_000);
      await sleep(100);
      follower.stop();
      assert.deepEqual(
        got,
        Array.from({ length: 30 }, (_, i) => i + 1),
      );
    } finally {
      await proxy.close();
    }
  });

  it('an idle channel expires (new epoch), but not while an instance has listeners on it', async () => {
    fresh();
    const s = await store({ idleMs: 2000 });
    const idle = await s.append('idle', 1);
    const watched = await s.append('watched', 1);
    const unsubscribe = s.subscribe('watched', () => {});
    await sleep(3000);
    assert.notEqual((await s.bounds('idle')).epoch, idle.epoch, 'expired: a new history');
    const kept = await s.bounds('watched');
    assert.deepEqual([kept.epoch, kept.head], [watched.epoch, 1], 'kept while listened to');
    unsubscribe();
  });

  it('a lease is held by one holder at a time and renewed by it', async () => {
    fresh();
    const s = await store();
    assert.equal(await s.holdsLease('job', 'a', 300), true);
    assert.equal(await s.holdsLease('job', 'b', 300), false);
    assert.equal(await s.holdsLease('job', 'a', 300), true, 'renewed');
    await sleep(400);
    assert.equal(await s.holdsLease('job', 'b', 300), true, 'taken over once it lapsed');
  });
});

describe('RedisStore when Redis goes away', () => {
  it('fails fast with StoreUnavailableError, reports it, and resumes followers with nothing lost once Redis is back', {
    timeout: 30_000,
  }, async () => {
    fresh();
    const [a, b] = [await store({ retention: 1000 }), await store({ retention: 1000 })];
    const got: number[] = [];
    const follower = await follow(b, 'outage', { after: 0 }, { start: () => {}, event: (e) => got.push(e.seq) });
    for (let i = 1; i <= 5; i++) await a.append('outage', i);
    await waitFor(() => got.length === 5, 'five events');

    await redis.stop({ keepData: true });
    await waitFor(() => !a.status().available, 'the store to notice');
    // Refused, not queued in memory to be applied whenever Redis is back (it never shows up below).
    await assert.rejects(
      a.append('outage', 'lost?'),
      (err: Error) => err instanceof StoreUnavailableError && /Redis/.test(err.message),
    );
    assert.equal(a.status().kind, 'redis');
    assert.match(a.status().problem ?? '', /unreachable/);

    await redis.restart();
    await waitFor(() => a.status().available && b.status().available, 'both stores to reconnect', 10_000);
    for (let i = 6; i <= 10; i++) await a.append('outage', i);
    await waitFor(() => got.length >= 10, 'the events after the outage', 10_000);
    await sleep(100);
    follower.stop();
    assert.deepEqual(
      got,
      Array.from({ length: 10 }, (_, i) => i + 1),
      'the refused publish never appeared; nothing lost or repeated',
    );
  });
});
