import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { EMPTY_EPOCH } from '../../protocol/channels.ts';
import { MemoryStore, type MemoryStoreOptions } from './memory-store.ts';
import { follow, readFromCursor } from './reader.ts';
import type { LogEvent } from './types.ts';

const stores: MemoryStore[] = [];
function store(opts: Partial<MemoryStoreOptions> = {}): MemoryStore {
  const s = new MemoryStore({ retention: 5, idleMs: 60_000, maxChannels: 100, ...opts });
  stores.push(s);
  return s;
}
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});
const seqs = (events: readonly LogEvent[]) => events.map((e) => e.seq);

describe('MemoryStore: one append-only log per channel', () => {
  it('numbers events 1, 2, 3… per channel, with time and the JSON serialized once', async () => {
    const s = store({ now: () => 1000 });
    const a = await s.append('a', { x: 1 });
    const b = await s.append('a', null);
    const other = await s.append('b', 'hi');
    assert.deepEqual([a.event.seq, b.event.seq, other.event.seq], [1, 2, 1]);
    assert.equal(a.event.json, '{"seq":1,"time":1000,"data":{"x":1}}');
    assert.equal(a.epoch, b.epoch);
    assert.notEqual(a.epoch, other.epoch, 'each channel has its own epoch');
  });

  it('keeps the newest `retention` events and reports the bounds', async () => {
    const s = store({ retention: 5 });
    for (let i = 1; i <= 12; i++) await s.append('c', i);
    const r = await s.read('c', 0, 100);
    assert.deepEqual(seqs(r.events), [8, 9, 10, 11, 12]);
    assert.equal(r.bounds.oldest, 8);
    assert.equal(r.bounds.head, 12);
    assert.deepEqual(seqs((await s.read('c', 10, 2)).events), [10, 11], 'from and limit');
  });

  it('an empty channel has head 0 and oldest 1', async () => {
    const b = await store().bounds('empty');
    assert.equal(b.head, 0);
    assert.equal(b.oldest, 1);
  });

  it('two stores (two server processes) give the same channel different epochs', async () => {
    assert.notEqual((await store().append('x', 1)).epoch, (await store().append('x', 1)).epoch);
  });

  it('reading a channel creates nothing: an empty log under EMPTY_EPOCH, not counted, evicting nothing', async () => {
    const s = store({ maxChannels: 10 });
    const real = await s.append('real', 'kept');
    for (let i = 0; i < 100; i++) {
      assert.deepEqual(await s.bounds(`invented-${i}`), { epoch: EMPTY_EPOCH, oldest: 1, head: 0 });
      assert.deepEqual((await s.read(`invented-${i}`, 1, 10)).events, []);
    }
    assert.equal(s.channelCount(), 1);
    assert.equal((await s.bounds('real')).epoch, real.epoch);
  });

  it('a listener on a channel nobody published to holds no channel, and it goes with its last listener', async () => {
    const s = store({ maxChannels: 10 });
    const real = await s.append('real', 'kept');
    const offs = Array.from({ length: 50 }, (_, i) => s.subscribe(`listened-${i}`, () => {}));
    assert.equal(s.channelCount(), 1, 'not channels: nothing evicted for them');
    for (const off of offs) off();
    assert.equal((await s.bounds('real')).epoch, real.epoch);
    const heard: string[] = [];
    const off = s.subscribe('born', (e, epoch) => heard.push(`${epoch}:${e.seq}`));
    assert.equal((await s.bounds('born')).epoch, EMPTY_EPOCH);
    const first = await s.append('born', 'first');
    assert.notEqual(first.epoch, EMPTY_EPOCH, 'the first event starts an epoch of its own');
    assert.deepEqual(heard, [`${first.epoch}:1`], 'the listener that came first hears it');
    assert.equal(s.channelCount(), 2, 'the first publish made it a channel');
    off();
  });

  it('evicts idle channels without listeners, and the recreated channel has a new epoch', async () => {
    let now = 0;
    const s = store({ idleMs: 1000, now: () => now });
    await s.append('idle', 1);
    await s.append('watched', 1);
    await s.append('ticker', 1);
    const before = await s.bounds('idle');
    const unsubscribe = s.subscribe('watched', () => {});
    now = 5000;
    const pinned = new MemoryStore({
      retention: 5,
      idleMs: 1000,
      maxChannels: 100,
      pinned: ['ticker'],
      now: () => now,
    });
    stores.push(pinned);
    assert.equal(s.sweepIdle(), 2, 'idle and ticker are evicted from the unpinned store, watched is kept');
    const after = await s.bounds('idle');
    assert.notEqual(after.epoch, before.epoch);
    assert.equal(after.head, 0);
    assert.equal((await s.bounds('watched')).head, 1);
    unsubscribe();
    await pinned.append('ticker', 1);
    now = 20_000;
    assert.equal(pinned.sweepIdle(), 0, 'a pinned channel is never evicted');
  });

  it('holds at most maxChannels, dropping the least recently used first', async () => {
    const s = store({ maxChannels: 10 });
    for (let i = 0; i < 50; i++) await s.append(`ch-${i}`, i);
    assert.ok(s.channelCount() <= 10);
    assert.equal((await s.bounds('ch-49')).head, 1, 'the newest channel survives');
  });

  it('keeps the event JSON under maxBytes by evicting least recently used channels without listeners', async () => {
    const s = store({ retention: 100, maxBytes: 50_000 });
    const unsubscribe = s.subscribe('watched', () => {});
    for (let i = 0; i < 40; i++) await s.append(`c-${i}`, 'x'.repeat(5000));
    for (let i = 0; i < 3; i++) await s.append('watched', 'x'.repeat(5000));
    assert.ok(s.retainedSize() <= 50_000, `${s.retainedSize()} characters retained`);
    assert.equal((await s.bounds('watched')).head, 3, 'a channel with a listener is never evicted');
    assert.equal((await s.bounds('c-39')).head, 1, 'the most recent channels survive');
    assert.equal((await s.bounds('c-0')).head, 0, 'the oldest was evicted (and comes back empty)');
    unsubscribe();
  });

  it('a single channel larger than the budget is kept rather than evicted under its own append', async () => {
    const s = store({ retention: 10, maxBytes: 1000 });
    for (let i = 0; i < 5; i++) await s.append('big', 'y'.repeat(600));
    assert.equal((await s.bounds('big')).head, 5);
  });

  it('parses data back from the stored JSON', async () => {
    const s = store();
    const { event } = await s.append('d', { nested: [1, 'two'] });
    assert.deepEqual(event.data, { nested: [1, 'two'] });
  });

  it('reset drops the history under a new epoch; seq starts again at 1 and listeners stay attached', async () => {
    const s = store();
    for (let i = 1; i <= 3; i++) await s.append('lab-x', i);
    await s.append('other', 1);
    const before = await s.bounds('lab-x');
    const otherBefore = await s.bounds('other');
    const heard: [number, string][] = [];
    const off = s.subscribe('lab-x', (e, epoch) => heard.push([e.seq, epoch]));
    const after = await s.reset('lab-x');
    assert.notEqual(after.epoch, before.epoch);
    assert.deepEqual([after.head, after.oldest], [0, 1]);
    assert.deepEqual((await s.read('lab-x', 0, 10)).events, [], 'no history left');
    const { event } = await s.append('lab-x', 'new');
    assert.equal(event.seq, 1);
    assert.deepEqual(heard, [[1, after.epoch]]);
    assert.deepEqual(await s.bounds('other'), otherBefore, 'another channel is untouched');
    off();
  });

  it('counts subscribers and frees them on unsubscribe (idempotent)', () => {
    const s = store();
    const offs = [s.subscribe('a', () => {}), s.subscribe('a', () => {}), s.subscribe('b', () => {})];
    assert.equal(s.subscriberCount(), 3);
    offs[0]!();
    offs[0]!();
    assert.equal(s.subscriberCount(), 2);
    for (const off of offs.slice(1)) off();
    assert.equal(s.subscriberCount(), 0);
  });
});

