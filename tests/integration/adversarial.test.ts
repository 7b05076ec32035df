// The demo server on the open internet: malformed input, hostile handshakes and frames, trickling and
// flooding clients. After every case the server must still publish and deliver normally.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { after, afterEach, before, describe, it } from 'node:test';
import { SseReader, openWs, request, sleep, waitFor } from '../helpers/clients.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let S: TestServer;
before(async () => {
  S = await startTestServer({ HEADERS_TIMEOUT_MS: 1000, PUBLISH_RATE_PER_SEC: 5, PUBLISH_BURST: 5 });
});
after(() => S.close());

let probe = 0;
/** Publish on a fresh address and receive it over SSE: the server still does its job. */
async function stillServes() {
  const channel = `alive-${probe++}`;
  const s = new SseReader(S.base, `/api/channels/${channel}/sse`);
  await s.opened;
  const r = await request(S.base, `/api/channels/${channel}/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{"data":"ok"}',
    localAddress: `127.0.7.${(probe % 250) + 1}`,
  });
  assert.equal(r.status, 201, r.text);
  await waitFor(() => s.messages().length === 1, 3000, 'delivery after the attack');
  s.close();
}
afterEach(stillServes);

/** Writes raw bytes and collects the answer until the server closes or waitMs passes. */
function raw(data: string | Buffer, waitMs = 2000): Promise<{ text: string; closed: boolean }> {
  return new Promise((resolve) => {
    const sock = net.connect(S.port, '127.0.0.1', () => sock.write(data));
    let text = '';
    let closed = false;
    const timer = setTimeout(() => {
      sock.destroy();
      resolve({ text, closed });
    }, waitMs);
    sock.on('data', (d) => (text += d.toString('latin1')));
    sock.on('error', () => {});
    sock.on('close', () => {
      closed = true;
      clearTimeout(timer);
      resolve({ text, closed });
    });
  });
}

const upgrade = (headers: Record<string, string>, method = 'GET', path = '/api/channels/adv/ws') =>
  `${method} ${path} HTTP/1.1\r\n` +
  Object.entries({
    Host: `127.0.0.1:${S.port}`,
    Upgrade: 'websocket',
    Connection: 'Upgrade',
    'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
    'Sec-WebSocket-Version': '13',
    ...headers,
  })
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('') +
  '\r\n';

describe('malformed names, cursors and bodies', () => {
  it('answers every malformed channel and cursor with a 400 JSON error', async () => {
    for (const path of [
      '/api/channels/-x/poll',
      '/api/channels/a%20b/poll',
      `/api/channels/${'a'.repeat(65)}/poll`,
      '/api/channels/%E0%A4%A/poll',
      '/api/channels/%00/sse',
    ]) {
      const r = await request(S.base, path);
      assert.equal(r.status, 400, `${path}: ${r.text}`);
      assert.equal(r.json.error.code, 'invalid_channel');
    }
    for (const q of ['1e3', '+1', '%201', '0x10', '1.5', '-1', '99999999999999999999']) {
      const r = await request(S.base, `/api/channels/ok/poll?after=${q}`);
      assert.equal(r.status, 400, q);
      assert.equal(r.json.error.code, 'invalid_cursor');
    }
  });

  it('error bodies never carry a stack trace', async () => {
    const r = await request(S.base, '/api/channels/ok/events', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"data": nope',
    });
    assert.equal(r.status, 400);
    assert.doesNotMatch(r.text, /at \w+ \(|\.ts:\d+|node:internal/);
  });

  it('refuses a declared Content-Length over the limit without waiting for the body', async () => {
    const { text } = await raw(
      `POST /api/channels/ok/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 10000000\r\n\r\n{"data":`,
      2000,
    );
    assert.match(text, /^HTTP\/1\.1 413 /);
    assert.match(text, /"payload_too_large"/);
  });

  it('treats JSON of the wrong shape as a 400, never a 500', async () => {
    for (const body of ['[]', '"text"', 'null', '42', '{"data":1,"data":2', '\u0000']) {
      const r = await request(S.base, '/api/channels/ok/events', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        localAddress: '127.0.6.1',
      });
      assert.ok(r.status === 400 || r.status === 429, `${JSON.stringify(body)} → ${r.status}`);
    }
  });
});

describe('deeply nested data (found by npm run fuzz)', () => {
  const deep = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;
  it('over HTTP: 400 invalid_body, never a 500, and 64 levels still publish', async () => {
    const r = await request(S.base, '/api/channels/deep/events', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `{"data":${deep(5000)}}`,
      localAddress: '127.0.6.2',
    });
    assert.equal(r.status, 400, r.text);
    assert.equal(r.json.error.code, 'invalid_body');
    const ok = await request(S.base, '/api/channels/deep/events', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `{"data":${deep(64)}}`,
      localAddress: '127.0.6.2',
    });
    assert.equal(ok.status, 201, ok.text);
  });

  it('over WebSocket: an error message, and the server lives on (it used to crash on the stack overflow)', async () => {
    const c = openWs(S.base, '/api/channels/deep/ws');
    await c.opened;
    c.send(`{"type":"publish","ref":"deep","data":${deep(5000)}}`);
    await waitFor(() => c.of('error').length === 1, 3000, 'the error message');
    assert.deepEqual([c.of('error')[0].code, c.of('error')[0].ref], ['invalid_body', 'deep']);
    c.ws.close();
  });
});

describe('hostile WebSocket handshakes', () => {
  it('a bad key, a bad version, a wrong method or a foreign Origin are refused before any 101', async () => {
    assert.match((await raw(upgrade({ 'Sec-WebSocket-Key': 'not-a-key' }))).text, /^HTTP\/1\.1 400 /);
    // ws speaks versions 13 and 8 (the last draft); anything else is refused.
    const version = (await raw(upgrade({ 'Sec-WebSocket-Version': '7' }))).text;
    assert.match(version, /^HTTP\/1\.1 400 /);
    assert.match((await raw(upgrade({}, 'POST'))).text, /^HTTP\/1\.1 405 /);
    assert.match(
      (await raw(upgrade({ Origin: 'https://evil.example' }))).text,
      /^HTTP\/1\.1 403 [\s\S]*origin_not_allowed/,
    );
  });

  it('thousands of headers (CVE-2024-37890) are refused and the server stays up', async () => {
    // More headers than Node's maxHeadersCount (2000): the extra ones, Sec-WebSocket-Key included, are dropped.
    const many: Record<string, string> = {};
    for (let i = 0; i < 2100; i++) many[`x-${i}`] = '1';
    const key = randomBytes(16).toString('base64');
    const text =
      `GET /api/channels/adv/ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      Object.keys(many)
        .map((k) => `${k}: 1\r\n`)
        .join('') +
      `Sec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`;
    const r = await raw(text);
    assert.match(r.text, /^HTTP\/1\.1 (400|431) /);
    // And headers past Node's 16 KiB limit get 431 from the parser.
    const huge = await raw(`GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    assert.match(huge.text, /^HTTP\/1\.1 431 /);
  });
});

describe('hostile WebSocket frames', () => {
  it('invalid UTF-8 in a text frame closes with 1007', async () => {
    const c = openWs(S.base, '/api/channels/adv/ws');
    await c.opened;
    c.ws.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false });
    assert.equal((await c.closed).code, 1007);
  });

  it('a ping flood gets the flooder terminated, while a polite pinger gets every pong', async () => {
    const flooder = openWs(S.base, '/api/channels/adv-ping/ws');
    const polite = openWs(S.base, '/api/channels/adv-ping/ws');
    await Promise.all([flooder.opened, polite.opened]);
    for (let i = 0; i < 5000; i++) flooder.ws.ping();
    assert.equal((await flooder.closed).code, 1006, 'terminated without a close frame');
    let pongs = 0;
    polite.ws.on('pong', () => pongs++);
    for (let i = 0; i < 20; i++) {
      polite.ws.ping();
      await sleep(5);
    }
    await waitFor(() => pongs === 20, 3000, 'pongs');
    await S.running.store.append('adv-ping', 'after the flood');
    await waitFor(() => polite.seqs().length === 1);
    polite.ws.close();
  });
});

describe('slow and flooding clients', () => {
  it('a client that trickles its headers is cut off after HEADERS_TIMEOUT_MS', async () => {
    const t0 = Date.now();
    const result = await new Promise<{ text: string; ms: number }>((resolve) => {
      const sock = net.connect(S.port, '127.0.0.1');
      let text = '';
      let i = 0;
      const trickle = setInterval(
        () => sock.writable && sock.write(i++ === 0 ? 'GET /api/health HTTP/1.1\r\n' : `X-${i}: ${i}\r\n`),
        200,
      );
      sock.on('data', (d) => (text += d));
      sock.on('error', () => {});
      sock.on('close', () => {
        clearInterval(trickle);
        resolve({ text, ms: Date.now() - t0 });
      });
    });
    assert.match(result.text, /^HTTP\/1\.1 408 |^$/, 'a 408 or a plain close');
    assert.ok(result.ms < 6000, `cut after ${result.ms} ms`);
  });

  it('hundreds of trickling clients at once: health still answers within a second', async () => {
    const socks: net.Socket[] = [];
    for (let i = 0; i < 300; i++) {
      const sock = net.connect({ port: S.port, host: '127.0.0.1', localAddress: `127.0.4.${(i % 250) + 1}` });
      sock.on('error', () => {});
      sock.on('connect', () => sock.write('GET /api/health HTTP/1.1\r\nHost: x\r\n'));
      socks.push(sock);
    }
    await sleep(300);
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await request(S.base, '/api/health');
      assert.equal(r.status, 200);
      times.push(r.ms);
      await sleep(100);
    }
    for (const s of socks) s.destroy();
    assert.ok(Math.max(...times) < 1000, `health took ${times.map((t) => t.toFixed(0)).join(', ')} ms`);
  });

  it('a publish flood gets 429 with Retry-After, and X-Forwarded-For does not bypass it', async () => {
    let limited = 0;
    let retryAfter = '';
    for (let i = 0; i < 30; i++) {
      const r = await request(S.base, '/api/channels/flood/events', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `203.0.113.${i}` },
        body: '{"data":1}',
        localAddress: '127.0.6.9',
      });
      if (r.status === 429) {
        limited++;
        retryAfter = String(r.headers['retry-after']);
        assert.equal(r.json.error.code, 'rate_limited');
      }
    }
    assert.ok(limited >= 15, `${limited} of 30 were limited`);
    assert.match(retryAfter, /^[1-9]\d*$/);
  });

  it('WebSocket publishes share the same per-IP rate limit and say when to retry', async () => {
    const c = openWs(S.base, '/api/channels/flood-ws/ws', { localAddress: '127.0.6.10' });
    await c.opened;
    for (let i = 0; i < 30; i++) c.send({ type: 'publish', data: i, ref: i });
    await waitFor(() => c.of('ack').length + c.of('error').length === 30);
    const errors = c.of('error');
    assert.ok(errors.length >= 15);
    assert.ok(errors.every((e) => e.code === 'rate_limited' && e.retryAfter >= 1));
    assert.ok(c.ws.readyState === c.ws.OPEN, 'the socket stays open');
    c.ws.close();
  });
});
