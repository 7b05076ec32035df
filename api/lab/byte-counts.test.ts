// The server's byte counting per technique, against responses and frames whose every byte is known:
// what the race reports as headers, framing and payload per delivered event comes from here.
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { Duplex } from 'node:stream';
import { afterEach, describe, it } from 'node:test';
import type { TechniqueId } from '../../protocol/techniques.ts';
import type { Lab } from './lab.ts';
import { LabRegistry } from './registry.ts';
import { tapHttpExchange, tapUpgrade } from './tap.ts';

const registries: LabRegistry[] = [];
afterEach(() => {
  for (const r of registries.splice(0)) r.close();
});

function newLab(): Lab {
  const registry = new LabRegistry({
    maxLabs: 5,
    idleMs: 60_000,
    captureBytes: 65_536,
    maxEntries: 500,
    maxConnections: 50,
  });
  registries.push(registry);
  return registry.open('0123456789abcdef0123456789abcdef');
}

/** A TCP connection stand-in: what the server writes is swallowed, what the browser sends is emitted. */
const connection = () => new Duplex({ read() {}, write: (_chunk, _encoding, done) => done() });

/** A request as Node parsed it, from the exact head a browser sent. */
function parsedRequest(socket: Duplex, head: string): IncomingMessage {
  const [requestLine, ...lines] = head.slice(0, -4).split('\r\n');
  const [method, url, version] = requestLine!.split(' ');
  const req = new IncomingMessage(socket as Socket);
  req.method = method!;
  req.url = url!;
  req.httpVersion = version!.slice('HTTP/'.length);
  req.rawHeaders = lines.flatMap((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 2)]);
  return req;
}

/** One HTTP exchange through the tap: the request, then the server's bytes as written, then the end. */
function exchange(
  lab: Lab,
  technique: TechniqueId,
  socket: Duplex,
  requestHead: string,
  writes: (string | Buffer)[],
): void {
  const res = new EventEmitter() as ServerResponse;
  assert.ok(tapHttpExchange(lab, technique, parsedRequest(socket, requestHead), res));
  for (const bytes of writes) socket.write(bytes);
  res.emit('finish');
}

const bytes = (text: string) => Buffer.byteLength(text, 'latin1');

const POLL_REQUEST =
  'GET /api/channels/lab-x/poll?after=3&lab=x HTTP/1.1\r\nHost: 127.0.0.1:4321\r\nAccept: */*\r\n\r\n';
const POLL_HEAD = 'HTTP/1.1 200 OK\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: 40\r\n\r\n';
const POLL_BODY = '{"epoch":"e1","events":[],"cursor":3333}';

