// The promise of the course: whatever the technique, a client that is cut off and comes back with its
// cursor ends with every event exactly once, in order. Clients of all four techniques on one channel
// are disconnected at random while hundreds of events are published.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { SseReader, openWs, request, sleep } from '../helpers/clients.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const CHANNEL = 'no-loss';
const TOTAL = 400;
let S: TestServer;
before(async () => {
  S = await startTestServer({ RETENTION: 1000 });
});
after(() => S.close());

// A deterministic random source, so that a failure can be replayed.
let seed = 42;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

interface Received {
  seqs: number[];
  reconnects: number;
}
const done = (r: Received) => r.seqs.length > 0 && r.seqs[r.seqs.length - 1] === TOTAL;

async function pollClient(longPoll: boolean, r: Received, stopAt: number) {
  let cursor = 0;
  while (!done(r) && Date.now() < stopAt) {
    const ac = new AbortController();
    // cut the request at a random moment (the client's network dropping)
    const cut = setTimeout(() => ac.abort(), random() * 300);
    const path = `/api/channels/${CHANNEL}/${longPoll ? 'long-poll' : 'poll'}?after=${cursor}&limit=37${longPoll ? '&timeout=2000' : ''}`;
    try {
      const res = await request(S.base, path, { signal: ac.signal });
      assert.equal(res.status, 200);
      // A short poll answers too fast to be cut mid-way, so some answers are dropped as if the
      // connection died on the way back: the client must ask again with the same cursor.
      if (!longPoll && random() < 0.2) throw new Error('answer lost');
      assert.ok(!res.json.reset && !res.json.missed, 'no reset or gap expected');
      for (const e of res.json.events) r.seqs.push(e.seq);
      cursor = res.json.cursor;
    } catch {
      r.reconnects++;
    } finally {
      clearTimeout(cut);
    }
    if (!longPoll) await sleep(20);
  }
}

async function sseClient(r: Received, stopAt: number) {
  let lastId: string | undefined;
  while (!done(r) && Date.now() < stopAt) {
    const s = new SseReader(S.base, `/api/channels/${CHANNEL}/sse?after=0`, lastId ? { 'Last-Event-ID': lastId } : {});
    await s.opened;
    await sleep(50 + random() * 250);
    s.close();
    for (const e of s.messages()) {
      r.seqs.push(e.json.seq);
      lastId = e.id;
    }
    // only complete events count: a frame cut in half was never dispatched, as in EventSource
    r.reconnects++;
  }
}

async function wsClient(r: Received, stopAt: number) {
  let cursor = 0;
  while (!done(r) && Date.now() < stopAt) {
    const c = openWs(S.base, `/api/channels/${CHANNEL}/ws?after=${cursor}`);
    c.ws.on('message', () => {
      const m = c.msgs[c.msgs.length - 1];
      if (m.type === 'event') {
        r.seqs.push(m.seq);
        cursor = m.seq;
      }
    });
    await c.opened;
    await sleep(50 + random() * 250);
    c.ws.terminate();
    r.reconnects++;
  }
}

it(`four techniques, random disconnects, ${TOTAL} events: every seq exactly once, in order`, { timeout: 120_000 }, async (t) => {
  const clients = { poll: { seqs: [], reconnects: 0 }, 'long-poll': { seqs: [], reconnects: 0 }, sse: { seqs: [], reconnects: 0 }, websocket: { seqs: [], reconnects: 0 } } as Record<string, Received>;
  const stopAt = Date.now() + 90_000;
  const running = [pollClient(false, clients.poll!, stopAt), pollClient(true, clients['long-poll']!, stopAt), sseClient(clients.sse!, stopAt), wsClient(clients.websocket!, stopAt)];
  for (let i = 1; i <= TOTAL; i++) {
    await S.running.store.append(CHANNEL, { i });
    await sleep(random() * 30);
  }
  await Promise.all(running);
  const expected = Array.from({ length: TOTAL }, (_, i) => i + 1);
  for (const [technique, r] of Object.entries(clients)) {
    t.diagnostic(`${technique}: ${r.seqs.length} events received across ${r.reconnects} disconnects`);
    assert.ok(r.reconnects >= 3, `${technique} was disconnected ${r.reconnects} times`);
    assert.deepEqual(r.seqs, expected, `${technique}: lost or repeated events`);
  }
  await request(S.base, '/api/health');
});
