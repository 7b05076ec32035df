import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TECHNIQUES } from '../../../protocol/techniques.ts';
import { claim, claimedDifficulty, ROWS, rowLabel } from './claims.ts';

describe("the source post's claims", () => {
  it('has every row with a label, and a claim for every technique of the registry', () => {
    assert.equal(ROWS.length, 7);
    for (const row of ROWS) {
      assert.ok(rowLabel(row), row);
      for (const t of TECHNIQUES) assert.ok(claim(row, t.id), `${row}/${t.id}`);
    }
  });

  it('each difficulty claim names a level the race can weigh (easy, medium or hard)', () => {
    for (const t of TECHNIQUES) assert.notEqual(claimedDifficulty(t.id), null, t.id);
  });
});
