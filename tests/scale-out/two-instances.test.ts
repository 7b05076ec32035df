// Two instances of the server on one Redis, as behind a load balancer: a client of either instance
// gets what is published on the other, with every technique, and can move between them with its
// cursor without losing or repeating an event.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openWs, publish, request, sleep, waitFor } from '../helpers/clients.ts';
import { startTwoInstances, type TwoInstances } from '../helpers/cluster.ts';
import { TECHNIQUES, resumingClient, seqsOf } from '../helpers/resuming-clients.ts';
import type { TestServer } from '../helpers/server.ts';

let cluster: TwoInstances;
let A: TestServer;
let B: TestServer;
before(async () => {
  cluster = await startTwoInstances({ TICK_MS: 100 });
  ({ A, B } = cluster);
});
after(() => cluster?.close());

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('two instances, one Redis', () => {
  it('each instance names itself in X-Instance-Id and /api/health, on the redis store', async () => {
    for (const [S, name] of [
      [A, 'a'],
      [B, 'b'],
    ] as const) {
      const health = await request(S.base, '/api/health');
      assert.deepEqual(health.json, { status: 'ok', instance: name, store: 'redis' });
      assert.equal(health.headers['x-instance-id'], name);
      const poll = await request(S.base, '/api/channels/who/poll');
      assert.equal(poll.headers['x-instance-id'], name, 'on every API answer, not only health');
    }
  });

  it('a client on A receives what is published on B (HTTP and WebSocket publishes), across every technique', {
    timeout: 60_000,
  }, async (t) => {
    const clients = TECHNIQUES.map((technique) => resumingClient(technique, { channel: 'across', base: () => A.base }));
    await sleep(300);
    const publisher = openWs(B.base, '/api/channels/across/ws');
    await publisher.opened;
    for (let i = 1; i <= 100; i++) {
      if (i % 2) assert.equal((await publish(B.base, 'across', { i })).status, 201);
      else {
        publisher.send({ type: 'publish', data: { i }, ref: i });
        await waitFor(() => publisher.of('ack').some((m) => m.ref === i), 3000, `ack ${i}`);
      }
    }
    publisher.ws.close();
    await waitFor(
      () => clients.every((c) => c.received.length >= 100),
      20_000,
      'every client to have 100 events',
    ).finally(() => Promise.all(clients.map((c) => c.stop())));
    for (const c of clients) {
      t.diagnostic(`${c.technique} on A: ${c.received.length} events published on B, ${c.stats.connects} connections`);
      assert.deepEqual(seqsOf(c.received), range(100), `${c.technique}: lost or repeated events`);
      assert.deepEqual(c.notices, [], `${c.technique}: no reset or gap`);
    }
  });

  it('a client moving between A and B with its cursor loses nothing and repeats nothing', {
    timeout: 90_000,
  }, async (t) => {
    let turn = 0;
    const served: Record<string, Set<string>> = {};
    const clients = TECHNIQUES.map((technique) => {
      served[technique] = new Set();
      let n = 0;
      return resumingClient(technique, {
        channel: 'moving',
        // Every connection goes to the other instance: the worst a load balancer without sticky sessions does.
        base: () => {
          const S = n++ % 2 ? B : A;
          served[technique]!.add(S.running.deps.config.INSTANCE_ID);
          return S.base;
        },
        holdMs: () => 100 + Math.random() * 200,
      });
    });
    for (let i = 1; i <= 300; i++) {
      assert.equal((await publish(turn++ % 2 ? A.base : B.base, 'moving', { i })).status, 201);
      await sleep(Math.random() * 10);
    }
    await waitFor(
      () => clients.every((c) => c.received.length >= 300),
      30_000,
      'every client to have 300 events',
    ).finally(() => Promise.all(clients.map((c) => c.stop())));
    for (const c of clients) {
      t.diagnostic(`${c.technique}: 300 events over ${c.stats.connects} connections alternating between instances`);
      assert.ok(c.stats.connects >= 4, `${c.technique} reconnected ${c.stats.connects} times`);
      assert.deepEqual([...served[c.technique]!].sort(), ['a', 'b'], 'served by both instances');
      assert.deepEqual(seqsOf(c.received), range(300), `${c.technique}: lost or repeated events`);
      assert.deepEqual(c.notices, [], `${c.technique}: the epoch is shared, so moving is never a reset`);
    }
  });

  it('only one instance drives the ticker (one lease), so its ticks are not doubled', async () => {
    await sleep(1000);
    const ticks = (await request(A.base, '/api/channels/ticker/poll?after=0&limit=1000')).json.events.map(
      (e: any) => e.data.tick,
    );
    assert.ok(ticks.length >= 3, `${ticks.length} ticks`);
    assert.equal(
      new Set(ticks).size,
      ticks.length,
      `two instances ticking would repeat tick numbers: ${ticks.join(',')}`,
    );
  });

  it('when the instance driving the ticker stops, the other one takes the lease over and the ticks go on', {
    timeout: 30_000,
  }, async () => {
    const head = async () => (await request(B.base, '/api/channels/ticker/poll')).json.cursor as number;
    await A.close(); // A started first, so it took the lease
    const before = await head();
    await sleep(3500); // the lease (2 s at TICK_MS=100) lapses, then B ticks every 100 ms
    assert.ok((await head()) > before + 3, `the ticker went on from seq ${before} to ${await head()}`);
  });
});
