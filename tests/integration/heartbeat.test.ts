// Dead peers: a WebSocket client that never answers pings (a half-open connection looks exactly like
// this) is terminated after it misses one, and its subscription is freed.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { after, before, it } from 'node:test';
import { waitFor } from '../helpers/clients.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let S: TestServer;
before(async () => {
  S = await startTestServer({ WS_PING_MS: 200 });
});
after(() => S.close());

it('terminates a WebSocket peer that does not answer pings, within two intervals or so', async () => {
  const subs0 = S.running.store.subscriberCount();
  const sock = net.connect(S.port, '127.0.0.1');
  let received = Buffer.alloc(0);
  let closedAt = 0;
  sock.on('data', (d) => (received = Buffer.concat([received, d])));
  sock.on('close', () => (closedAt = Date.now()));
  await new Promise((r) => sock.once('connect', r));
  // A hand-made handshake, so that nothing answers the server's pings for us (ws and browsers do).
  sock.write(
    `GET /api/channels/hb/ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
  );
  await waitFor(() => received.includes('\r\n\r\n'));
  assert.match(received.toString('latin1'), /^HTTP\/1\.1 101 /);
  const t0 = Date.now();
  await waitFor(() => S.running.store.subscriberCount() === subs0 + 1);
  await waitFor(() => closedAt > 0, 3000, 'the server to drop the silent peer');
  const pings = [...received.subarray(received.indexOf('\r\n\r\n') + 4)].filter((b) => b === 0x89).length;
  assert.ok(pings >= 1, 'it was pinged first');
  assert.ok(closedAt - t0 < 1500, `dropped after ${closedAt - t0} ms`);
  await waitFor(() => S.running.store.subscriberCount() === subs0, 1000, 'the subscription to be freed');
});