describe('byte counts per technique, exact', () => {
  it('a poll answered with Content-Length: request head up; response head and body down; no framing', () => {
    assert.equal(POLL_BODY.length, 40);
    const lab = newLab();
    exchange(lab, 'poll', connection(), POLL_REQUEST, [POLL_HEAD, POLL_BODY]);
    assert.deepEqual(lab.stats().byTechnique.poll, {
      requests: 1,
      connections: 1,
      up: { header: bytes(POLL_REQUEST), framing: 0, payload: 0 },
      down: { header: bytes(POLL_HEAD), framing: 0, payload: 40 },
    });
    // Counted by hand: 53 + 22 + 13 + 2 and 17 + 47 + 20 + 2.
    assert.equal(bytes(POLL_REQUEST), 90);
    assert.equal(bytes(POLL_HEAD), 86);
  });

  it("a keep-alive connection shared by a poll and then a long-poll: each request's bytes go to its own technique", () => {
    const lab = newLab();
    const socket = connection();
    exchange(lab, 'poll', socket, POLL_REQUEST, [POLL_HEAD, POLL_BODY]);
    const longPollRequest = POLL_REQUEST.replace('/poll?', '/long-poll?');
    const event = '{"seq":4,"time":1,"data":"hi"}';
    const body = `{"epoch":"e1","events":[${event}],"cursor":4}`;
    const head = `HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\n\r\n`;
    exchange(lab, 'long-poll', socket, longPollRequest, [head, body]);

    const { byTechnique, connections } = lab.stats();
    assert.deepEqual(
      connections.map((c) => c.requests),
      [2],
      'one TCP connection carried both requests',
    );
    assert.deepEqual(byTechnique.poll, {
      requests: 1,
      connections: 1,
      up: { header: 90, framing: 0, payload: 0 },
      down: { header: 86, framing: 0, payload: 40 },
    });
    assert.deepEqual(byTechnique['long-poll'], {
      requests: 1,
      connections: 1,
      up: { header: 95, framing: 0, payload: 0 },
      down: { header: bytes(head), framing: 0, payload: bytes(body) },
    });
  });

  it("an SSE stream in chunked coding: each chunk's size line and CRLF are framing (RFC 9112 §7.1)", () => {
    const lab = newLab();
    const request = 'GET /api/channels/lab-x/sse?lab=x HTTP/1.1\r\nHost: h\r\nAccept: text/event-stream\r\n\r\n';
    const head =
      'HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\nTransfer-Encoding: chunked\r\n\r\n';
    const retry = 'retry: 2000\n\n';
    const event = 'id: e1:4\ndata: {"seq":4,"time":1,"data":"hi"}\n\n';
    assert.equal(event.length, 0x2f);
    // Node writes the size line, the data and the CRLF as separate writes: the counts must not care.
    exchange(lab, 'sse', connection(), request, [head, 'd\r\n', retry, '\r\n', `2f\r\n${event}\r\n`, '0\r\n\r\n']);
    assert.deepEqual(lab.stats().byTechnique.sse, {
      requests: 1,
      connections: 1,
      up: { header: bytes(request), framing: 0, payload: 0 },
      // "d\r\n" + "\r\n", "2f\r\n" + "\r\n", and the last-chunk "0\r\n\r\n"
      down: { header: bytes(head), framing: 5 + 6 + 5, payload: retry.length + event.length },
    });
  });

  it('a WebSocket: the handshake as header; 2-byte server frame headers, 6-byte masked client headers (RFC 6455 §5.2)', () => {
    const lab = newLab();
    const socket = connection();
    const request =
      'GET /api/channels/lab-x/ws?lab=x HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n';
    assert.ok(tapUpgrade(lab, parsedRequest(socket, request), socket));
    const head =
      'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n';
    // The server's 101 and an unmasked "Hello" (RFC 6455 §5.7) in one write, then a 126-byte text frame
    // whose length needs the 16-bit extension (4 header bytes).
    socket.write(Buffer.concat([Buffer.from(head, 'latin1'), Buffer.from('810548656c6c6f', 'hex')]));
    socket.write(Buffer.concat([Buffer.from([0x81, 126, 0, 126]), Buffer.alloc(126, 0x61)]));
    // The browser's masked "Hello" (§5.7), then a masked empty pong: 6 header bytes each.
    socket.emit('data', Buffer.from('818537fa213d7f9f4d5158', 'hex'));
    socket.emit('data', Buffer.from('8a8011223344', 'hex'));
    assert.deepEqual(lab.stats().byTechnique.websocket, {
      requests: 1,
      connections: 1,
      up: { header: bytes(request), framing: 12, payload: 5 },
      down: { header: bytes(head), framing: 2 + 4, payload: 5 + 126 },
    });
    assert.equal(bytes(head), 129);
  });

  it('counts stay with the technique when the lab forgets old connections past its limit', () => {
    const registry = new LabRegistry({
      maxLabs: 1,
      idleMs: 60_000,
      captureBytes: 65_536,
      maxEntries: 500,
      maxConnections: 2,
    });
    registries.push(registry);
    const lab = registry.open('0123456789abcdef0123456789abcdef');
    for (let i = 0; i < 5; i++) exchange(lab, 'poll', connection(), POLL_REQUEST, [POLL_HEAD, POLL_BODY]);
    const { connections, byTechnique } = lab.stats();
    assert.equal(connections.length, 2, 'per-connection counters are bounded');
    assert.deepEqual(byTechnique.poll, {
      requests: 5,
      connections: 5,
      up: { header: 5 * 90, framing: 0, payload: 0 },
      down: { header: 5 * 86, framing: 0, payload: 5 * 40 },
    });
  });
});
