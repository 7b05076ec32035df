import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LagMeter } from './lag-meter.ts';

type Who = 'poll' | 'sse';

describe('LagMeter', () => {
  it('the first technique to see a seq has lag 0; a later one, the time since', () => {
    const m = new LagMeter<Who>();
    assert.equal(m.arrived('sse', 7, 1000), 0);
    assert.equal(m.arrived('poll', 7, 2400), 1400);
    assert.deepEqual(m.stats('sse'), { count: 1, meanMs: 0, maxMs: 0 });
    assert.deepEqual(m.stats('poll'), { count: 1, meanMs: 1400, maxMs: 1400 });
  });

  it('a poll answer carrying two events: the mean is taken over every event', () => {
    const m = new LagMeter<Who>();
    // Ticks at 0 and 1000 reach the stream at once; one poll at 2000 brings both.
    m.arrived('sse', 1, 0);
    m.arrived('sse', 2, 1000);
    m.arrived('poll', 1, 2000);
    m.arrived('poll', 2, 2000);
    assert.deepEqual(m.stats('poll'), { count: 2, meanMs: 1500, maxMs: 2000 });
  });

  it('no events yet: no figures rather than a misleading 0', () => {
    assert.deepEqual(new LagMeter<Who>().stats('poll'), { count: 0, meanMs: null, maxMs: null });
  });

  it('restart clears one technique and keeps the arrivals the others measure against', () => {
    const m = new LagMeter<Who>();
    m.arrived('sse', 1, 0);
    m.arrived('poll', 1, 5000);
    m.restart('poll');
    assert.deepEqual(m.stats('poll'), { count: 0, meanMs: null, maxMs: null });
    m.arrived('sse', 2, 6000);
    assert.equal(m.arrived('poll', 2, 6500), 500);
    assert.deepEqual(m.stats('sse'), { count: 2, meanMs: 0, maxMs: 0 });
  });

  it('after the history is forgotten, seq 1 of the new history is measured afresh', () => {
    const m = new LagMeter<Who>();
    m.arrived('sse', 1, 0);
    m.forgetArrivals();
    assert.equal(m.arrived('poll', 1, 90_000), 0, 'not 90 s behind an event of the lost history');
  });

  it('remembers a bounded number of seqs: the oldest go first', () => {
    const m = new LagMeter<Who>();
    for (let seq = 1; seq <= 700; seq++) m.arrived('sse', seq, seq);
    assert.equal(m.arrived('poll', 1, 10_000), 0, 'seq 1 was forgotten, so poll is first to see it now');
    assert.equal(m.arrived('poll', 700, 10_000), 10_000 - 700);
  });
});
