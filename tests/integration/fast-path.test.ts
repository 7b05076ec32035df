// The poll fast path (api/fast-path.ts) answers what Hono's routes answered, byte for byte in status,
// headers and body: each request is sent twice, once plain (the fast path) and once with a parameter
// the routes ignore (`x=1`, which sends it through Hono), and the answers are compared.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestServer } from '../helpers/server.ts';

interface Raw {
  readonly status: number;
  /** Header names lowercased, values as sent; Date left out (it is the clock's). */
  readonly headers: Record<string, string>;
  readonly body: string;
}

function get(base: string, path: string, method = 'GET'): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => {
        const headers: Record<string, string> = {};
        for (let i = 0; i < res.rawHeaders.length; i += 2)
          if (res.rawHeaders[i]!.toLowerCase() !== 'date')
            headers[res.rawHeaders[i]!.toLowerCase()] = res.rawHeaders[i + 1]!;
        resolve({ status: res.statusCode!, headers, body });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

async function metric(base: string, name: string, technique: string): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const m = new RegExp(`^${name}\\{technique="${technique}"\\} (\\d+)`, 'm').exec(text);
  return Number(m?.[1]);
}

describe('polls answered before Hono', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
    for (const data of [1, 2])
      await fetch(`${server.base}/api/channels/fast/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ data }),
      });
  });
  after(() => server.close());

  const same = async (path: string) => {
    const fast = await get(server.base, path);
    const routed = await get(server.base, `${path}${path.includes('?') ? '&' : '?'}x=1`);
    assert.deepEqual(fast, routed, path);
    return fast;
  };

  it('takes the fast path for a plain poll (its one visible difference: Content-Length before Date)', async () => {
    const order = (path: string) =>
      new Promise<string[]>((resolve, reject) => {
        request(`${server.base}${path}`, { agent: false }, (res) => {
          res.resume();
          resolve(res.rawHeaders.filter((_, i) => i % 2 === 0).map((h) => h.toLowerCase()));
        })
          .on('error', reject)
          .end();
      });
    const fast = await order('/api/channels/fast/poll?after=2');
    const routed = await order('/api/channels/fast/poll?after=2&x=1');
    assert.ok(fast.indexOf('content-length') < fast.indexOf('date'), fast.join());
    assert.ok(routed.indexOf('content-length') > routed.indexOf('date'), routed.join());
    assert.deepEqual([...fast].sort(), [...routed].sort());
  });

  it('sends the same status, headers and body as the route, for polls and long-polls answered at once', async () => {
    const empty = await same('/api/channels/fast/poll?after=2');
    assert.equal(empty.status, 200);
    assert.match(empty.body, /^\{"epoch":"[A-Za-z0-9_-]{8}","events":\[\],"cursor":2\}$/);
    assert.equal(empty.headers['content-length'], String(empty.body.length));
    for (const name of ['x-content-type-options', 'content-security-policy', 'x-instance-id', 'cache-control'])
      assert.ok(empty.headers[name], name);
    await same('/api/channels/fast/poll?after=0');
    await same('/api/channels/fast/poll?after=0&limit=1');
    await same('/api/channels/fast/poll');
    await same('/api/channels/never-published/poll?after=0');
    await same('/api/channels/fast/long-poll?after=0');
    await same('/api/channels/fast/long-poll?after=1&timeout=0');
    // An epoch that is not the channel's: a reset, answered at once.
    const reset = await same('/api/channels/fast/long-poll?after=1&epoch=other');
    assert.match(reset.body, /"reset":true/);
  });

  it('leaves refusals to the routes: bad cursors, limits, timeouts and channel names get their 400', async () => {
    for (const path of [
      '/api/channels/fast/poll?after=abc',
      '/api/channels/fast/poll?after=-1',
      '/api/channels/fast/poll?limit=0',
      '/api/channels/fast/long-poll?after=0&timeout=x',
      '/api/channels/Bad_Name/poll?after=0',
    ]) {
      const r = await same(path);
      assert.equal(r.status, 400, path);
      assert.equal(r.headers['content-type'], 'application/json');
    }
  });

  it('counts what it answers in the same metrics', async () => {
    const requests = await metric(server.base, 'realtime_requests_total', 'poll');
    const delivered = await metric(server.base, 'realtime_events_delivered_total', 'poll');
    for (let i = 0; i < 5; i++) await get(server.base, '/api/channels/fast/poll?after=0');
    assert.equal(await metric(server.base, 'realtime_requests_total', 'poll'), requests + 5);
    assert.equal(await metric(server.base, 'realtime_events_delivered_total', 'poll'), delivered + 10);
  });

  it('a long-poll with nothing to say yet is held by the route, and woken by a publish', async () => {
    const held = get(server.base, '/api/channels/fast/long-poll?after=2&timeout=10000');
    await new Promise((r) => setTimeout(r, 200));
    await fetch(`${server.base}/api/channels/fast/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"data":3}',
    });
    const answer = await held;
    assert.equal(answer.status, 200);
    assert.match(answer.body, /"cursor":3/);
  });

  it('HEAD goes to the route as before (no body, the same head)', async () => {
    const head = await get(server.base, '/api/channels/fast/poll?after=0', 'HEAD');
    assert.equal(head.status, 200);
    assert.equal(head.body, '');
  });
});
