import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type ChannelServices, LabChannel, type LabPublisher, tickLabs } from './lab-channel.ts';

const id = (n: number) => n.toString(16).padStart(32, '0');

/** A store and metrics that remember what the server appended (or fail every append). */
function services(failing = false) {
  const appended: [string, unknown][] = [];
  const published: unknown[] = [];
  const fake = {
    store: {
      append: async (channel: string, data: unknown) => {
        if (failing) throw new Error('the store is down');
        appended.push([channel, data]);
        return { event: { seq: appended.length, time: 0, json: JSON.stringify(data) }, epoch: 'e' };
      },
    },
    metrics: { published: { inc: (labels: unknown) => void published.push(labels) } },
  } as unknown as ChannelServices;
  return { fake, appended, published };
}

describe('LabChannel: the tick and the publisher that may own the channel', () => {
  it("ticks each lab's channel with a count of its own, and skips one a publisher keeps quiet", async () => {
    const [a, b] = [new LabChannel(id(1)), new LabChannel(id(2))];
    let quiet = true;
    b.publisher = {
      get quietsTicker() {
        return quiet;
      },
      stop() {},
    };
    const { fake, appended, published } = services();
    await tickLabs(fake, [{ channel: a }, { channel: b }]);
    await tickLabs(fake, [{ channel: a }, { channel: b }]);
    quiet = false;
    await tickLabs(fake, [{ channel: b }]);
    assert.deepEqual(appended, [
      [`lab-${id(1)}`, { tick: 1, note: 'your private channel ticks once per TICK_MS' }],
      [`lab-${id(1)}`, { tick: 2, note: 'your private channel ticks once per TICK_MS' }],
      [`lab-${id(2)}`, { tick: 1, note: 'your private channel ticks once per TICK_MS' }],
    ]);
    assert.deepEqual(published, [{ via: 'lab' }, { via: 'lab' }, { via: 'lab' }]);
  });

  it('stopPublisher stops the publisher and gives the channel back to the tick', () => {
    const channel = new LabChannel(id(1));
    let stopped = 0;
    const race: LabPublisher = { quietsTicker: true, stop: () => void stopped++ };
    channel.publisher = race;
    channel.stopPublisher();
    channel.stopPublisher();
    assert.deepEqual([stopped, channel.publisher], [1, null]);
  });

  it('a failing store is logged, not thrown: the server stays up and the next tick tries again', async (t) => {
    const logged = t.mock.method(console, 'error', () => {});
    const { fake } = services(true);
    await tickLabs(fake, [{ channel: new LabChannel(id(1)) }]);
    assert.equal(logged.mock.callCount(), 1);
  });
});
