// The event-stream parser of the fetch client against the WHATWG HTML standard's own examples
// (§9.2.6, "Interpreting an event stream", and the examples of §9.2.5 "Parsing an event stream") and
// cases derived from web-platform-tests `eventsource/format-*` (file named in each case). wpt's
// resources/message.py answers with the test's message, then "\n\n" (unless `newline=none`), then
// "\n": `wpt()` below builds the same body.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EventStreamParser, type StreamEvent } from './fetch-stream.ts';

function parse(input: string | string[]): { events: StreamEvent[]; retries: number[] } {
  const events: StreamEvent[] = [];
  const retries: number[] = [];
  const parser = new EventStreamParser(
    (e) => events.push(e),
    (ms) => retries.push(ms),
  );
  for (const piece of typeof input === 'string' ? [input] : input) parser.push(piece);
  parser.end();
  return { events, retries };
}
const datas = (input: string | string[]) => parse(input).events.map((e) => e.data);
/** The body resources/message.py sends for `message`. */
const wpt = (message: string, newline = true) => `${message}${newline ? '\n\n' : ''}\n`;

describe('WHATWG HTML §9.2.6 examples', () => {
  it('three lines of data make one event, joined with newlines', () => {
    assert.deepEqual(datas('data: YHOO\ndata: +2\ndata: 10\n\n'), ['YHOO\n+2\n10']);
  });

  it('ids persist, an empty id resets the last event id, and only one leading space is removed', () => {
    const { events } = parse(
      ': test stream\n\ndata: first event\nid: 1\n\ndata:second event\nid\n\ndata:  third event\n',
    );
    // The third event has no blank line after it: at the end of the stream it is discarded.
    assert.deepEqual(events, [
      { type: 'message', data: 'first event', lastEventId: '1' },
      { type: 'message', data: 'second event', lastEventId: '' },
    ]);
    const withEnd = parse('data:  third event\n\n').events;
    assert.equal(withEnd[0]!.data, ' third event');
  });

  it('"data" alone and "data:" both append an empty line; the last block without a blank line is dropped', () => {
    assert.deepEqual(datas('data\n\ndata\ndata\n\ndata:'), ['', '\n']);
  });

  it('the space after the colon is optional', () => {
    assert.deepEqual(datas('data:test\n\ndata: test\n\n'), ['test', 'test']);
  });
});

describe('web-platform-tests eventsource/format-*', () => {
  it('format-comments.js: comments between data lines, with CR, LF and CRLF line ends', () => {
    const long = 'x'.repeat(2048);
    const message = `data:1\r:\0\n:\r\ndata:2\n:${long}\rdata:3\n:data:fail\r:${long}\ndata:4\n`;
    assert.deepEqual(datas(wpt(message, false)), ['1\n2\n3\n4']);
  });

  it('format-field-data.js: "data:" then blank, "data" twice then blank, "data:test"', () => {
    assert.deepEqual(datas(wpt('data:\n\ndata\ndata\n\ndata:test')), ['', '\n', 'test']);
  });

  it('format-bom.js: a BOM is skipped at the start only; a later one makes an unknown field', () => {
    assert.deepEqual(datas(wpt('\uFEFFdata:1\n\n\uFEFFdata:2\n\ndata:3')), ['1', '3']);
  });

  it('format-bom-2.any.js: of two BOMs only the first is skipped', () => {
    assert.deepEqual(datas(wpt('\uFEFF\uFEFFdata:1\n\ndata:2\n\ndata:3')), ['2', '3']);
  });

  it('format-data-before-final-empty-line.js: an event without its blank line is never dispatched', () => {
    // The id of the undispatched event never becomes the last event id: a reconnect would not send it.
    const { events, retries } = parse(wpt('retry:1000\ndata:test1\n\nid:test\ndata:test2', false));
    assert.deepEqual(events, [{ type: 'message', data: 'test1', lastEventId: '' }]);
    assert.deepEqual(retries, [1000]);
  });

  it('format-field-event.htm: a named event, then an unnamed one', () => {
    assert.deepEqual(
      parse(wpt('event:test\ndata:x\n\ndata:x')).events.map((e) => e.type),
      ['test', 'message'],
    );
  });

  it('format-field-event-empty.htm: "event: " (empty) dispatches as message', () => {
    assert.deepEqual(parse(wpt('event: \ndata:data')).events, [{ type: 'message', data: 'data', lastEventId: '' }]);
  });

  it('format-field-id-3.htm (resources/last-event-id2.py): an id persists, changes, and an empty one resets', () => {
    const ids = (body: string) => parse(body).events.map((e) => e.lastEventId);
    assert.deepEqual(ids('id: 1\ndata: 1\n\ndata:2\n\n'), ['1', '1']);
    assert.deepEqual(ids('id: 1\ndata: 1\n\nid: 2\ndata:2\n\ndata:3\n\n'), ['1', '2', '2']);
    assert.deepEqual(ids('id: 1\ndata: 1\n\nid:\ndata:2\n\ndata:3\n\n'), ['1', '', '']);
  });

  it('WHATWG §9.2.6: an id whose value contains U+0000 is ignored, the previous one stays', () => {
    // (format-field-id-null.htm tests a NUL id too; the copy read for this test predates this rule.)
    const { events } = parse('id: a\ndata: hello\n\nid: \0\0\ndata: again\n\n');
    assert.deepEqual(
      events.map((e) => e.lastEventId),
      ['a', 'a'],
    );
  });

  it('format-field-retry-bogus.htm: retry takes digits only; "1000x" is ignored', () => {
    assert.deepEqual(parse(wpt('retry:2000\nretry:1000x\ndata:x')).retries, [2000]);
    assert.deepEqual(parse('retry: 12 \nretry:-1\nretry:\ndata:x\n\n').retries, []);
  });

  it('format-null-character.html: U+0000 in data is kept', () => {
    assert.deepEqual(datas('data:\0\n\n'), ['\0']); // message=data%3A%00%0A%0A, as the .html sends it
  });

  it('format-utf-8: text already decoded arrives whole (the client decodes with TextDecoderStream)', () => {
    assert.deepEqual(datas(wpt('data:ok…')), ['ok…']);
  });
});

describe('pieces of any size', () => {
  const stream = 'retry: 2000\r\nid: E:1\r\ndata: {"seq":1}\r\n\r\n: heartbeat\r\nid: E:2\rdata: two\r\r';
  const expected = [
    { type: 'message', data: '{"seq":1}', lastEventId: 'E:1' },
    { type: 'message', data: 'two', lastEventId: 'E:2' },
  ];

  it('the same events whether the text comes whole or one character at a time', () => {
    assert.deepEqual(parse(stream).events, expected);
    assert.deepEqual(parse([...stream]).events, expected);
  });

  it('a CRLF split between two pieces is one line end, not two', () => {
    assert.deepEqual(datas(['data: a\r', '\ndata: b\r', '\n\r', '\n']), ['a\nb']);
  });

  it('a CR at the very end of the stream ends its line', () => {
    assert.deepEqual(datas(['data: a\r\r']), ['a']);
  });
});
