import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { acceptSteps, headerValue } from './accept.ts';

describe('acceptSteps', () => {
  it('reproduces RFC 6455 §1.3: dGhlIHNhbXBsZSBub25jZQ== gives s3pPLMBiTxaQ9kYGzzhZRbK+xOo=', async () => {
    const steps = await acceptSteps('dGhlIHNhbXBsZSBub25jZQ==');
    assert.equal(steps.joined, 'dGhlIHNhbXBsZSBub25jZQ==258EAFA5-E914-47DA-95CA-C5AB0DC85B11');
    assert.equal(steps.sha1Hex, 'b3 7a 4f 2c c0 62 4f 16 90 f6 46 06 cf 38 59 45 b2 be c4 ea');
    assert.equal(steps.accept, 's3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
  });

  it('finds a header in a captured head whatever its case', () => {
    const head = 'GET /x HTTP/1.1\r\nsec-websocket-key:  abc== \r\nHost: h\r\n\r\n';
    assert.equal(headerValue(head, 'Sec-WebSocket-Key'), 'abc==');
    assert.equal(headerValue(head, 'Origin'), undefined);
  });
});
