// Static files in the coding asked for: the build's Brotli and gzip copies (scripts/site-build.ts),
// chosen by Accept-Encoding, with Vary, the copy's own Content-Length and ETag; and never a coding on
// an event stream, a long-poll or a WebSocket, where a compressor's buffering would hold frames back.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { WebSocket } from 'ws';
import { projectRoot, startTestServer, type TestServer } from '../helpers/server.ts';

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Buffer;
}

function get(base: string, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    request(`${base}${path}`, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
}

const dist = join(projectRoot, 'dist');
const firstFile = (dir: string, ext: string) => {
  const name = readdirSync(join(dist, dir)).find((f) => f.endsWith(ext));
  assert.ok(name, `no ${ext} in dist/${dir}`);
  return `/${dir ? `${dir}/` : ''}${name}`;
};

describe('compressed static files', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  it('the build wrote a Brotli and a gzip copy of HTML, CSS, JS, SVG and JSON', () => {
    for (const path of ['/index.html', firstFile('_astro', '.css'), firstFile('_astro', '.js'), '/favicon.svg']) {
      assert.ok(existsSync(join(dist, `${path}.br`)), `${path}.br`);
      assert.ok(existsSync(join(dist, `${path}.gz`)), `${path}.gz`);
    }
  });

  it('serves each coding by Accept-Encoding, whose bytes decode to the file itself', async () => {
    const original = readFileSync(join(dist, 'index.html'));
    const cases: [string | undefined, string | undefined, (b: Buffer) => Buffer][] = [
      ['gzip, deflate, br, zstd', 'br', brotliDecompressSync],
      ['gzip', 'gzip', gunzipSync],
      ['br;q=0.1, gzip;q=0.9', 'gzip', gunzipSync],
      ['br;q=0, gzip;q=0', undefined, (b) => b],
      [undefined, undefined, (b) => b],
    ];
    const etags = new Set<string>();
    for (const [accept, coding, decode] of cases) {
      const r = await get(server.base, '/', accept ? { 'accept-encoding': accept } : {});
      assert.equal(r.status, 200);
      assert.equal(r.headers['content-encoding'], coding, String(accept));
      assert.equal(r.headers.vary, 'Accept-Encoding');
      assert.equal(r.headers['content-type'], 'text/html; charset=utf-8');
      assert.equal(Number(r.headers['content-length']), r.body.length);
      assert.ok(decode(r.body).equals(original), `${accept}: decodes to dist/index.html`);
      assert.match(String(r.headers['content-security-policy']), /script-src 'self'/);
      assert.equal(r.headers['x-content-type-options'], 'nosniff');
      etags.add(String(r.headers.etag));
    }
    // One ETag per coding (br, gzip, identity): a cache must never confuse two of them.
    assert.equal(etags.size, 3);
  });

  it("answers 304 to its ETag, per coding, and HEAD with the copy's length and no body", async () => {
    const br = await get(server.base, '/', { 'accept-encoding': 'br' });
    const again = await get(server.base, '/', { 'accept-encoding': 'br', 'if-none-match': String(br.headers.etag) });
    assert.equal(again.status, 304);
    assert.equal(again.body.length, 0);
    const gzip = await get(server.base, '/', { 'accept-encoding': 'gzip', 'if-none-match': String(br.headers.etag) });
    assert.equal(gzip.status, 200, 'the Brotli ETag does not match the gzip copy');
    const head = await get(server.base, '/', { 'accept-encoding': 'br' }, 'HEAD');
    assert.equal(head.status, 200);
    assert.equal(head.body.length, 0);
    assert.equal(head.headers['content-length'], br.headers['content-length']);
    assert.equal(head.headers['content-encoding'], 'br');
  });

  it('compresses CSS, JS and SVG too, hashed assets keep their immutable caching', async () => {
    for (const path of [firstFile('_astro', '.css'), firstFile('_astro', '.js'), '/favicon.svg']) {
      const r = await get(server.base, path, { 'accept-encoding': 'br' });
      assert.equal(r.status, 200, path);
      assert.equal(r.headers['content-encoding'], 'br', path);
      assert.ok(brotliDecompressSync(r.body).equals(readFileSync(join(dist, path))), path);
      if (path.startsWith('/_astro/')) assert.equal(r.headers['cache-control'], 'public, max-age=31536000, immutable');
    }
  });

  it('never compresses an event stream, a long-poll or a poll, whatever the client accepts', async () => {
    const accept = { 'accept-encoding': 'gzip, deflate, br, zstd' };
    const poll = await get(server.base, '/api/channels/compressed/poll?after=0', accept);
    assert.equal(poll.headers['content-encoding'], undefined);
    const longPoll = await get(server.base, '/api/channels/compressed/long-poll?after=0&timeout=0', accept);
    assert.equal(longPoll.headers['content-encoding'], undefined);
    const stream = await new Promise<Record<string, string | string[] | undefined>>((resolve, reject) => {
      const req = request(`${server.base}/api/channels/compressed/sse`, { headers: accept, agent: false }, (res) => {
        resolve(res.headers);
        req.destroy();
      });
      req.on('error', reject);
      req.end();
    });
    assert.equal(stream['content-type'], 'text/event-stream; charset=utf-8');
    assert.equal(stream['content-encoding'], undefined);
    // WebSocket: the server offers no permessage-deflate even when the client asks for it.
    const ws = new WebSocket(`${server.base.replace('http', 'ws')}/api/channels/compressed/ws`, {
      perMessageDeflate: true,
    });
    const extensions = await new Promise<string>((resolve, reject) => {
      ws.once('open', () => resolve(ws.extensions));
      ws.once('error', reject);
    });
    ws.close();
    assert.equal(extensions, '');
  });
});
