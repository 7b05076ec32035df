import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { percentile, summarize } from './stats.ts';

describe('latency summary', () => {
  it('nearest-rank percentiles: p50 and p95 of 1..20, and the max', () => {
    const values = Array.from({ length: 20 }, (_, i) => 20 - i);
    assert.deepEqual(summarize(values), { count: 20, p50: 10, p95: 19, max: 20 });
  });

  it('one value is every percentile; none gives nulls', () => {
    assert.deepEqual(summarize([7.5]), { count: 1, p50: 7.5, p95: 7.5, max: 7.5 });
    assert.deepEqual(summarize([]), { count: 0, p50: null, p95: null, max: null });
    assert.equal(percentile([1, 2, 3], 0), 1);
  });
});
