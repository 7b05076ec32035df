import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DeliveryTally } from './tally.ts';

const deliver = (t: DeliveryTally, seqs: number[], latency = 5) => {
  for (const s of seqs) t.event(s, 1000 * s, 1000 * s + latency);
};

describe('DeliveryTally.reconcile', () => {
  it('every event once: delivered = published, nothing lost, latencies of the race events only', () => {
    const t = new DeliveryTally('e1', 10);
    deliver(t, [11, 12, 13, 14]);
    const out = t.reconcile([{ epoch: 'e1', first: 11, last: 14 }]);
    assert.deepEqual(
      { ...out, latency: undefined },
      { delivered: 4, duplicates: 0, lostToGap: 0, lostToReset: 0, lostSilently: 0, other: 0, latency: undefined },
    );
    assert.deepEqual(out.latency, { count: 4, p50: 5, p95: 5, max: 5 });
  });

  it('a race that starts on the empty log: its events are keyed by the epoch the feed reports, no reset', () => {
    const t = new DeliveryTally('empty', 0);
    for (const s of [1, 2, 3]) t.event(s, 1000 * s, 1000 * s + 5, 'e1');
    const out = t.reconcile([{ epoch: 'e1', first: 1, last: 3 }]);
    assert.deepEqual([out.delivered, out.lostSilently, t.resets], [3, 0, 0]);
  });

  it('a duplicate is counted once and does not count as delivered twice', () => {
    const t = new DeliveryTally('e1', 0);
    deliver(t, [1, 2, 2, 3]);
    const out = t.reconcile([{ epoch: 'e1', first: 1, last: 3 }]);
    assert.equal(out.delivered, 3);
    assert.equal(out.duplicates, 1);
  });

  it('a hole nobody announced is lost silently; one a gap notice announced is not', () => {
    const silent = new DeliveryTally('e1', 0);
    deliver(silent, [1, 2, 4]);
    assert.equal(silent.reconcile([{ epoch: 'e1', first: 1, last: 4 }]).lostSilently, 1);

    const gapped = new DeliveryTally('e1', 0);
    deliver(gapped, [1]);
    gapped.gap(2);
    deliver(gapped, [4]);
    const out = gapped.reconcile([{ epoch: 'e1', first: 1, last: 4 }]);
    assert.deepEqual([out.lostToGap, out.lostSilently], [2, 0]);
  });

  it("after a restart: the old history's unread events are gone with the reset (announced), the new one counts from 1", () => {
    const t = new DeliveryTally('e1', 0);
    deliver(t, [1, 2]);
    t.reset('e2');
    deliver(t, [1, 2, 3]);
    const out = t.reconcile([
      { epoch: 'e1', first: 1, last: 4 },
      { epoch: 'e2', first: 1, last: 3 },
    ]);
    assert.deepEqual(
      [out.delivered, out.lostToReset, out.lostSilently, out.duplicates],
      [5, 2, 0, 0],
      'e2:1 is not a duplicate of e1:1',
    );
  });

  it('events the race did not publish are set apart', () => {
    const t = new DeliveryTally('e1', 0);
    deliver(t, [1, 2, 3]);
    const out = t.reconcile([{ epoch: 'e1', first: 2, last: 3 }]);
    assert.deepEqual([out.delivered, out.other], [2, 1]);
  });
});
