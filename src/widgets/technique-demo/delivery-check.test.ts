import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DeliveryCheck } from './delivery-check.ts';

describe('DeliveryCheck', () => {
  it('counts nothing wrong for 1, 2, 3 from the start', () => {
    const d = new DeliveryCheck(0);
    assert.deepEqual(
      [1, 2, 3].map((s) => d.event(s)),
      ['ok', 'ok', 'ok'],
    );
    assert.deepEqual([d.received, d.lost, d.duplicates], [3, 0, 0]);
  });

  it('a silent hole is a loss; a repeated seq is a duplicate', () => {
    const d = new DeliveryCheck(0);
    assert.deepEqual(
      [1, 2, 5, 5, 4].map((s) => d.event(s)),
      ['ok', 'ok', 'loss', 'duplicate', 'duplicate'],
    );
    assert.deepEqual([d.received, d.lost, d.duplicates], [5, 2, 2]);
  });

  it('a hole the server announced as a gap is missed, not lost', () => {
    const d = new DeliveryCheck(0);
    d.event(1);
    d.gap(3);
    assert.equal(d.event(5), 'ok');
    assert.deepEqual([d.lost, d.missed], [0, 3]);
  });

  it('after a reset the new history starts wherever the server starts it', () => {
    const d = new DeliveryCheck(0);
    d.event(1);
    d.event(2);
    d.reset();
    assert.deepEqual(
      [1, 2].map((s) => d.event(s)),
      ['ok', 'ok'],
    );
    assert.deepEqual([d.lost, d.duplicates, d.resets], [0, 0, 1]);
  });

  it('a feed started at the head takes its first event as the baseline', () => {
    const d = new DeliveryCheck();
    assert.equal(d.event(41), 'ok');
    assert.equal(d.event(43), 'loss');
  });
});
