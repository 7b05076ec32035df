import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EMPTY_EPOCH } from '../../protocol/channels.ts';
import { formatEventId, parseAfter, parseEventId, resolveCursor } from './cursor.ts';

// A log whose events 41..50 are retained (1..40 evicted), under epoch "E".
const log = { epoch: 'E', oldest: 41, head: 50 };

describe('resolveCursor: the one rule of docs/api-contract.md', () => {
  it('1. no cursor starts at the head: only new events', () => {
    assert.deepEqual(resolveCursor({}, log), { kind: 'head', from: 51 });
    assert.deepEqual(resolveCursor({ epoch: 'E' }, log), { kind: 'head', from: 51 });
  });
  it('2. a cursor inside the retained window replays exactly what follows it', () => {
    assert.deepEqual(resolveCursor({ after: 45, epoch: 'E' }, log), { kind: 'replay', from: 46 });
    assert.deepEqual(resolveCursor({ after: 45 }, log), { kind: 'replay', from: 46 }, 'the epoch is optional');
  });
  it('2. boundaries: after = oldest-1 and after = head are replays, not gaps or resets', () => {
    assert.deepEqual(resolveCursor({ after: 40, epoch: 'E' }, log), { kind: 'replay', from: 41 });
    assert.deepEqual(resolveCursor({ after: 50, epoch: 'E' }, log), { kind: 'replay', from: 51 });
  });
  it('3. a cursor older than the retained window is a gap with missed = oldest-1-after', () => {
    assert.deepEqual(resolveCursor({ after: 39, epoch: 'E' }, log), { kind: 'gap', from: 41, missed: 1 });
    assert.deepEqual(resolveCursor({ after: 0 }, log), { kind: 'gap', from: 41, missed: 40 });
  });
  it('4. another epoch is a reset from the oldest, even for a cursor that would fit', () => {
    assert.deepEqual(resolveCursor({ after: 45, epoch: 'OLD' }, log), { kind: 'reset', from: 41 });
    assert.deepEqual(resolveCursor({ after: 0, epoch: 'OLD' }, log), { kind: 'reset', from: 41 });
  });
  it('4. a cursor past the head is a reset (it cannot come from this history)', () => {
    assert.deepEqual(resolveCursor({ after: 51, epoch: 'E' }, log), { kind: 'reset', from: 41 });
    assert.deepEqual(resolveCursor({ after: 51 }, log), { kind: 'reset', from: 41 });
  });
  it('an empty log: after=0 is a plain replay of nothing, after=1 a reset', () => {
    const empty = { epoch: 'E', oldest: 1, head: 0 };
    assert.deepEqual(resolveCursor({ after: 0 }, empty), { kind: 'replay', from: 1 });
    assert.deepEqual(resolveCursor({ after: 1 }, empty), { kind: 'reset', from: 1 });
    assert.deepEqual(resolveCursor({}, empty), { kind: 'head', from: 1 });
  });
  it('nothing yet: a cursor (EMPTY_EPOCH, 0) continues into any history begun since, as rules 2 and 3', () => {
    const fresh = { epoch: 'E', oldest: 1, head: 3 };
    assert.deepEqual(resolveCursor({ after: 0, epoch: EMPTY_EPOCH }, fresh), { kind: 'replay', from: 1 });
    assert.deepEqual(resolveCursor({ after: 0, epoch: EMPTY_EPOCH }, log), { kind: 'gap', from: 41, missed: 40 });
    assert.deepEqual(
      resolveCursor({ after: 1, epoch: EMPTY_EPOCH }, fresh),
      { kind: 'reset', from: 1 },
      'the empty log never had a seq 1: that cursor is from another history',
    );
  });
});

describe('parseAfter: plain decimal digits only (rule 5)', () => {
  it('accepts digits', () => {
    assert.equal(parseAfter('0'), 0);
    assert.equal(parseAfter('1234'), 1234);
    assert.equal(parseAfter(undefined), undefined);
    assert.equal(parseAfter(null), undefined);
  });
  it('accepts every safe integer, 16 digits included (past the head it is a reset, not an error)', () => {
    assert.equal(parseAfter('1234567890123456'), 1234567890123456);
    assert.equal(parseAfter(String(Number.MAX_SAFE_INTEGER)), Number.MAX_SAFE_INTEGER);
    assert.equal(parseAfter('0001'), 1);
  });
  for (const big of ['9007199254740992', '1'.repeat(17), '9'.repeat(400)]) {
    it(`calls ${big.slice(0, 20)}… too large`, () => assert.equal(parseAfter(big), 'too-large'));
  }
  for (const bad of ['1e3', '+1', ' 1', '1 ', '0x10', '1.5', '-1', '', 'abc']) {
    it(`refuses ${JSON.stringify(bad)}`, () => assert.equal(parseAfter(bad), 'invalid'));
  }
});

describe('SSE ids carry the epoch', () => {
  it('round-trips', () => {
    assert.equal(formatEventId('abc_-1', 42), 'abc_-1:42');
    assert.deepEqual(parseEventId('abc_-1:42'), { epoch: 'abc_-1', after: 42 });
  });
  for (const bad of ['', '42', ':42', 'E:', 'E:4.2', 'E:-1', 'E:1:2', 'a b:1', '!!bogus cursor!!']) {
    it(`calls ${JSON.stringify(bad)} malformed`, () => assert.equal(parseEventId(bad), 'malformed'));
  }
});
