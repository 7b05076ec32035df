import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bestOffset } from './clock.ts';

describe('bestOffset (NTP-style)', () => {
  it('keeps the sample with the smallest round trip: offset = T − (t0 + t1) / 2, good to half the round trip', () => {
    // The server is 1000 ms ahead. A slow sample (queued on the way out) would make it look 1040 ms ahead.
    const est = bestOffset([
      { t0: 100, server: 1180, t1: 180 },
      { t0: 200, server: 1203, t1: 206 },
      { t0: 300, server: 1305, t1: 320 },
    ]);
    assert.equal(est.offsetMs, 1000);
    assert.equal(est.rttMs, 6);
    assert.equal(est.uncertaintyMs, 4, 'half of 6 ms, plus the 1 ms resolution of the server clock');
    assert.equal(est.samples.length, 3);
  });

  it('a server clock behind ours gives a negative offset', () => {
    assert.equal(bestOffset([{ t0: 5000, server: 2002, t1: 5004 }]).offsetMs, -3000);
  });

  it('says so when there is no sample', () => {
    assert.throws(() => bestOffset([]), /No clock sample/);
  });
});
