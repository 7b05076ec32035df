// Every socket counts against its client IP, not only held streams (MAX_SOCKETS_PER_IP), and a socket
// whose client does not take the bytes waiting for it is cut (SEND_STALL_MS), while a quiet stream,
// with nothing waiting, lives on. The same with slowhttptest itself: tests/interop/slowhttptest.test.ts.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { openWs, request, SseReader, sleep, waitFor } from '../helpers/clients.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const MAX = 20;
const STALL_MS = 1000;
let S: TestServer;
before(async () => {
  S = await startTestServer({
    MAX_SOCKETS_PER_IP: MAX,
    MAX_CONNECTIONS_PER_IP: 10,
    SEND_STALL_MS: STALL_MS,
    SSE_HEARTBEAT_MS: 15_000,
    WS_PING_MS: 600_000,
  });
});
after(() => S.close());

const rejections = async (reason: string) =>
  Number(
    new RegExp(`realtime_rejections_total\\{reason="${reason}"\\} (\\d+)`).exec(
      (await request(S.base, '/metrics', { localAddress: '127.0.0.9' })).text,
    )![1],
  );

/** A raw socket from `localAddress`, with what it received and whether it closed. */
async function rawSocket(localAddress: string) {
  const sock = net.connect({ port: S.port, host: '127.0.0.1', localAddress });
  sock.on('error', () => {});
  let text = '';
  let closed = false;
  sock.on('data', (d) => (text += d.toString('latin1')));
  sock.on('close', () => (closed = true));
  await once(sock, 'connect');
  return { sock, text: () => text, closed: () => closed };
}

describe('MAX_SOCKETS_PER_IP: every socket, whatever it carries', () => {
  it('idle sockets, trickled bodies and streams from one address count together; past the limit a 429', async () => {
    const ip = '127.0.5.1';
    const held: Awaited<ReturnType<typeof rawSocket>>[] = [];
    // Sockets that have sent nothing yet, and sockets trickling a JSON body: neither is a held stream.
    for (let i = 0; i < MAX - 2; i++) {
      const s = await rawSocket(ip);
      if (i % 2)
        s.sock.write(
          'POST /api/channels/sockets/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"data":',
        );
      held.push(s);
    }
    const sse = new SseReader(S.base, '/api/channels/sockets/sse', {});
    await sse.opened; // from 127.0.0.1: another address
    await waitFor(() => S.running.sockets.count(ip) === MAX - 2, 3000, 'the sockets to be counted');
    held.push(await rawSocket(ip), await rawSocket(ip));
    await waitFor(() => S.running.sockets.count(ip) === MAX, 3000, 'the limit reached');

    const before = await rejections('too_many_connections');
    const over = await rawSocket(ip);
    over.sock.write('GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n');
    await waitFor(over.closed, 5000, 'the refused socket to be closed');
    assert.match(over.text(), /^HTTP\/1\.1 429 /);
    assert.match(over.text(), /\r\nRetry-After: 5\r\n/);
    assert.match(over.text(), /\r\nContent-Type: application\/json\r\n/);
    const body = JSON.parse(over.text().slice(over.text().indexOf('\r\n\r\n') + 4));
    assert.equal(body.error.code, 'too_many_connections');
    assert.match(body.error.message, /MAX_SOCKETS_PER_IP/);
    assert.ok(over.text().indexOf('HTTP/1.1', 1) < 0, 'the request it sent was not answered as well');
    assert.equal(await rejections('too_many_connections'), before + 1);

    // Another address is not affected, and a freed socket makes room again.
    assert.equal((await request(S.base, '/api/health', { localAddress: '127.0.5.2' })).status, 200);
    held.pop()!.sock.destroy();
    await waitFor(() => S.running.sockets.count(ip) === MAX - 1, 3000, 'the freed socket');
    assert.equal((await request(S.base, '/api/health', { localAddress: ip })).status, 200);
    for (const s of held) s.sock.destroy();
    sse.close();
    await waitFor(() => S.running.sockets.count(ip) === 0, 3000, 'every socket let go');
  });
});

describe('SEND_STALL_MS: bytes waiting that the client does not take', () => {
  it('a client that asks for a page and reads nothing is cut; quiet streams with nothing waiting live on', async () => {
    const ip = '127.0.5.3';
    const sse = new SseReader(S.base, '/api/channels/quiet/sse', {});
    await sse.opened;
    const ws = openWs(S.base, '/api/channels/quiet/ws');
    await ws.opened;
    const before = await rejections('slow_consumer');

    // Pipelined requests for a large page, and then never a read: megabytes wait in the kernel and in
    // the server for a client that takes none of them.
    const reader = net.connect({ port: S.port, host: '127.0.0.1', localAddress: ip });
    reader.on('error', () => {});
    await once(reader, 'connect');
    reader.pause();
    const page = 'GET /lessons/websocket/ HTTP/1.1\r\nHost: x\r\n\r\n';
    reader.write(page.repeat(40));
    await waitFor(() => S.running.sockets.count(ip) === 1, 3000, 'the reader counted');
    // A paused socket notices nothing: the server's own count says when it let go.
    await waitFor(() => S.running.sockets.count(ip) === 0, 20 * STALL_MS, 'the stalled socket to be cut');
    assert.ok((await rejections('slow_consumer')) > before, 'counted as slow_consumer');
    let received = 0;
    reader.on('data', (d: Buffer) => (received += d.length));
    const closed = once(reader, 'close');
    reader.resume();
    await closed;
    assert.ok(received < 40 * 150_000, `it got a part of what it asked for, not all: ${received} bytes`);

    // The SSE stream and the WebSocket had nothing waiting all along: still open, still delivering.
    await sleep(2 * STALL_MS);
    assert.equal(sse.ended, false);
    await request(S.base, '/api/channels/quiet/events', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"data":"still here"}',
      localAddress: '127.0.5.4',
    });
    await waitFor(() => sse.messages().length === 1 && ws.seqs().length === 1, 3000, 'delivery on both');
    sse.close();
    ws.ws.close();
  });
});
