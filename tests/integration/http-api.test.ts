// Publish, poll, long-poll, errors and metrics over real HTTP.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ROUTES } from '../../protocol/routes.ts';
import { TECHNIQUE_IDS, TECHNIQUES } from '../../protocol/techniques.ts';
import { request, sleep, waitFor } from '../helpers/clients.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let S: TestServer;
before(async () => {
  S = await startTestServer({ PUBLISH_RATE_PER_SEC: 5, PUBLISH_BURST: 5, BODY_MAX_BYTES: 8192, TRUST_PROXY: false });
});
after(() => S.close());

const isError = (r: { status: number; json: any; headers: any }, status: number, code: string) => {
  assert.equal(r.status, status, JSON.stringify(r.json));
  assert.match(String(r.headers['content-type']), /application\/json/);
  assert.equal(r.json.error.code, code);
  assert.ok(r.json.error.message.length > 10, 'a human sentence');
};
// Each test publishes from its own loopback address, so the rate limit of one test does not leak into another.
let nextIp = 10;
const ipHeaders = () => ({ localAddress: `127.0.9.${nextIp++}` });
const pub = (channel: string, data: unknown) =>
  request(S.base, `/api/channels/${channel}/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ data }),
    ...ipHeaders(),
  });

describe('the route table (protocol/routes.ts) is what the server answers', () => {
  it('every route answers its method, and only that one', async () => {
    const lab = 'ab'.repeat(16);
    for (const route of ROUTES) {
      const path = route.path.replace(':channel', 'routes').replace(':id', lab);
      const body = route.method === 'POST' ? { headers: { 'content-type': 'application/json' }, body: '{}' } : {};
      // fetch, and only the head is read: an event stream never ends by itself.
      const ac = new AbortController();
      const res = await fetch(`${S.base}${path.includes('/long-poll') ? `${path}?timeout=0` : path}`, {
        method: route.method,
        signal: ac.signal,
        ...body,
      });
      const answer = res.headers.get('content-type')?.startsWith('application/json') ? await res.json() : {};
      ac.abort();
      assert.notEqual(answer?.error?.code, 'method_not_allowed', `${route.method} ${route.path}`);
      assert.doesNotMatch(String(answer?.error?.message), /No API route/, `${route.method} ${route.path}`);
      const wrong = route.method === 'GET' ? 'POST' : 'GET';
      const refused = await request(S.base, path, { method: wrong, ...ipHeaders() });
      isError(refused, 405, 'method_not_allowed');
      assert.equal(refused.headers.allow, route.method, `${route.path} names its method in Allow`);
      // A route's body limit belongs to its method: another method with a large body is still a 405.
      const large = await request(S.base, path, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        ...ipHeaders(),
        body: JSON.stringify({ data: 'y'.repeat(2000) }),
      });
      isError(large, 405, 'method_not_allowed');
    }
  });
});

describe('publish and poll', () => {
  it('publish answers 201 {seq,time,epoch}; poll returns events after the cursor', async () => {
    const a = await pub('p1', { x: 1 });
    assert.equal(a.status, 201);
    assert.deepEqual(Object.keys(a.json).sort(), ['epoch', 'seq', 'time']);
    await pub('p1', [1, 2]);
    const p = await request(S.base, '/api/channels/p1/poll?after=1');
    assert.equal(p.headers['cache-control'], 'no-store');
    assert.deepEqual(p.json, {
      epoch: a.json.epoch,
      events: [{ seq: 2, time: p.json.events[0].time, data: [1, 2] }],
      cursor: 2,
    });
    const head = await request(S.base, '/api/channels/p1/poll');
    assert.deepEqual([head.json.events, head.json.cursor], [[], 2]);
    const reset = await request(S.base, `/api/channels/p1/poll?after=1&epoch=other`);
    assert.equal(reset.json.reset, true);
    assert.deepEqual(
      reset.json.events.map((e: any) => e.seq),
      [1, 2],
    );
  });

  it('limit: poll and long-poll agree, default 100, 1 to 1000, anything else refused with the range', async () => {
    // published through the server's own store: the HTTP rate limit is not what this test is about
    for (let i = 0; i < 120; i++) await S.running.store.append('p-limit', i);
    for (const endpoint of ['poll', 'long-poll']) {
      const url = (q: string) => `/api/channels/p-limit/${endpoint}?after=0${q}`;
      assert.equal((await request(S.base, url(''))).json.events.length, 100, `${endpoint}: default 100`);
      assert.equal((await request(S.base, url('&limit=7'))).json.cursor, 7, `${endpoint}: limit=7`);
      assert.equal((await request(S.base, url('&limit=1'))).json.events.length, 1, `${endpoint}: limit=1`);
      assert.equal((await request(S.base, url('&limit=1000'))).json.events.length, 120, `${endpoint}: limit=1000`);
      for (const bad of ['0', '-5', '1001', '5000']) {
        const res = await request(S.base, url(`&limit=${bad}`));
        isError(res, 400, 'invalid_limit');
        assert.match(res.json.error.message, /from 1 to 1000/, `${endpoint} limit=${bad}: the message names the range`);
      }
      isError(await request(S.base, url('&limit=ten')), 400, 'invalid_limit');
    }
  });

  it('a cursor is any safe integer: 16 digits resolve (past the head, a reset); longer ones say why', async () => {
    await S.running.store.append('p-big', 1);
    const big = await request(S.base, '/api/channels/p-big/poll?after=1234567890123456');
    assert.equal(big.status, 200);
    assert.equal(big.json.reset, true, 'a cursor past the head is a reset');
    const max = await request(S.base, `/api/channels/p-big/poll?after=${Number.MAX_SAFE_INTEGER}`);
    assert.equal(max.status, 200);
    for (const tooBig of ['9007199254740992', '1'.repeat(30)]) {
      const res = await request(S.base, `/api/channels/p-big/poll?after=${tooBig}`);
      isError(res, 400, 'invalid_cursor');
      assert.match(res.json.error.message, /larger than 9007199254740991/);
    }
  });

  it('refuses bad input with the right status and a JSON error', async () => {
    isError(await pub('Bad_Name', 1), 400, 'invalid_channel');
    isError(await request(S.base, '/api/channels/ok/poll?after=-1'), 400, 'invalid_cursor');
    isError(
      await request(S.base, '/api/channels/ok/events', {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: '{"data":1}',
      }),
      415,
      'unsupported_media_type',
    );
    isError(
      await request(S.base, '/api/channels/ok/events', { method: 'POST', body: '{"data":1}' }),
      415,
      'unsupported_media_type',
    );
    isError(
      await request(S.base, '/api/channels/ok/events', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"data":',
      }),
      400,
      'invalid_json',
    );
    isError(
      await request(S.base, '/api/channels/ok/events', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"value":1}',
      }),
      400,
      'invalid_body',
    );
    isError(await pub('ok', 'x'.repeat(4095)), 413, 'payload_too_large');
    isError(await pub('ticker', 1), 403, 'read_only_channel');
    const put = await request(S.base, '/api/channels/ok/events', { method: 'PUT' });
    isError(put, 405, 'method_not_allowed');
    assert.equal(put.headers.allow, 'POST');
    isError(await request(S.base, '/api/nothing-here'), 404, 'not_found');
  });

  it('refuses a body larger than BODY_MAX_BYTES before reading it all (chunked, no Content-Length)', async () => {
    const r = await new Promise<{ status: number; json: any; headers: any }>((resolve, reject) => {
      import('node:http').then(({ default: http }) => {
        const u = new URL(S.base);
        const req = http.request(
          {
            host: u.hostname,
            port: u.port,
            method: 'POST',
            path: '/api/channels/ok/events',
            headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
          },
          (res) => {
            let text = '';
            res.on('data', (d) => (text += d));
            res.on('end', () => resolve({ status: res.statusCode!, json: JSON.parse(text), headers: res.headers }));
          },
        );
        req.on('error', reject);
        req.write('{"data":"');
        // 8 KiB limit: send 16 KiB in pieces and never finish; the answer must come anyway.
        for (let i = 0; i < 16; i++) req.write('y'.repeat(1024));
      });
    });
    isError(r, 413, 'payload_too_large');
  });

  it('limits publishes per IP with 429 and Retry-After; X-Forwarded-For does not bypass it', async () => {
    const ip = { localAddress: '127.0.8.1' };
    const statuses: number[] = [];
    let limited: any;
    for (let i = 0; i < 15; i++) {
      const r = await request(S.base, '/api/channels/flood/events', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.0.0.${i}` },
        body: '{"data":1}',
        ...ip,
      });
      statuses.push(r.status);
      if (r.status === 429) limited = r;
    }
    assert.ok(statuses.filter((s) => s === 201).length <= 10, statuses.join(','));
    assert.ok(limited, 'a 429 was answered');
    isError(limited, 429, 'rate_limited');
    assert.match(String(limited.headers['retry-after']), /^\d+$/);
  });
});

