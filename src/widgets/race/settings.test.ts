import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_CHOICE, choiceFromQuery, choiceToQuery } from './settings.ts';

describe('race settings in a URL', () => {
  it('round-trips a choice through the query', () => {
    const c = { rate: 0.1, payloadBytes: 10_000, durationMs: 60_000, intervalMs: 250 };
    assert.equal(choiceToQuery(c), 'rate=0.1&payload=10000&duration=60000&interval=250');
    assert.deepEqual(choiceFromQuery(`?${choiceToQuery(c)}`), c);
  });

  it('keeps the default for anything missing or not on offer', () => {
    assert.deepEqual(choiceFromQuery('?rate=7&payload=abc&interval=500'), { ...DEFAULT_CHOICE, intervalMs: 500 });
    assert.deepEqual(choiceFromQuery(''), DEFAULT_CHOICE);
  });
});
