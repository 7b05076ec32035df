// WebSocket against a real server: history, publish/ack, resume, errors, sizes, Origin, close codes.
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { openWs, publish, request, sleep, waitFor } from '../helpers/clients.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let S: TestServer;
before(async () => {
  S = await startTestServer({ ALLOWED_ORIGINS: ['http://allowed.example'] });
});
after(() => S.close());

describe('WebSocket transport', () => {
  it('replays history after ?after=, then live events, as {"type":"event"} frames', async () => {
    const a = (await publish(S.base, 'ws-hist', { i: 1 })).json;
    await publish(S.base, 'ws-hist', { i: 2 });
    const c = openWs(S.base, '/api/channels/ws-hist/ws?after=0');
    await c.opened;
    await waitFor(() => c.seqs().length === 2);
    await publish(S.base, 'ws-hist', { i: 3 });
    await waitFor(() => c.seqs().length === 3);
    assert.deepEqual(c.msgs[0], { type: 'event', seq: 1, time: a.time, data: { i: 1 } });
    assert.deepEqual(c.seqs(), [1, 2, 3]);
    c.ws.close();
  });

  it('publishes with an ack carrying the new seq and the ref; other clients get the event', async () => {
    const pub = openWs(S.base, '/api/channels/ws-pub/ws');
    const sub = openWs(S.base, '/api/channels/ws-pub/ws');
    await Promise.all([pub.opened, sub.opened]);
    pub.send({ type: 'publish', data: { hello: 'ws' }, ref: 'r1' });
    pub.send({ type: 'publish', data: 2 });
    await waitFor(() => pub.of('ack').length === 2 && sub.seqs().length === 2);
    assert.deepEqual(pub.of('ack'), [
      { type: 'ack', seq: 1, ref: 'r1' },
      { type: 'ack', seq: 2 },
    ]);
    assert.deepEqual(
      sub.of('event').map((m) => m.data),
      [{ hello: 'ws' }, 2],
    );
    const poll = await request(S.base, '/api/channels/ws-pub/poll?after=0');
    assert.deepEqual(
      poll.json.events.map((e: any) => e.data),
      [{ hello: 'ws' }, 2],
      'the same log as HTTP',
    );
    pub.ws.close();
    sub.ws.close();
  });

  it('resume replays from a cursor; another epoch gives a reset first', async () => {
    for (let i = 1; i <= 4; i++) await publish(S.base, 'ws-resume', i);
    const c = openWs(S.base, '/api/channels/ws-resume/ws');
    await c.opened;
    c.send({ type: 'resume', after: 2 });
    await waitFor(() => c.seqs().length === 2);
    assert.deepEqual(c.seqs(), [3, 4]);
    c.send({ type: 'resume', after: 3, epoch: 'some-other-epoch' });
    await waitFor(() => c.msgs.length >= 7);
    assert.equal(c.msgs[2].type, 'reset');
    assert.equal(typeof c.msgs[2].epoch, 'string');
    assert.deepEqual(
      c.msgs.slice(3).map((m) => m.seq),
      [1, 2, 3, 4],
    );
    c.ws.close();
  });

  it('says which epoch the events belong to ({"type":"hello"}), so a resume after a lost history is a reset', async () => {
    for (let i = 1; i <= 3; i++) await publish(S.base, 'ws-epoch', i);
    const first = openWs(S.base, '/api/channels/ws-epoch/ws?after=0');
    await first.opened;
    await waitFor(() => first.seqs().length === 3);
    const hello = first.other.find((m) => m.type === 'hello');
    assert.deepEqual(hello, { type: 'hello', epoch: hello.epoch, head: 3 });
    first.ws.close();
    // The history is lost (a restart of an in-memory server) and grows again past the old cursor.
    await S.running.store.reset('ws-epoch');
    for (let i = 1; i <= 5; i++) await publish(S.base, 'ws-epoch', `new ${i}`);
    const again = openWs(S.base, `/api/channels/ws-epoch/ws?after=3&epoch=${hello.epoch}`);
    await again.opened;
    await waitFor(() => again.seqs().length === 5);
    assert.equal(
      again.msgs[0].type,
      'reset',
      'the old epoch is recognised even though seq 3 exists in the new history',
    );
    assert.deepEqual(
      again.of('event').map((m) => m.data),
      ['new 1', 'new 2', 'new 3', 'new 4', 'new 5'],
    );
    again.ws.close();
  });

  it('answers bad frames with an error message and stays open', async () => {
    const c = openWs(S.base, '/api/channels/ws-bad/ws');
    await c.opened;
    c.send('{not json');
    c.send({ type: 'dance' });
    c.send({ type: 'publish' });
    c.send({ type: 'resume', after: -1 });
    // A JSON cursor is a number: the digits of a query string in quotes are not one.
    c.send({ type: 'resume', after: '3' });
    c.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    c.send({ type: 'publish', data: 'x'.repeat(5000), ref: 'big' });
    await waitFor(() => c.of('error').length === 7);
    assert.deepEqual(
      c.of('error').map((m) => m.code),
      [
        'invalid_json',
        'unknown_message',
        'invalid_body',
        'invalid_cursor',
        'invalid_cursor',
        'unknown_message',
        'payload_too_large',
      ],
    );
    assert.ok(c.of('error').every((m) => typeof m.message === 'string' && m.message.length > 0));
    assert.equal(c.of('error')[6].ref, 'big');
    c.send({ type: 'publish', data: 'still works', ref: 'ok' });
    await waitFor(() => c.of('ack').length === 1);
    assert.equal(c.of('ack')[0].ref, 'ok');
    c.ws.close();
  });

  it('refuses publishing to the ticker', async () => {
    const c = openWs(S.base, '/api/channels/ticker/ws');
    await c.opened;
    c.send({ type: 'publish', data: 1 });
    await waitFor(() => c.of('error').length === 1);
    assert.equal(c.of('error')[0].code, 'read_only_channel');
    c.ws.close();
  });

  it('accepts a message of exactly 16384 bytes and closes with 1009 past it', async () => {
    const c = openWs(S.base, '/api/channels/ws-size/ws');
    await c.opened;
    const exact = JSON.stringify({ type: 'noop', pad: '' });
    c.send(JSON.stringify({ type: 'noop', pad: 'p'.repeat(16384 - exact.length) }));
    await waitFor(() => c.of('error').length === 1);
    assert.equal(c.of('error')[0].code, 'unknown_message', 'the 16384-byte message was read and answered');
    c.ws.send('x'.repeat(16385));
    const closed = await c.closed;
    assert.equal(closed.code, 1009);
  });

  it('closes with 1009 for a fragmented message that grows past the limit, counted as message_too_large', async () => {
    const tooLarge = async () =>
      Number(
        /realtime_rejections_total\{reason="message_too_large"\} (\d+)/.exec(
          (await request(S.base, '/metrics')).text,
        )![1],
      );
    const before = await tooLarge();
    const c = openWs(S.base, '/api/channels/ws-frag/ws');
    await c.opened;
    c.ws.send('a'.repeat(10_000), { fin: false });
    c.ws.send('b'.repeat(10_000), { fin: true });
    assert.equal((await c.closed).code, 1009);
    assert.equal(await tooLarge(), before + 1);
  });

  it('after a 1009 the server reads on until the peer closes; a peer that never closes is cut by itself', async () => {
    const held = S.running.deps.connections.count('websocket');
    // allowHalfOpen: the server ends its side after its close frame; this peer goes on writing.
    const sock = net.connect({ port: S.port, host: '127.0.0.1', allowHalfOpen: true });
    let failed: Error | undefined;
    sock.on('error', (e) => (failed = e));
    await new Promise((ok) => sock.once('connect', ok));
    const key = Buffer.from('0123456789abcdef').toString('base64');
    sock.write(
      `GET /api/channels/ws-linger/ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
    );
    let received = Buffer.alloc(0);
    sock.on('data', (d: Buffer) => (received = Buffer.concat([received, d])));
    const frame = (opcode: number, fin: boolean, payload: Buffer) => {
      const head = Buffer.from([(fin ? 0x80 : 0) | opcode, 0x80 | 126, payload.length >> 8, payload.length & 0xff]);
      return Buffer.concat([head, Buffer.alloc(4), payload]); // mask of zeros: the payload as is
    };
    // 20 000 bytes in two fragments: past the 16384 limit with the second one.
    sock.write(frame(0x1, false, Buffer.alloc(10_000, 0x61)));
    sock.write(frame(0x0, false, Buffer.alloc(10_000, 0x61)));
    const closeFrame = Buffer.from([0x88, 0x02, 0x03, 0xf1]); // close 1009
    await waitFor(() => received.includes(closeFrame), 3000, 'the 1009 close frame');
    // More fragments after the close are read and thrown away, not answered with a reset.
    for (let i = 0; i < 5; i++) {
      sock.write(frame(0x0, false, Buffer.alloc(10_000, 0x62)));
      await sleep(20);
    }
    await sleep(50);
    assert.equal(failed, undefined, 'no reset: the server still reads after its close frame');
    // This peer never sends its own close frame: the server lets go of the connection by itself.
    await waitFor(() => S.running.deps.connections.count('websocket') === held, 15_000, 'the server to cut the peer');
    sock.destroy();
  });

  it('checks Origin before the upgrade: same origin, listed origins and no Origin pass; others get 403', async () => {
    const same = openWs(S.base, '/api/channels/ws-o/ws', { origin: S.base });
    const listed = openWs(S.base, '/api/channels/ws-o/ws', { origin: 'http://allowed.example' });
    const none = openWs(S.base, '/api/channels/ws-o/ws');
    await Promise.all([same.opened, listed.opened, none.opened]);
    // Another port, and the same host and port under https: on a plain-http server that is another origin.
    for (const origin of [
      'http://evil.example',
      'null',
      S.base.replace(/:\d+$/, ':1'),
      S.base.replace('http:', 'https:'),
    ]) {
      const bad = openWs(S.base, '/api/channels/ws-o/ws', { origin });
      await assert.rejects(bad.opened);
      assert.equal(bad.status, 403, origin);
    }
    for (const c of [same, listed, none]) c.ws.close();
  });

  it('refuses an invalid channel or cursor with 400 before the upgrade, and a plain GET with 426', async () => {
    const badChannel = openWs(S.base, '/api/channels/Nope/ws');
    await assert.rejects(badChannel.opened);
    assert.equal(badChannel.status, 400);
    const badCursor = openWs(S.base, '/api/channels/ok/ws?after=1.5');
    await assert.rejects(badCursor.opened);
    assert.equal(badCursor.status, 400);
    const plain = await request(S.base, '/api/channels/ok/ws');
    assert.equal(plain.status, 426);
    assert.equal(plain.json.error.code, 'upgrade_required');
  });

  it('a handshake with a bad Sec-WebSocket-Key gets 400 from ws, and the server keeps serving', async () => {
    const reply = await new Promise<string>((resolve) => {
      const sock = net.connect(S.port, '127.0.0.1', () => {
        sock.write(
          'GET /api/channels/ok/ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: short\r\nSec-WebSocket-Version: 13\r\n\r\n',
        );
      });
      let buf = '';
      sock.on('data', (d) => (buf += d));
      sock.on('close', () => resolve(buf));
    });
    assert.match(reply, /^HTTP\/1\.1 400/);
    assert.equal((await request(S.base, '/api/health')).status, 200);
  });

  it('frees the subscription when the client disappears', async () => {
    const before = S.running.store.subscriberCount();
    const c = openWs(S.base, '/api/channels/ws-gone/ws');
    await c.opened;
    await waitFor(() => S.running.store.subscriberCount() === before + 1);
    c.ws.terminate();
    await waitFor(() => S.running.store.subscriberCount() === before, 2000);
    await sleep(10);
  });
});
