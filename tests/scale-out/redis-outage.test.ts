// Redis goes away under two running instances. While it is gone the servers stay up, /api/health says
// "degraded" and publishes are refused with a clear 503 (HTTP) or error message (WebSocket), never
// accepted and dropped. When it is back, clients that resume with their cursor end with every
// acknowledged event exactly once; when it came back empty, they are told "reset".
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openWs, publish, request, sleep, waitFor } from '../helpers/clients.ts';
import { startTwoInstances, type TwoInstances } from '../helpers/cluster.ts';
import { freePort } from '../../scripts/redis-server.ts';
import { startRedisServer, type RedisServer } from '../helpers/redis.ts';
import { TECHNIQUES, resumingClient, seqsOf, type ResumingClient } from '../helpers/resuming-clients.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let cluster: TwoInstances;
let redis: RedisServer;
let A: TestServer;
let B: TestServer;
before(async () => {
  cluster = await startTwoInstances();
  ({ redis, A, B } = cluster);
});
after(() => cluster?.close());

/** Clients of every technique, alternating between the instances and dropping their streams now and then. */
function resumingClients(channel: string): ResumingClient[] {
  return TECHNIQUES.map((technique) => {
    let n = 0;
    return resumingClient(technique, {
      channel,
      base: () => (n++ % 2 ? B : A).base,
      holdMs: () => 200 + Math.random() * 300,
    });
  });
}

async function stopAll(clients: ResumingClient[]): Promise<void> {
  await Promise.all(clients.map((c) => c.stop()));
}

