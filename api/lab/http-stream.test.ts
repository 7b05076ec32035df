import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HttpResponseStream } from './http-stream.ts';

describe('HttpResponseStream: heads, payload and chunked framing, byte for byte', () => {
  it('a Content-Length response: the head, then exactly that many payload bytes', () => {
    const head = 'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n';
    const piece = new HttpResponseStream().push(Buffer.from(`${head}{"events":1`));
    assert.deepEqual(piece.heads, [{ text: head, bytes: 17 + 32 + 20 + 2, status: 200 }]);
    assert.equal(piece.payload.toString(), '{"events":1');
    assert.equal(piece.framingBytes, 0);
  });

  it('two keep-alive responses on one connection, split mid-head', () => {
    const one = 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}';
    const s = new HttpResponseStream();
    const a = s.push(Buffer.from(one + one.slice(0, 10)));
    const b = s.push(Buffer.from(one.slice(10)));
    assert.deepEqual([a.heads.length, b.heads.length], [1, 1]);
    assert.equal(a.payload.toString() + b.payload.toString(), '{}{}');
  });

  it('chunked coding: chunk-size lines, CRLFs and the last-chunk count as framing', () => {
    const head = 'HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n';
    const s = new HttpResponseStream();
    const first = s.push(Buffer.from(`${head}d\r\nretry: 2000\n\n\r\n`));
    assert.equal(first.heads[0]!.bytes, head.length);
    assert.equal(first.payload.toString(), 'retry: 2000\n\n');
    assert.equal(first.framingBytes, 3 + 2, '"d\\r\\n" before the data and "\\r\\n" after it');
    const last = s.push(Buffer.from('0\r\n\r\n'));
    assert.equal(last.payload.length, 0);
    assert.equal(last.framingBytes, 5);
    const again = s.push(Buffer.from('HTTP/1.1 204 No Content\r\n\r\n'));
    assert.equal(again.heads[0]!.status, 204, 'the next response on the same connection is parsed as a head');
  });

  it('a 101 head hands the rest of the bytes over as upgraded (WebSocket frames)', () => {
    const head =
      'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n';
    const piece = new HttpResponseStream().push(Buffer.concat([Buffer.from(head), Buffer.from([0x81, 0x00])]));
    assert.equal(piece.heads[0]!.status, 101);
    assert.deepEqual([...piece.upgraded], [0x81, 0x00]);
    assert.equal(piece.payload.length, 0);
  });
});
