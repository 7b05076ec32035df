import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FLOOR_MS, alignSeries } from './chart-data.ts';

describe('alignSeries', () => {
  it('one x per event in publish order, a y per technique, null where it has not arrived', () => {
    const published = new Map([
      ['e1:2', 2500],
      ['e1:1', 2000],
      ['e2:1', 4000],
    ]);
    const fast = new Map([
      ['e1:1', 3],
      ['e1:2', 4],
      ['e2:1', 2],
    ]);
    const slow = new Map([
      ['e1:1', 900],
      ['e2:1', -0.5],
    ]);
    assert.deepEqual(alignSeries(published, [fast, slow], 1000), [
      [1, 1.5, 3],
      [3, 4, 2],
      [900, null, FLOOR_MS],
    ]);
  });
});
