import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sseFrame } from './event-stream.ts';

describe('sseFrame: exact text/event-stream bytes', () => {
  it('writes id and data, ended by a blank line', () => {
    assert.equal(sseFrame({ id: 'E:1', data: '{"seq":1}' }), 'id: E:1\ndata: {"seq":1}\n\n');
  });
  it('puts the event name first for named events', () => {
    assert.equal(
      sseFrame({ event: 'gap', id: 'E:9', data: '{"missed":3}' }),
      'event: gap\nid: E:9\ndata: {"missed":3}\n\n',
    );
  });
  it('refuses CR or LF in id or event instead of writing a broken frame', () => {
    assert.throws(() => sseFrame({ id: 'a\nb', data: 'x' }), /CR or LF/);
    assert.throws(() => sseFrame({ event: 'a\rb', data: 'x' }), /CR or LF/);
  });
});
