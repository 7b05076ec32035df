import assert from 'node:assert/strict';
import { Duplex } from 'node:stream';
import { describe, it } from 'node:test';
import { FaultInjection } from './faults.ts';

const socket = () => new Duplex({ read() {}, write: (_chunk, _encoding, done) => done() });

describe('FaultInjection: cutting what is in flight', () => {
  it('destroys every held socket, each shown to beforeDrop first, and leaves released ones alone', () => {
    const faults = new FaultInjection(() => 0);
    const [a, b, c] = [socket(), socket(), socket()];
    faults.hold(a);
    faults.hold(b);
    faults.hold(c)();
    const seen: Duplex[] = [];
    const answer = faults.cut((s) => {
      assert.equal(s.destroyed, false, 'told before it is destroyed');
      seen.push(s);
    });
    assert.deepEqual(answer, { dropped: 2, armed: false });
    assert.deepEqual(seen, [a, b]);
    assert.deepEqual([a.destroyed, b.destroyed, c.destroyed], [true, true, false]);
    assert.deepEqual([faults.liveCount, faults.peakLive], [0, 3]);
  });

  it("refuses new connections for 300 ms after a cut that dropped something (the browser's resend), and arms nothing", () => {
    let now = 1000;
    const faults = new FaultInjection(() => now);
    faults.hold(socket());
    faults.cut(() => {});
    now = 1299;
    assert.equal(faults.takeCut(), 'resend');
    now = 1300;
    assert.equal(faults.takeCut(), null);
  });
});