describe('long-poll', () => {
  it('answers at once when events are waiting', async () => {
    await pub('lp1', 1);
    const r = await request(S.base, '/api/channels/lp1/long-poll?after=0&timeout=5000');
    assert.deepEqual(
      r.json.events.map((e: any) => e.seq),
      [1],
    );
    assert.ok(r.ms < 1000);
  });

  it('holds until a publish, then answers with that event', async () => {
    const held = request(S.base, '/api/channels/lp2/long-poll?timeout=10000');
    await sleep(200);
    const a = await pub('lp2', 'wake');
    const r = await held;
    assert.deepEqual(r.json.events, [{ seq: a.json.seq, time: a.json.time, data: 'wake' }]);
    assert.equal(r.json.cursor, a.json.seq);
  });

  it('answers events: [] with the same cursor when the timeout runs out; timeout is clamped, not refused', async () => {
    const r = await request(S.base, '/api/channels/lp3/long-poll?after=0&timeout=300');
    assert.deepEqual([r.status, r.json.events, r.json.cursor], [200, [], 0]);
    assert.ok(r.ms >= 250, `${r.ms} ms`);
    const negative = await request(S.base, '/api/channels/lp3/long-poll?after=0&timeout=-5');
    assert.ok(negative.ms < 1000 && negative.status === 200);
    isError(await request(S.base, '/api/channels/lp3/long-poll?timeout=soon'), 400, 'invalid_timeout');
  });

  it('a client that goes away frees its waiter at once (subscriptions and gauge back to zero)', async () => {
    const gauge = async () =>
      Number(
        /realtime_open_connections\{technique="long-poll"\} (\d+)/.exec((await request(S.base, '/metrics')).text)![1],
      );
    const subs0 = S.running.store.subscriberCount();
    const controllers = Array.from({ length: 20 }, () => new AbortController());
    const held = controllers.map((ac) =>
      request(S.base, '/api/channels/lp-gone/long-poll?timeout=30000', { signal: ac.signal }).catch(() => null),
    );
    await waitFor(() => S.running.store.subscriberCount() === subs0 + 20, 3000, '20 waiters');
    assert.equal(await gauge(), 20);
    for (const ac of controllers) ac.abort();
    await Promise.all(held);
    await waitFor(() => S.running.store.subscriberCount() === subs0, 1000, 'waiters freed');
    assert.equal(await gauge(), 0);
  });
});