describe('readFromCursor and follow', () => {
  it('readFromCursor applies the cursor rule and returns the next cursor', async () => {
    const s = store({ retention: 5 });
    for (let i = 1; i <= 8; i++) await s.append('r', i);
    const gap = await readFromCursor(s, 'r', { after: 1 }, 100);
    assert.equal(gap.start.kind, 'gap');
    assert.deepEqual(seqs(gap.events), [4, 5, 6, 7, 8]);
    assert.equal(gap.cursor, 8);
    const head = await readFromCursor(s, 'r', {}, 100);
    assert.deepEqual([head.events.length, head.cursor], [0, 8]);
    const malformed = await readFromCursor(s, 'r', 'malformed', 2);
    assert.deepEqual([malformed.start.kind, seqs(malformed.events), malformed.cursor], ['reset', [4, 5], 5]);
  });

  it('follow replays, then streams live events, with nothing lost or repeated at the seam', async () => {
    const s = store({ retention: 1000 });
    for (let i = 1; i <= 600; i++) await s.append('f', i); // more than one replay page
    const got: number[] = [];
    const starts: string[] = [];
    const follower = await follow(
      s,
      'f',
      { after: 10 },
      { start: (st) => starts.push(st.kind), event: (e) => got.push(e.seq) },
    );
    for (let i = 601; i <= 610; i++) await s.append('f', i);
    follower.stop();
    await s.append('f', 611);
    assert.deepEqual(starts, ['replay']);
    assert.deepEqual(
      got,
      Array.from({ length: 600 }, (_, i) => i + 11),
    );
    assert.equal(s.subscriberCount(), 0);
  });

  it('follow announces a reset in the middle of a stream, then delivers the new history from seq 1', async () => {
    const s = store({ retention: 100 });
    for (let i = 1; i <= 3; i++) await s.append('fr', i);
    const first = (await s.bounds('fr')).epoch;
    const got: string[] = [];
    const follower = await follow(
      s,
      'fr',
      { after: 1 },
      {
        start: (st, bounds) => got.push(`${st.kind}@${bounds.epoch === first ? 'old' : 'new'}`),
        event: (e, epoch) => got.push(`${e.seq}@${epoch === first ? 'old' : 'new'}`),
      },
    );
    await s.reset('fr');
    await s.append('fr', 'a');
    await s.append('fr', 'b');
    await new Promise((r) => setImmediate(r));
    follower.stop();
    assert.deepEqual(got, ['replay@old', '2@old', '3@old', 'reset@new', '1@new', '2@new']);
  });

  it('after a reset, a live follower is told reset and gets the new history from seq 1', async () => {
    const s = store({ retention: 1000 });
    await s.append('rs', 'old 1');
    await s.append('rs', 'old 2');
    const before = await s.bounds('rs');
    const told: string[] = [];
    const got: string[] = [];
    const follower = await follow(
      s,
      'rs',
      { after: 0 },
      {
        start: (st, b) => told.push(`${st.kind}:${b.epoch === before.epoch ? 'old' : 'new'}`),
        event: (e) => got.push(String(e.data)),
      },
    );
    await s.reset('rs');
    const after = await s.bounds('rs');
    assert.notEqual(after.epoch, before.epoch);
    assert.deepEqual([after.head, after.oldest], [0, 1]);
    await s.append('rs', 'new 1');
    await s.append('rs', 'new 2');
    await new Promise((r) => setImmediate(r));
    follower.stop();
    assert.deepEqual(told, ['replay:old', 'reset:new']);
    assert.deepEqual(got, ['old 1', 'old 2', 'new 1', 'new 2']);
  });

  it("a channel's first publish between the reader's two calls (bounds, then read): each event once, under its epoch", async () => {
    // A shared store answers bounds and read in two round trips; the first publish can fall between
    // them, and the events read then belong to a history the bounds did not know yet.
    class RacyStore extends MemoryStore {
      raced = false;
      override async read(channel: string, from: number, limit: number) {
        if (!this.raced) {
          this.raced = true;
          await this.append(channel, 'first');
        }
        return super.read(channel, from, limit);
      }
    }
    for (const cursor of [{}, { after: 0 }, { after: 0, epoch: EMPTY_EPOCH }]) {
      const s = new RacyStore({ retention: 5, idleMs: 60_000, maxChannels: 100 });
      stores.push(s);
      const told: string[] = [];
      const got: string[] = [];
      const follower = await follow(s, 'race', cursor, {
        start: (st, b) => told.push(`${st.kind}@${b.epoch === EMPTY_EPOCH ? 'empty' : 'own'}`),
        event: (e, epoch) => got.push(`${epoch === EMPTY_EPOCH ? 'empty' : 'own'}:${e.seq}`),
      });
      await new Promise((r) => setImmediate(r));
      follower.stop();
      assert.deepEqual(got, ['own:1'], JSON.stringify(cursor));
      assert.ok(!told.some((t) => t.startsWith('reset') || t.startsWith('gap')), `${JSON.stringify(cursor)}: ${told}`);
    }
  });

  it('a live event that jumps ahead sends the follower back to the log: a gap is reported, never skipped silently', async () => {
    // A store whose live delivery loses seq 3..7 (a shared store's fan-out that fell behind), while
    // its log kept only the newest 3 events.
    class LossyStore extends MemoryStore {
      override subscribe(channel: string, listener: Parameters<MemoryStore['subscribe']>[1]) {
        return super.subscribe(channel, (event, epoch) => {
          if (event.seq < 3 || event.seq > 7) listener(event, epoch);
        });
      }
    }
    const s = new LossyStore({ retention: 3, idleMs: 60_000, maxChannels: 100 });
    stores.push(s);
    const told: string[] = [];
    const got: number[] = [];
    const follower = await follow(
      s,
      'jump',
      { after: 0 },
      { start: (st) => told.push(st.kind === 'gap' ? `gap:${st.missed}` : st.kind), event: (e) => got.push(e.seq) },
    );
    for (let i = 1; i <= 8; i++) await s.append('jump', i);
    await new Promise((r) => setImmediate(r));
    follower.stop();
    // The second start: the follower began on the empty log (nobody had published), and the first
    // event begins the channel's own epoch; the follower is told so (a WebSocket's hello), not reset.
    assert.deepEqual(told, ['replay', 'replay', 'gap:3']);
    assert.deepEqual(got, [1, 2, 6, 7, 8]);
  });
});
