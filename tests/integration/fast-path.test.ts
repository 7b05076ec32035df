// The fast path (api/fast-path.ts) answers what Hono's routes answered, byte for byte in status,
// headers and body: each request is sent twice, once plain (the fast path) and once with a parameter
// the routes ignore (`x=1`, which sends it through Hono), and the answers are compared.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { projectRoot, startTestServer, type TestServer } from '../helpers/server.ts';

interface Raw {
  readonly status: number;
  /** Header names lowercased, values as sent; Date left out (it is the clock's). */
  readonly headers: Record<string, string>;
  readonly body: string;
}

function get(base: string, path: string, method = 'GET', headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method, agent: false, headers }, (res) => {
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

/** Events 1 and 2 on the channel `fast`. */
async function publishTwo(base: string): Promise<void> {
  for (const data of [1, 2])
    await fetch(`${base}/api/channels/fast/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ data }),
    });
}

/** The same request through Hono: a parameter the routes ignore sends it there. */
const viaHono = (path: string) => `${path}${path.includes('?') ? '&' : '?'}x=1`;

describe('polls answered before Hono', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
    await publishTwo(server.base);
  });
  after(() => server.close());

  const same = async (path: string) => {
    const fast = await get(server.base, path);
    const routed = await get(server.base, viaHono(path));
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

/** The head of an event stream and its first bytes, up to `frames` frames; the stream is then closed. */
function streamHead(
  base: string,
  path: string,
  frames: number,
  headers: Record<string, string> = {},
  post?: string,
): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const method = post === undefined ? 'GET' : 'POST';
    const req = request(`${base}${path}`, { agent: false, headers, method }, (res) => {
      const head: Record<string, string> = {};
      for (let i = 0; i < res.rawHeaders.length; i += 2)
        if (res.rawHeaders[i]!.toLowerCase() !== 'date')
          head[res.rawHeaders[i]!.toLowerCase()] = res.rawHeaders[i + 1]!;
      let body = '';
      res.setEncoding('utf8');
      const done = () => {
        req.destroy();
        resolve({ status: res.statusCode!, headers: head, body });
      };
      res.on('data', (c: string) => {
        body += c;
        if (body.split('\n\n').length > frames) done();
      });
      res.on('end', done);
    });
    req.on('error', reject);
    req.end(post);
  });
}

describe('SSE streams opened before Hono', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ MAX_CONNECTIONS_PER_IP: 2 });
    await publishTwo(server.base);
  });
  after(() => server.close());

  const same = async (path: string, frames: number, headers: Record<string, string> = {}) => {
    const fast = await streamHead(server.base, path, frames, headers);
    const routed = await streamHead(server.base, viaHono(path), frames, headers);
    assert.deepEqual(fast, routed, path);
    return fast;
  };

  it('sends the same head and the same frames as the route', async () => {
    const fromStart = await same('/api/channels/fast/sse?after=0', 3);
    assert.equal(fromStart.status, 200);
    assert.equal(fromStart.headers['content-type'], 'text/event-stream; charset=utf-8');
    for (const name of ['x-content-type-options', 'content-security-policy', 'x-instance-id', 'cache-control'])
      assert.ok(fromStart.headers[name], name);
    assert.match(fromStart.body, /^: connected\n\nretry: \d+\nid: [A-Za-z0-9_-]{8}:1\ndata: \{"seq":1,/);
    await same('/api/channels/fast/sse', 1);
    await same('/api/channels/never-published/sse?after=0', 1);
    const epoch = /id: ([A-Za-z0-9_-]{8}):1/.exec(fromStart.body)![1]!;
    const resumed = await same('/api/channels/fast/sse', 2, { 'Last-Event-ID': `${epoch}:1` });
    assert.match(resumed.body, new RegExp(`id: ${epoch}:2\\n`));
    await same(`/api/channels/fast/sse?after=1&epoch=${epoch}`, 2);
    // A cursor from another history: the reset event, from the query or from an id of no known form.
    assert.match((await same('/api/channels/fast/sse?after=1&epoch=other', 2)).body, /event: reset/);
    assert.match((await same('/api/channels/fast/sse', 2, { 'Last-Event-ID': 'nonsense' })).body, /event: reset/);
  });

  it('leaves refusals to the route: bad cursors, channel names, the per-IP limit', async () => {
    for (const path of ['/api/channels/fast/sse?after=abc', '/api/channels/Bad_Name/sse']) {
      const fast = await get(server.base, path);
      const routed = await get(server.base, viaHono(path));
      assert.deepEqual(fast, routed, path);
      assert.equal(fast.status, 400, path);
    }
    // Two streams held (the limit of this server), the third is refused by the route with its 429.
    const held = [0, 1].map(() => request(`${server.base}/api/channels/fast/sse`, { agent: false }).end());
    await Promise.all(held.map((r) => new Promise((ok) => r.once('response', ok))));
    const refused = await get(server.base, '/api/channels/fast/sse');
    const routed = await get(server.base, '/api/channels/fast/sse?x=1');
    for (const r of held) r.destroy();
    assert.equal(refused.status, 429);
    assert.deepEqual(refused, routed);
  });

  it('counts the streams it opens as the route does', async () => {
    const before = await metric(server.base, 'realtime_requests_total', 'sse');
    await streamHead(server.base, '/api/channels/fast/sse?after=0', 1);
    await streamHead(server.base, '/api/channels/fast/sse?after=0&x=1', 1);
    assert.equal(await metric(server.base, 'realtime_requests_total', 'sse'), before + 2);
  });
});

describe('static files served before Hono', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  // A query string sends a static request through Hono, which serves the same file.
  const same = async (path: string, headers: Record<string, string> = {}, method = 'GET') => {
    const fast = await get(server.base, path, method, headers);
    const routed = await get(server.base, `${path}?x=1`, method, headers);
    assert.deepEqual(fast, routed, `${method} ${path} ${JSON.stringify(headers)}`);
    return fast;
  };
  const asset = (ext: string) => {
    const name = readdirSync(join(projectRoot, 'dist', '_astro')).find((f) => f.endsWith(ext));
    assert.ok(name, `no ${ext} in dist/_astro`);
    return `/_astro/${name}`;
  };

  it('sends the same status, headers and body as the Hono path, in every coding', async () => {
    for (const path of ['/', '/lessons/sse/', '/favicon.svg', asset('.css'), asset('.js')]) {
      for (const ae of ['gzip, deflate, br, zstd', 'gzip', 'br;q=0, gzip;q=0', undefined]) {
        const r = await same(path, ae === undefined ? {} : { 'Accept-Encoding': ae });
        assert.equal(r.status, 200, path);
        assert.equal(r.headers.vary, 'Accept-Encoding');
        for (const name of ['x-content-type-options', 'content-security-policy', 'x-instance-id', 'etag'])
          assert.ok(r.headers[name], `${path} ${name}`);
      }
    }
    const page = await same('/', { 'Accept-Encoding': 'br' });
    assert.equal(page.headers['content-encoding'], 'br');
    assert.match(page.headers['content-security-policy']!, /script-src 'self'/);
    assert.equal((await same(asset('.js'))).headers['cache-control'], 'public, max-age=31536000, immutable');
  });

  it('answers HEAD and a matching If-None-Match (304) as the Hono path does', async () => {
    const head = await same('/', { 'Accept-Encoding': 'gzip' }, 'HEAD');
    assert.equal(head.body, '');
    const etag = head.headers.etag!;
    const notModified = await same('/', { 'Accept-Encoding': 'gzip', 'If-None-Match': etag });
    assert.equal(notModified.status, 304);
    // Another coding's ETag does not match this one.
    assert.equal((await same('/', { 'Accept-Encoding': 'br', 'If-None-Match': etag })).status, 200);
    const js = asset('.js');
    const jsTag = (await get(server.base, js)).headers.etag!;
    const cached = await same(js, { 'If-None-Match': jsTag });
    assert.equal(cached.status, 304);
    assert.equal(cached.headers['cache-control'], undefined);
  });

  it('leaves the rest to Hono: folder redirects, missing files, the API', async () => {
    const redirect = await get(server.base, '/lessons/sse');
    assert.equal(redirect.status, 301);
    assert.equal(redirect.headers.location, '/lessons/sse/');
    const missing = await get(server.base, '/no-such-page/');
    assert.equal(missing.status, 404);
    assert.match(missing.body, /<html/i);
    assert.equal((await get(server.base, '/api/health')).status, 200);
    assert.equal((await get(server.base, '/api/nope')).status, 404);
  });
});

describe('the 404 page of the Korean edition', () => {
  const page = (lang: string, text: string) => `<!doctype html><html lang="${lang}"><body><p>${text}</p></body></html>`;
  const site = (withKorean: boolean) => {
    const root = mkdtempSync(join(tmpdir(), 'site-404-'));
    writeFileSync(join(root, 'index.html'), page('en', 'home'));
    writeFileSync(join(root, '404.html'), page('en', 'Not found'));
    if (withKorean) {
      mkdirSync(join(root, 'ko'));
      writeFileSync(join(root, 'ko', 'index.html'), page('ko', '홈'));
      writeFileSync(join(root, 'ko', '404.html'), page('ko', '페이지를 찾을 수 없습니다'));
    }
    return root;
  };

  it('answers an unknown path under /ko/ with dist/ko/404.html, and every other one with dist/404.html', async () => {
    const root = site(true);
    const server = await startTestServer({ SITE_DIR: root });
    try {
      const korean = await get(server.base, '/ko/no-such-lesson/');
      assert.equal(korean.status, 404);
      assert.match(korean.body, /lang="ko"/);
      assert.match(korean.headers['content-security-policy']!, /default-src 'self'/);
      const english = await get(server.base, '/no-such-lesson/');
      assert.equal(english.status, 404);
      assert.match(english.body, /Not found/);
      assert.match((await get(server.base, '/kobold/')).body, /Not found/);
      assert.match((await get(server.base, '/ko/')).body, /홈/);
    } finally {
      await server.close();
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('falls back to dist/404.html under /ko/ while the Korean edition has no 404 page', async () => {
    const root = site(false);
    const server = await startTestServer({ SITE_DIR: root });
    try {
      const r = await get(server.base, '/ko/no-such-lesson/');
      assert.equal(r.status, 404);
      assert.match(r.body, /Not found/);
    } finally {
      await server.close();
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('fetch streams opened before Hono', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ MAX_CONNECTIONS_PER_IP: 2 });
    await publishTwo(server.base);
  });
  after(() => server.close());

  const json = { 'content-type': 'application/json' };
  const same = async (body: string, frames: number, headers: Record<string, string> = json) => {
    const path = '/api/channels/fast/stream';
    const fast = await streamHead(server.base, path, frames, headers, body);
    const routed = await streamHead(server.base, viaHono(path), frames, headers, body);
    assert.deepEqual(fast, routed, body);
    return fast;
  };

  it('sends the same head and the same frames as the route', async () => {
    const fromStart = await same('{"after":0}', 3);
    assert.equal(fromStart.status, 200);
    assert.match(fromStart.body, /^: connected\n\nretry: \d+\nid: [A-Za-z0-9_-]{8}:1\ndata: \{"seq":1,/);
    await same('{}', 1);
    await same('\uFEFF{"after":1}', 2);
    const epoch = /id: ([A-Za-z0-9_-]{8}):1/.exec(fromStart.body)![1]!;
    await same(JSON.stringify({ after: 1, epoch }), 2, { 'content-type': 'application/json; charset=utf-8' });
    assert.match((await same('{"after":1,"epoch":"other"}', 2)).body, /event: reset/);
  });

  it('leaves refusals to the route, which reads the same body: type, JSON, cursor, size, the per-IP limit', async () => {
    for (const [body, headers, status] of [
      ['{"after":0}', { 'content-type': 'text/plain' }, 415],
      ['{"after":', json, 400],
      ['[1]', json, 400],
      ['{"after":"1"}', json, 400],
      [JSON.stringify({ after: 0, pad: 'x'.repeat(2000) }), json, 413],
    ] as const) {
      const r = await same(body, 1, headers);
      assert.equal(r.status, status, body);
      assert.equal(r.headers['content-type'], 'application/json', body);
    }
    const held = [0, 1].map(() => {
      const r = request(`${server.base}/api/channels/fast/stream`, { agent: false, method: 'POST', headers: json });
      r.end('{}');
      return r;
    });
    await Promise.all(held.map((r) => new Promise((ok) => r.once('response', ok))));
    const refused = await same('{}', 1);
    for (const r of held) r.destroy();
    assert.equal(refused.status, 429);
  });

  it('counts the streams it opens as the route does', async () => {
    const before = await metric(server.base, 'realtime_requests_total', 'fetch-stream');
    await same('{}', 1);
    assert.equal(await metric(server.base, 'realtime_requests_total', 'fetch-stream'), before + 2);
  });
});
