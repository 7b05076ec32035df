// The lab's wire capture against a real server, checked against the bytes a raw TCP client actually
// sent and received: heads, bodies, chunk framing, the WebSocket handshake and masked frames.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { request, sleep, waitFor } from '../helpers/clients.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let S: TestServer;
before(async () => {
  // A slow ticker: the exact-byte checks below want nothing on the lab channels but what they publish.
  S = await startTestServer({ TICK_MS: 3_600_000 });
});
after(() => S.close());

const newLab = () => randomBytes(16).toString('hex');

/** A raw TCP client: sends exactly `bytes`, keeps every byte received. */
async function rawConnection(bytes: string | Buffer) {
  const { port } = new URL(S.base);
  const socket = net.connect(Number(port), '127.0.0.1');
  await new Promise<void>((ok, fail) => socket.once('connect', ok).once('error', fail));
  let received = Buffer.alloc(0);
  let closed = false;
  socket.on('data', (chunk: Buffer) => (received = Buffer.concat([received, chunk])));
  socket.on('close', () => (closed = true));
  socket.write(bytes);
  return {
    socket,
    received: () => received,
    closed: () => closed,
    until: (pred: (text: string) => boolean, what: string) =>
      waitFor(() => pred(received.toString('latin1')), 5000, what),
  };
}

async function closedInCapture(lab: string) {
  for (let i = 0; i < 300; i++) {
    if ((await connections(lab)).connections[0]?.open === false) return;
    await sleep(10);
  }
  throw new Error('the capture never saw the connection close');
}

const wire = async (lab: string) => (await request(S.base, `/api/lab/${lab}/wire`)).json;
const connections = async (lab: string) => (await request(S.base, `/api/lab/${lab}/connections`)).json;