describe('HEAD (found by npm run fuzz)', () => {
  it('on a held route answers its head at once, holds nothing and writes no second head', async () => {
    const errors: unknown[] = [];
    const logged = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      for (const t of TECHNIQUES.filter((x) => x.heldByServer && x.method === 'GET')) {
        const r = await request(S.base, `/api/channels/head/${t.segment}?timeout=5000`, { method: 'HEAD' });
        assert.ok(r.status === 200 || r.status === 426, `${t.id}: ${r.status}`);
        assert.equal(r.headers['x-hono-already-sent'], undefined, t.id);
      }
      await sleep(100);
      assert.equal(S.running.deps.connections.count(), 0, 'nothing held for a HEAD');
      assert.deepEqual(errors, [], 'nothing logged');
    } finally {
      console.error = logged;
    }
  });
});

describe('health and metrics', () => {
  it('health is ok; metrics speak Prometheus text with a series per technique', async () => {
    const health = await request(S.base, '/api/health');
    assert.deepEqual(health.json, {
      status: 'ok',
      instance: S.running.deps.config.INSTANCE_ID,
      store: process.env.TEST_STORE === 'redis' ? 'redis' : 'memory',
    });
    assert.equal(
      health.headers['x-instance-id'],
      S.running.deps.config.INSTANCE_ID,
      'every API answer names its instance',
    );
    const m = await request(S.base, '/metrics');
    assert.match(String(m.headers['content-type']), /^text\/plain/);
    for (const t of TECHNIQUE_IDS) {
      assert.match(m.text, new RegExp(`realtime_open_connections\\{technique="${t}"\\} \\d+`));
      assert.match(m.text, new RegExp(`realtime_events_delivered_total\\{technique="${t}"\\} \\d+`));
      assert.match(m.text, new RegExp(`realtime_bytes_written_total\\{technique="${t}"\\} \\d+`));
    }
    assert.match(m.text, /realtime_rejections_total\{reason="rate_limited"\} [1-9]/);
    const published = (t: string) => Number(/realtime_events_published_total\{via="http"\} (\d+)/.exec(t)![1]);
    const before = published(m.text);
    await pub('metrics', 1);
    assert.equal(published((await request(S.base, '/metrics')).text), before + 1);
  });
});

describe('the site', () => {
  it('answers unknown pages with 404, not with an API error or a crash', async () => {
    const r = await request(S.base, '/no-such-page/');
    assert.equal(r.status, 404);
    assert.equal((await request(S.base, '/api/health')).status, 200);
  });
});
