import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WsFrameDecoder } from './ws-frames.ts';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');

describe('WsFrameDecoder: RFC 6455 §5.7 examples, byte for byte', () => {
  it('a single-frame unmasked text message: 2 header bytes, 5 payload bytes', () => {
    const [frame, ...rest] = new WsFrameDecoder().push(hex('81 05 48 65 6c 6c 6f'));
    assert.deepEqual(rest, []);
    assert.equal(frame!.fin, true);
    assert.equal(frame!.opcode, 1);
    assert.equal(frame!.masked, false);
    assert.equal(frame!.maskingKey, null);
    assert.equal(frame!.headerBytes, 2);
    assert.equal(frame!.payloadLength, 5);
    assert.equal(frame!.payload.toString(), 'Hello');
  });

  it('a masked text message (what a browser sends): mask bit, key 37fa213d, payload unmasked', () => {
    const [frame] = new WsFrameDecoder().push(hex('81 85 37 fa 21 3d 7f 9f 4d 51 58'));
    assert.equal(frame!.masked, true);
    assert.equal(frame!.maskingKey!.toString('hex'), '37fa213d');
    assert.equal(frame!.headerBytes, 6, '2 fixed + 4 masking key');
    assert.equal(frame!.payload.toString(), 'Hello');
  });

  it('a fragmented message: FIN clear, then a continuation frame with FIN set', () => {
    const frames = new WsFrameDecoder().push(hex('01 03 48 65 6c 80 02 6c 6f'));
    assert.deepEqual(
      frames.map((f) => [f.fin, f.opcode, f.payload.toString()]),
      [
        [false, 1, 'Hel'],
        [true, 0, 'lo'],
      ],
    );
  });

  it('ping and pong control frames', () => {
    const frames = new WsFrameDecoder().push(hex('89 05 48 65 6c 6c 6f 8a 85 37 fa 21 3d 7f 9f 4d 51 58'));
    assert.deepEqual(
      frames.map((f) => [f.opcode, f.masked, f.payload.toString()]),
      [
        [9, false, 'Hello'],
        [10, true, 'Hello'],
      ],
    );
  });

  it('16-bit and 64-bit extended lengths: 256 and 65536 bytes with 4 and 10 header bytes', () => {
    const d = new WsFrameDecoder(16);
    const medium = Buffer.concat([hex('82 7e 01 00'), Buffer.alloc(256, 7)]);
    const large = Buffer.concat([hex('82 7f 00 00 00 00 00 01 00 00'), Buffer.alloc(65_536, 9)]);
    const frames = d.push(Buffer.concat([medium, large]));
    assert.deepEqual(
      frames.map((f) => [f.payloadLength, f.headerBytes, f.payload.length, f.truncated]),
      [
        [256, 4, 16, true],
        [65_536, 10, 16, true],
      ],
    );
  });

  it('decodes the same frames whatever pieces the bytes arrive in, one byte at a time included', () => {
    const bytes = hex('81 85 37 fa 21 3d 7f 9f 4d 51 58 88 02 03 e8 81 00');
    const d = new WsFrameDecoder();
    const frames = [...bytes].flatMap((b) => d.push(Buffer.from([b])));
    assert.deepEqual(
      frames.map((f) => [f.opcode, f.payload.toString('hex')]),
      [
        [1, Buffer.from('Hello').toString('hex')],
        [8, '03e8'],
        [1, ''],
      ],
    );
  });
});