describe('Redis goes away and comes back', () => {
  it('stopped for 3 s during a stream of publishes: refused publishes are 503, resumed clients get every acknowledged event exactly once', {
    timeout: 90_000,
  }, async (t) => {
    const channel = 'outage';
    const clients = resumingClients(channel);
    const acked: number[] = [];
    const refusals: { status: number; code: string; retryAfter?: string }[] = [];
    const wsErrors: string[] = [];
    const healthSeen = new Set<string>();
    let publishing = true;

    const httpPublisher = (async () => {
      for (let i = 0; publishing; i++) {
        const r = await publish(i % 2 ? A.base : B.base, channel, { i });
        if (r.status === 201) acked.push(r.json.seq);
        else
          refusals.push({
            status: r.status,
            code: r.json?.error?.code,
            retryAfter: r.headers['retry-after'] as string | undefined,
          });
        await sleep(15);
      }
    })();
    const wsPublisher = openWs(B.base, `/api/channels/${channel}/ws`);
    await wsPublisher.opened;
    const wsPublishing = (async () => {
      for (let i = 0; publishing; i++) {
        wsPublisher.send({ type: 'publish', data: { ws: i }, ref: i });
        await sleep(40);
      }
    })();
    const healthWatch = (async () => {
      while (publishing) {
        healthSeen.add((await request(A.base, '/api/health')).json.status);
        await sleep(100);
      }
    })();

    await sleep(1000);
    await redis.stop({ keepData: true });
    await sleep(3000);
    await redis.restart();
    await waitFor(
      () => A.running.store.status().available && B.running.store.status().available,
      10_000,
      'both instances to reconnect',
    );
    await sleep(1000);
    publishing = false;
    await Promise.all([httpPublisher, wsPublishing, healthWatch]);
    await sleep(300); // the last WebSocket acks
    wsPublisher.ws.close();
    for (const m of wsPublisher.msgs) {
      if (m.type === 'ack') acked.push(m.seq);
      if (m.type === 'error') wsErrors.push(m.code);
    }

    const head = (await request(A.base, `/api/channels/${channel}/poll`)).json.cursor;
    await waitFor(
      () => clients.every((c) => seqsOf(c.received).at(-1) === head),
      20_000,
      `every client to reach seq ${head}`,
    ).finally(() => stopAll(clients));

    t.diagnostic(
      `${acked.length} publishes acknowledged, ${refusals.length} HTTP and ${wsErrors.length} WebSocket publishes refused during the outage; head ${head}`,
    );
    assert.ok(refusals.length > 0 && wsErrors.length > 0, 'publishes during the outage were refused, not accepted');
    for (const r of refusals) assert.deepEqual(r, { status: 503, code: 'store_unavailable', retryAfter: '2' });
    assert.ok(
      wsErrors.every((code) => code === 'store_unavailable'),
      wsErrors.join(','),
    );
    assert.deepEqual([...healthSeen].sort(), ['degraded', 'ok'], 'health went degraded and came back');
    const all = Array.from({ length: head }, (_, i) => i + 1);
    assert.deepEqual(
      [...acked].sort((x, y) => x - y),
      [...new Set(acked)].sort((x, y) => x - y),
      'no seq acknowledged twice',
    );
    for (const c of clients) {
      t.diagnostic(
        `${c.technique}: ${c.received.length} events over ${c.stats.connects} connections, ${c.stats.failures} failed during the outage`,
      );
      // Nothing was lost or repeated, so every acknowledged event is in here exactly once.
      assert.deepEqual(seqsOf(c.received), all, `${c.technique}: lost or repeated events`);
      for (const seq of acked)
        assert.ok(seqsOf(c.received).includes(seq), `${c.technique}: acknowledged seq ${seq} missing`);
      assert.deepEqual(c.notices, [], `${c.technique}: Redis kept its data, so no reset or gap`);
    }
    assert.equal((await request(A.base, '/api/health')).json.status, 'ok');
  });

  it('restarted empty (its data lost): the epoch changes and resuming clients are told reset, then get the new history', {
    timeout: 60_000,
  }, async () => {
    const channel = 'lost';
    for (let i = 1; i <= 10; i++) assert.equal((await publish(A.base, channel, { before: i })).status, 201);
    const oldEpoch = (await request(A.base, `/api/channels/${channel}/poll`)).json.epoch;
    const clients = resumingClients(channel);
    await waitFor(() => clients.every((c) => c.received.length >= 10), 10_000, 'the old history');

    await redis.stop({ keepData: false });
    await redis.restart();
    await waitFor(
      () => A.running.store.status().available && B.running.store.status().available,
      10_000,
      'both instances to reconnect',
    );
    for (let i = 1; i <= 5; i++) assert.equal((await publish(B.base, channel, { after: i })).status, 201);
    const newEpoch = (await request(B.base, `/api/channels/${channel}/poll`)).json.epoch;
    assert.notEqual(newEpoch, oldEpoch);
    await waitFor(() => clients.every((c) => c.received.length >= 15), 15_000, 'the new history').finally(() =>
      stopAll(clients),
    );

    for (const c of clients) {
      assert.deepEqual(
        seqsOf(c.received),
        [...Array.from({ length: 10 }, (_, i) => i + 1), 1, 2, 3, 4, 5],
        c.technique,
      );
      assert.deepEqual(c.notices, ['reset'], `${c.technique}: told reset once`);
      assert.ok(
        c.received.slice(10).every((r) => r.startsWith(`${newEpoch}:`)),
        `${c.technique}: the new events carry the new epoch`,
      );
      assert.ok(
        c.received.slice(0, 10).every((r) => r.startsWith(`${oldEpoch}:`)),
        `${c.technique}: the old ones the old epoch`,
      );
    }
  });

  it('a server started while Redis is down serves degraded, then recovers by itself when Redis appears', {
    timeout: 60_000,
  }, async () => {
    const port = await freePort();
    const S = await startTestServer({ REDIS_URL: `redis://127.0.0.1:${port}`, INSTANCE_ID: 'early' });
    let late: RedisServer | undefined;
    try {
      const health = await request(S.base, '/api/health');
      assert.equal(health.status, 200, 'up, not crashed');
      assert.equal(health.json.status, 'degraded');
      assert.match(health.json.problem, new RegExp(`127\\.0\\.0\\.1:${port}`), 'says which Redis it cannot reach');
      const refused = await publish(S.base, 'early', 1);
      assert.deepEqual(
        [refused.status, refused.json.error.code, refused.headers['retry-after']],
        [503, 'store_unavailable', '2'],
      );
      assert.equal(
        (await request(S.base, '/api/channels/early/poll')).status,
        503,
        'reads too: no made-up empty answer',
      );
      assert.equal((await request(S.base, '/')).status, 200, 'the site itself is served');

      late = await startRedisServer({ port });
      await waitFor(() => S.running.store.status().available, 10_000, 'the server to connect by itself');
      assert.equal((await request(S.base, '/api/health')).json.status, 'ok');
      assert.equal((await publish(S.base, 'early', 1)).status, 201);
    } finally {
      await S.close();
      await late?.close();
    }
  });
});
