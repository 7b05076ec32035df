// curl (Debian's) against a real server, as the lessons and the API reference use it: publish, poll,
// long-poll held and woken, SSE read with -N and resumed with Last-Event-ID, gap, reset, the JSON
// refusals, the WebSocket handshake's Origin check, and all of it again with --http2, whose
// `Upgrade: h2c` the server answers as plain HTTP/1.1 (it used to be a 404 with an empty body).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { ensureTools, execText, INTEROP_CONFIG } from '../helpers/interop.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let S: TestServer;
before(async () => {
  ensureTools('curl');
  S = await startTestServer(INTEROP_CONFIG);
});
after(() => S?.close());

interface Answer {
  status: number;
  version: string;
  headers: Record<string, string>;
  body: string;
  json: any;
}

/** curl -i, parsed: the status line, the headers, the body. */
async function curl(args: string[], timeoutS = 10): Promise<Answer> {
  return parse(
    await execText('curl', ['-s', '-S', '-i', '--max-time', String(timeoutS), ...args], (timeoutS + 5) * 1000),
  );
}

function parse(out: string): Answer {
  const split = out.indexOf('\r\n\r\n');
  const head = out.slice(0, split);
  const body = out.slice(split + 4);
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines)
    headers[line.slice(0, line.indexOf(':')).toLowerCase()] = line.slice(line.indexOf(':') + 1).trim();
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    json = undefined;
  }
  return { status: Number(statusLine.split(' ')[1]), version: statusLine.split(' ')[0]!, headers, body, json };
}

/** What curl -N prints in `seconds`: it ends at --max-time (exit code 28) and its output is the stream. */
function stream(args: string[], seconds: number): Promise<string> {
  return new Promise((resolve) =>
    execFile('curl', ['-s', '-N', '--max-time', String(seconds), ...args], (_err, out) => resolve(out)),
  );
}

const events = (text: string) =>
  text
    .split('\n\n')
    .filter((f) => /^data: /m.test(f))
    .map((f) => ({
      event: /^event: (.*)$/m.exec(f)?.[1] ?? 'message',
      id: /^id: (.*)$/m.exec(f)?.[1],
      data: JSON.parse(/^data: (.*)$/m.exec(f)![1]!),
    }));

