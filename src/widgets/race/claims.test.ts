import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TECHNIQUES } from '../../../protocol/techniques.ts';
import { claim, claimedLevel, claimKo, POST_TECHNIQUES, ROWS, rowClaimId, rowLabel, rowLabelKo } from './claims.ts';

describe("the source post's claims", () => {
  it('has every row with a label in both languages, and a claim in both for every technique the post compares', () => {
    assert.equal(ROWS.length, 7);
    for (const row of ROWS) {
      assert.ok(rowLabel(row) && rowLabelKo(row), row);
      for (const t of POST_TECHNIQUES) assert.ok(claim(row, t.id) && claimKo(row, t.id), `${row}/${t.id}`);
    }
  });

  it('the rows are T1 to T7, in order', () => {
    assert.deepEqual(
      ROWS.map(rowClaimId),
      ROWS.map((_, i) => `T${i + 1}`),
    );
  });

  it('the post compares the registry techniques marked inSourcePost, in the registry order', () => {
    assert.deepEqual(
      POST_TECHNIQUES.map((t) => t.id),
      TECHNIQUES.filter((t) => t.inSourcePost).map((t) => t.id),
    );
  });

  it('the ranking rows claim a level for every technique: stars for difficulty, 1 to 3 for scalability', () => {
    for (const t of POST_TECHNIQUES) {
      assert.equal('★'.repeat(claimedLevel('difficulty', t.id)), claim('difficulty', t.id), t.id);
      assert.ok([1, 2, 3].includes(claimedLevel('scalability', t.id)), t.id);
    }
  });
});