describe('lab capture: HTTP', () => {
  it('a poll: the request head as sent, the response head and body as received, counted exactly', async () => {
    const lab = newLab();
    const sent = `GET /api/channels/lab-${lab}/poll?after=0&lab=${lab} HTTP/1.1\r\nHost: lab.test\r\nUser-Agent: raw\r\nConnection: close\r\n\r\n`;
    const c = await rawConnection(sent);
    await waitFor(c.closed, 5000, 'the response (Connection: close)');
    const received = c.received().toString('latin1');
    const [head, body] = [
      received.slice(0, received.indexOf('\r\n\r\n') + 4),
      received.slice(received.indexOf('\r\n\r\n') + 4),
    ];

    const { entries } = await wire(lab);
    const kinds = entries.map((e: any) => `${e.dir ?? ''} ${e.kind}`);
    assert.deepEqual(kinds, ['up http-head', 'down http-head', 'down http-body', ' note']);
    assert.equal(entries[0].text, sent, 'the request head byte for byte');
    assert.equal(entries[1].text, head, 'the response head byte for byte');
    assert.equal(entries[2].text, body);
    assert.deepEqual(JSON.parse(body).events, []);

    const stats = await connections(lab);
    assert.equal(stats.connections.length, 1);
    assert.deepEqual(stats.connections[0].up, { header: Buffer.byteLength(sent), framing: 0, payload: 0 });
    assert.deepEqual(stats.connections[0].down, {
      header: Buffer.byteLength(head, 'latin1'),
      framing: 0,
      payload: Buffer.byteLength(body, 'latin1'),
    });
    assert.equal(stats.connections[0].open, false);
  });

  it('two polls on one keep-alive connection share a connection number', async () => {
    const lab = newLab();
    const req = `GET /api/channels/lab-${lab}/poll?lab=${lab} HTTP/1.1\r\nHost: lab.test\r\n\r\n`;
    const c = await rawConnection(req);
    await c.until((t) => t.includes('"cursor"'), 'first answer');
    c.socket.write(req);
    await c.until((t) => t.split('"cursor"').length === 3, 'second answer');
    c.socket.destroy();
    const stats = await connections(lab);
    assert.deepEqual(
      stats.connections.map((x: any) => [x.id, x.requests]),
      [[1, 2]],
    );
  });

  it('an SSE stream: head, then the text/event-stream text, with chunked-coding bytes counted as framing', async () => {
    const lab = newLab();
    const sent = `GET /api/channels/lab-${lab}/sse?after=0&lab=${lab} HTTP/1.1\r\nHost: lab.test\r\n\r\n`;
    const c = await rawConnection(sent);
    await c.until((t) => t.includes(': connected'), 'the opening comment');
    const ack = (
      await request(S.base, `/api/channels/lab-${lab}/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"data":"hi"}',
      })
    ).json;
    await c.until((t) => t.includes('"hi"'), 'the event');
    c.socket.destroy();

    const received = c.received().toString('latin1');
    const headEnd = received.indexOf('\r\n\r\n') + 4;
    // The stream opens with a comment; retry: rides with the first frame that has data (event-stream.ts).
    const opening = ': connected\n\n';
    const stream = `${opening}retry: 2000\nid: ${ack.epoch}:1\ndata: {"seq":1,"time":${ack.time},"data":"hi"}\n\n`;
    const framing = received.length - headEnd - stream.length;
    // Two chunks, each "<size in hex>\r\n" + data + "\r\n" (RFC 9112 §7.1): the comment, then the first
    // frame with its retry: line.
    const chunkFraming = (data: string) => `${data.length.toString(16)}\r\n\r\n`.length;
    assert.equal(framing, chunkFraming(opening) + chunkFraming(stream.slice(opening.length)));

    const { entries } = await wire(lab);
    const bodies = entries.filter((e: any) => e.kind === 'http-body');
    assert.equal(bodies.map((e: any) => e.text).join(''), stream, 'the event-stream text as it arrived');
    assert.equal(entries.find((e: any) => e.kind === 'http-head' && e.dir === 'down').text, received.slice(0, headEnd));
    await closedInCapture(lab);
    const stats = await connections(lab);
    assert.deepEqual(stats.connections[0].down, { header: headEnd, framing, payload: stream.length });
  });
});

describe('lab capture: WebSocket', () => {
  it('the handshake (RFC 6455 §1.3 key and accept) and a masked client frame, decoded', async () => {
    const lab = newLab();
    const key = 'dGhlIHNhbXBsZSBub25jZQ==';
    const sent = `GET /api/channels/lab-${lab}/ws?lab=${lab} HTTP/1.1\r\nHost: lab.test\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`;
    const c = await rawConnection(sent);
    await c.until((t) => t.includes('\r\n\r\n'), '101');
    const head = c.received().toString('latin1');
    assert.match(head, /^HTTP\/1\.1 101 Switching Protocols\r\n/);
    assert.match(head, /Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK\+xOo=\r\n/);
    const accept = createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
    assert.equal(accept, 's3pPLMBiTxaQ9kYGzzhZRbK+xOo=');

    // A client frame must be masked (§5.3): FIN + text, MASK + length, the key, the XORed payload.
    const payload = Buffer.from('{"type":"publish","data":"masked","ref":"m1"}');
    const mask = Buffer.from('37fa213d', 'hex');
    const masked = Buffer.from(payload.map((b, i) => b ^ mask[i % 4]!));
    const frame = Buffer.concat([Buffer.from([0x81, 0x80 | payload.length]), mask, masked]);
    c.socket.write(frame);
    // On Redis the ack can come before the event (the event comes back through pub/sub): wait for both,
    // or frames the server wrote after the client hung up would count as sent but never be received.
    await c.until((t) => t.includes('"type":"ack"') && t.includes('"data":"masked"'), 'the ack and the event');
    c.socket.destroy();

    const { entries } = await wire(lab);
    const up = entries.find((e: any) => e.kind === 'ws-frame' && e.dir === 'up');
    assert.deepEqual(
      {
        fin: up.fin,
        opcode: up.opcode,
        opcodeName: up.opcodeName,
        masked: up.masked,
        maskingKey: up.maskingKey,
        payloadLength: up.payloadLength,
        headerBytes: up.headerBytes,
        payload: up.payload,
      },
      {
        fin: true,
        opcode: 1,
        opcodeName: 'text',
        masked: true,
        maskingKey: '37fa213d',
        payloadLength: payload.length,
        headerBytes: 6,
        payload: payload.toString(),
      },
    );
    const downFrames = entries.filter((e: any) => e.kind === 'ws-frame' && e.dir === 'down');
    assert.ok(downFrames.length >= 2, 'the event and the ack');
    assert.ok(
      downFrames.every((f: any) => !f.masked && f.maskingKey === null),
      'server frames are never masked',
    );
    assert.equal(
      entries.find((e: any) => e.kind === 'http-head' && e.dir === 'down').text,
      head.slice(0, head.indexOf('\r\n\r\n') + 4),
    );

    await closedInCapture(lab);
    const stats = (await connections(lab)).connections[0];
    assert.deepEqual(stats.up, { header: sent.length, framing: 6, payload: payload.length });
    const wsBytes = c.received().length - stats.down.header;
    assert.equal(
      stats.down.framing + stats.down.payload,
      wsBytes,
      'every byte after the 101 is frame header or payload',
    );
    assert.equal(stats.down.framing, 2 * downFrames.length, 'small server frames have 2-byte headers');
  });
});
