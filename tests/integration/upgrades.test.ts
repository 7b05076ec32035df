// What a request with an Upgrade header gets, and the one JSON media type. Clients nobody on this
// project wrote send `Upgrade: h2c` by default (curl --http2, the JDK's HttpClient): HTTP/1.1 lets a
// server ignore an upgrade it does not support, so those are plain requests; only a WebSocket
// handshake is taken as an upgrade, and one the server refuses gets the contract's JSON error.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { openWs, request } from '../helpers/clients.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let S: TestServer;
before(async () => {
  S = await startTestServer({});
});
after(() => S.close());

interface CurlAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * curl itself (Debian's), as a user would run it: the status line, the headers and the body it printed.
 * Asynchronous: the server runs in this process, so a synchronous spawn would keep it from answering.
 */
async function curl(args: string[]): Promise<CurlAnswer> {
  const stdout = await new Promise<string>((resolve, reject) =>
    execFile('curl', ['-s', '-S', '-i', '--max-time', '10', ...args], (err, out, stderr) =>
      err ? reject(new Error(`curl ${args.join(' ')} failed: ${stderr || err.message}`)) : resolve(out),
    ),
  );
  const [head = '', ...rest] = stdout.split('\r\n\r\n');
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const i = line.indexOf(':');
    headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
  }
  return { status: Number(statusLine.split(' ')[1]), headers, body: rest.join('\r\n\r\n') };
}

/** Writes one raw request and reads the whole answer (the server closes after a refused upgrade). */
function rawRequest(text: string): Promise<string> {
  return new Promise((resolve) => {
    const sock = net.connect(S.port, '127.0.0.1', () => sock.write(text));
    let out = '';
    const timer = setTimeout(() => sock.destroy(), 3000);
    sock.on('data', (d) => (out += d.toString('latin1')));
    sock.on('error', () => {});
    sock.on('close', () => {
      clearTimeout(timer);
      resolve(out);
    });
  });
}

const wsHandshake = (path: string, extra: Record<string, string> = {}) =>
  `GET ${path} HTTP/1.1\r\n${Object.entries({
    Host: `127.0.0.1:${S.port}`,
    Upgrade: 'websocket',
    Connection: 'Upgrade',
    'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
    'Sec-WebSocket-Version': '13',
    ...extra,
  })
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('')}\r\n`;

function parseRaw(text: string) {
  const [head = '', body = ''] = text.split('\r\n\r\n');
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers = Object.fromEntries(
    lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
  );
  return { status: Number(statusLine.split(' ')[1]), headers, body };
}

describe('Upgrade headers that are not a WebSocket handshake are plain HTTP/1.1', () => {
  it('curl --http2 (Upgrade: h2c) gets the API, a page and a poll as if it had sent no Upgrade', async () => {
    const health = await curl(['--http2', `${S.base}/api/health`]);
    assert.equal(health.status, 200, health.body);
    assert.equal(JSON.parse(health.body).status, 'ok');
    const page = await curl(['--http2', `${S.base}/`]);
    assert.equal(page.status, 200);
    assert.match(page.headers['content-type'] ?? '', /^text\/html/);
    const poll = await curl(['--http2', `${S.base}/api/channels/h2c/poll?after=0`]);
    assert.equal(poll.status, 200, poll.body);
    assert.deepEqual(JSON.parse(poll.body).events, []);
    const published = await curl([
      '--http2',
      '-X',
      'POST',
      '-H',
      'content-type: application/json',
      '-d',
      '{"data":"over h2c"}',
      `${S.base}/api/channels/h2c/events`,
    ]);
    assert.equal(published.status, 201, published.body);
  });

  it('curl --http2 on the WebSocket URL gets the JSON 426 a plain GET gets', async () => {
    const r = await curl(['--http2', `${S.base}/api/channels/h2c/ws`]);
    assert.equal(r.status, 426, r.body);
    assert.equal(r.headers['content-type'], 'application/json');
    assert.equal(JSON.parse(r.body).error.code, 'upgrade_required');
    assert.equal(r.headers.upgrade, 'websocket');
  });

  it('another protocol name (Upgrade: TLS/1.0, RFC 2817) is ignored the same way', async () => {
    const text = await rawRequest(
      `GET /api/health HTTP/1.1\r\nHost: x\r\nUpgrade: TLS/1.0\r\nConnection: Upgrade, close\r\n\r\n`,
    );
    const r = parseRaw(text);
    assert.equal(r.status, 200, text);
    assert.equal(JSON.parse(r.body).status, 'ok');
  });
});

describe('refused WebSocket handshakes answer the JSON error of the contract', () => {
  it('a WebSocket handshake on a path that is not a channel WebSocket: 404 not_found, JSON', async () => {
    for (const path of ['/api/health', '/api/nope', '/', '/api/channels/x/sse']) {
      const r = parseRaw(await rawRequest(wsHandshake(path)));
      assert.equal(r.status, 404, path);
      assert.equal(r.headers['content-type'], 'application/json', path);
      assert.equal(JSON.parse(r.body).error.code, 'not_found', path);
    }
  });

  it('a handshake ws itself would refuse (bad key, version 12, Upgrade: websocket, h2c) gets 400 invalid_handshake, JSON', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ 'Sec-WebSocket-Key': 'short' }, 'bad key'],
      [{ 'Sec-WebSocket-Version': '12' }, 'version 12'],
      [{ Upgrade: 'websocket, h2c' }, 'two protocols'],
    ];
    for (const [headers, what] of cases) {
      const r = parseRaw(await rawRequest(wsHandshake('/api/channels/ok/ws', headers)));
      assert.equal(r.status, 400, what);
      assert.equal(r.headers['content-type'], 'application/json', what);
      assert.equal(JSON.parse(r.body).error.code, 'invalid_handshake', what);
      if (what === 'version 12') assert.equal(r.headers['sec-websocket-version'], '13, 8');
    }
    const ok = openWs(S.base, '/api/channels/ok/ws');
    await ok.opened;
    ok.ws.close();
  });
});

describe('a client that resets the connection while it is refused', () => {
  it('does not take the server down (websocket-client resets on a 403)', async () => {
    for (let i = 0; i < 20; i++) {
      await new Promise<void>((resolve) => {
        const sock = net.connect(S.port, '127.0.0.1', () =>
          sock.write(wsHandshake('/api/channels/ok/ws', { Origin: 'http://evil.example' })),
        );
        sock.on('error', () => {});
        sock.once('data', () => {
          sock.resetAndDestroy();
          resolve();
        });
      });
    }
    await new Promise((r) => setTimeout(r, 100));
    assert.equal((await request(S.base, '/api/health')).status, 200);
  });
});

describe('one JSON media type: application/json', () => {
  it('poll answers, API errors and handshake refusals all say application/json, without a charset', async () => {
    const poll = await request(S.base, '/api/channels/ct/poll');
    assert.equal(poll.headers['content-type'], 'application/json');
    const error = await request(S.base, '/api/channels/ct/poll?after=x');
    assert.equal(error.headers['content-type'], 'application/json');
    const longPoll = await request(S.base, '/api/channels/ct/long-poll?timeout=0');
    assert.equal(longPoll.headers['content-type'], 'application/json');
    const refused = parseRaw(await rawRequest(wsHandshake('/api/channels/Bad/ws')));
    assert.equal(refused.status, 400);
    assert.equal(refused.headers['content-type'], 'application/json');
  });
});
