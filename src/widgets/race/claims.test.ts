import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TECHNIQUES } from '../../../protocol/techniques.ts';
import { claim, claimedDifficulty, ROWS, rowLabel } from './claims.ts';

describe("the source post's claims", () => {
  it('has every row with a label, a claim for every technique the post compares, none for the others', () => {
    assert.equal(ROWS.length, 7);
    for (const row of ROWS) {
      assert.ok(rowLabel(row), row);
      for (const t of TECHNIQUES) {
        if (t.inSourcePost) assert.ok(claim(row, t.id), `${row}/${t.id}`);
        else assert.equal(claim(row, t.id), undefined, `${row}/${t.id}: not in the post`);
      }
    }
  });

  it('each difficulty claim names a level the race can weigh (easy, medium or hard)', () => {
    for (const t of TECHNIQUES.filter((x) => x.inSourcePost)) assert.notEqual(claimedDifficulty(t.id), null, t.id);
  });
});