for (const http2 of [false, true]) {
  const v = http2 ? ['--http2'] : [];
  const ch = http2 ? 'curl-h2c' : 'curl-h1';
  describe(`curl${http2 ? ' --http2 (Upgrade: h2c)' : ''}`, () => {
    let epoch = '';
    it('publishes and polls: 201 and 200 JSON, over HTTP/1.1', async () => {
      for (let i = 1; i <= 3; i++) {
        const r = await curl([
          ...v,
          '-X',
          'POST',
          '-H',
          'content-type: application/json',
          '-d',
          `{"data":${i}}`,
          `${S.base}/api/channels/${ch}/events`,
        ]);
        assert.equal(r.status, 201, r.body);
        assert.equal(r.version, 'HTTP/1.1');
        epoch = r.json.epoch;
      }
      const p = await curl([...v, `${S.base}/api/channels/${ch}/poll?after=0`]);
      assert.equal(p.status, 200);
      assert.equal(p.headers['content-type'], 'application/json');
      assert.deepEqual(
        p.json.events.map((e: { seq: number }) => e.seq),
        [1, 2, 3],
      );
      const health = await curl([...v, `${S.base}/api/health`]);
      assert.equal(health.json.status, 'ok');
      const page = await curl([...v, `${S.base}/`]);
      assert.equal(page.status, 200);
    });

    it('long-poll: held, then woken by a publish', async () => {
      const held = curl([...v, `${S.base}/api/channels/${ch}/long-poll?after=3&epoch=${epoch}&timeout=10000`]);
      await new Promise((r) => setTimeout(r, 300));
      await curl([
        ...v,
        '-X',
        'POST',
        '-H',
        'content-type: application/json',
        '-d',
        '{"data":4}',
        `${S.base}/api/channels/${ch}/events`,
      ]);
      const r = await held;
      assert.deepEqual(
        r.json.events.map((e: { seq: number }) => e.seq),
        [4],
      );
    });

    it('SSE with -N: the events from the cursor, then resumed with Last-Event-ID', async () => {
      const text = await stream([...v, `${S.base}/api/channels/${ch}/sse?after=0`], 1);
      assert.ok(text.startsWith(': connected\n\nretry: 500\n'), JSON.stringify(text.slice(0, 60)));
      const got = events(text);
      assert.deepEqual(
        got.map((e) => e.data.seq),
        [1, 2, 3, 4],
      );
      assert.equal(got[1]!.id, `${epoch}:2`);
      const resumed = events(
        await stream([...v, '-H', `Last-Event-ID: ${epoch}:2`, `${S.base}/api/channels/${ch}/sse`], 1),
      );
      assert.deepEqual(
        resumed.map((e) => e.data.seq),
        [3, 4],
      );
    });

    it('gap and reset, over poll and SSE', async () => {
      for (let i = 0; i < INTEROP_CONFIG.RETENTION + 5; i++)
        await curl([
          ...v,
          '-X',
          'POST',
          '-H',
          'content-type: application/json',
          '-d',
          `{"data":"f${i}"}`,
          `${S.base}/api/channels/${ch}/events`,
        ]);
      const head = 4 + INTEROP_CONFIG.RETENTION + 5;
      const oldest = head - INTEROP_CONFIG.RETENTION + 1;
      const gap = await curl([...v, `${S.base}/api/channels/${ch}/poll?after=4&epoch=${epoch}&limit=1000`]);
      assert.equal(gap.json.missed, oldest - 5);
      const reset = await curl([...v, `${S.base}/api/channels/${ch}/poll?after=2&epoch=another`]);
      assert.equal(reset.json.reset, true);
      const sse = events(
        await stream([...v, '-H', `Last-Event-ID: ${epoch}:4`, `${S.base}/api/channels/${ch}/sse`], 1),
      );
      assert.deepEqual(sse[0], { event: 'gap', id: `${epoch}:${oldest - 1}`, data: { missed: oldest - 5 } });
      const sseReset = events(
        await stream([...v, '-H', 'Last-Event-ID: another:1', `${S.base}/api/channels/${ch}/sse`], 1),
      );
      assert.deepEqual(sseReset[0], { event: 'reset', id: `${epoch}:${oldest - 1}`, data: { epoch } });
    });

    it('refusals are JSON with the documented status', async () => {
      const cases: [string[], number, string][] = [
        [[`${S.base}/api/channels/${ch}/poll?after=-1`], 400, 'invalid_cursor'],
        [[`${S.base}/api/channels/${ch}/poll?limit=5000`], 400, 'invalid_limit'],
        [[`${S.base}/api/channels/UPPER/poll`], 400, 'invalid_channel'],
        [[`${S.base}/api/channels/${ch}/events`], 405, 'method_not_allowed'],
        [['-X', 'POST', '-d', 'data=1', `${S.base}/api/channels/${ch}/events`], 415, 'unsupported_media_type'],
        [[`${S.base}/api/channels/${ch}/ws`], 426, 'upgrade_required'],
        [[`${S.base}/api/nothing-here`], 404, 'not_found'],
      ];
      for (const [args, status, code] of cases) {
        const r = await curl([...v, ...args]);
        assert.equal(r.status, status, `${args.join(' ')}: ${r.body}`);
        assert.equal(r.headers['content-type'], 'application/json', args.join(' '));
        assert.equal(r.json.error.code, code, args.join(' '));
      }
    });
  });
}

describe('curl and the WebSocket handshake (the lesson plays the attacker with it)', () => {
  const handshake = (origin: string) => [
    '-H',
    'Connection: Upgrade',
    '-H',
    'Upgrade: websocket',
    '-H',
    'Sec-WebSocket-Version: 13',
    '-H',
    'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
    '-H',
    `Origin: ${origin}`,
    `${S.base}/api/channels/curl-ws/ws`,
  ];
  it('a foreign Origin, and https:// on this plain-http server, get 403 origin_not_allowed as JSON', async () => {
    for (const origin of ['https://evil.example', S.base.replace('http:', 'https:')]) {
      const r = await curl(handshake(origin));
      assert.equal(r.status, 403, origin);
      assert.equal(r.headers['content-type'], 'application/json');
      assert.equal(r.json.error.code, 'origin_not_allowed');
    }
  });
  it('the same origin gets 101 with the RFC 6455 §1.3 accept value', async () => {
    const out = await stream(['-i', ...handshake(S.base)], 1);
    assert.match(out, /^HTTP\/1\.1 101 Switching Protocols\r\n/);
    assert.match(out, /\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK\+xOo=\r\n/i);
  });
});
