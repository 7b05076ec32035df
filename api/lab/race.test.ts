import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AppendResult } from '../log/types.ts';
import { RACE_BOUNDS } from '../../protocol/lab.ts';
import { parseRaceSettings, plannedEvents, RaceRun, raceData } from './race.ts';

const good = { rate: 5, payloadBytes: 100, durationMs: 10_000 };

describe('parseRaceSettings', () => {
  it('accepts every setting at its bounds', () => {
    assert.deepEqual(parseRaceSettings(good), good);
    const low = {
      rate: RACE_BOUNDS.rate.min,
      payloadBytes: RACE_BOUNDS.payloadBytes.min,
      durationMs: RACE_BOUNDS.durationMs.min,
    };
    const high = {
      rate: RACE_BOUNDS.rate.max,
      payloadBytes: RACE_BOUNDS.payloadBytes.max,
      durationMs: RACE_BOUNDS.durationMs.max,
    };
    assert.deepEqual(parseRaceSettings(low), low);
    assert.deepEqual(parseRaceSettings(high), high);
  });

  for (const [name, bad] of [
    ['rate', 51],
    ['rate', 0],
    ['rate', '5'],
    ['payloadBytes', 1],
    ['payloadBytes', 100.5],
    ['payloadBytes', 16_385],
    ['durationMs', 999],
    ['durationMs', 60_001],
    ['durationMs', null],
  ] as const) {
    it(`refuses ${name} = ${JSON.stringify(bad)} with 400 invalid_race naming the field and its range`, () => {
      assert.throws(
        () => parseRaceSettings({ ...good, [name]: bad }),
        (err: any) => {
          assert.equal(err.status, 400);
          assert.equal(err.code, 'invalid_race');
          assert.match(
            err.message,
            new RegExp(`"${name}" must be .* from ${RACE_BOUNDS[name].min} to ${RACE_BOUNDS[name].max}`),
          );
          return true;
        },
      );
    });
  }

  it('refuses a body that is not an object', () => {
    for (const body of [null, [], 'race', 5]) assert.throws(() => parseRaceSettings(body), /must be a JSON object/);
  });
});

describe('raceData', () => {
  it('serializes to exactly the asked size, numbered when there is room', () => {
    for (const size of [2, 3, 4, 10, 100, 1000, 16_384])
      assert.equal(Buffer.byteLength(JSON.stringify(raceData(17, size))), size, `${size} bytes`);
    assert.equal(raceData(17, 10), '17:xxxxx');
    assert.equal(raceData(17, 2), '');
  });
});

describe('plannedEvents', () => {
  it('one event per period over the duration, at least one', () => {
    assert.equal(plannedEvents(good), 50);
    assert.equal(plannedEvents({ ...good, rate: 0.1, durationMs: 5000 }), 1);
    assert.equal(plannedEvents({ ...good, rate: 50, durationMs: 60_000 }), 3000);
  });
});

/** A store stand-in: seq grows by one per append; `restart()` starts a new epoch at seq 1. */
function fakeStore() {
  let epoch = 'e1';
  let seq = 0;
  const data: string[] = [];
  return {
    data,
    restart() {
      epoch = `e${Number(epoch.slice(1)) + 1}`;
      seq = 0;
    },
    append: async (d: string): Promise<AppendResult> => {
      data.push(d);
      seq++;
      return { epoch, event: { seq, time: Date.now(), data: d, json: '' } };
    },
  };
}

describe('RaceRun', () => {
  it('publishes the planned events at the rate, then stops; the ticker stays quiet meanwhile', async () => {
    const store = fakeStore();
    const started = Date.now();
    const race = new RaceRun({
      settings: { rate: 50, payloadBytes: 10, durationMs: 200 },
      append: store.append,
      leadMs: 20,
    });
    assert.equal(race.planned, 10);
    assert.equal(race.quietsTicker, true, 'quiet from the moment it exists, before the first event');
    await race.finished();
    const status = race.status();
    assert.deepEqual([status.running, status.published, status.failed], [false, 10, 0]);
    assert.deepEqual(status.segments, [{ epoch: 'e1', first: 1, last: 10 }]);
    assert.deepEqual(store.data.slice(0, 2), ['1:xxxxxx', '2:xxxxxx']);
    // 10 events 20 ms apart after a 20 ms lead: the last is due 200 ms after the start.
    assert.ok(Date.now() - started >= 200, `took ${Date.now() - started} ms`);
    assert.equal(race.quietsTicker, true, 'still quiet right after the end, while the page closes its clients');
  });

  it('a restart (new epoch) starts a new segment; refused publishes are counted, not recorded', async () => {
    const store = fakeStore();
    let calls = 0;
    const race = new RaceRun({
      settings: { rate: 50, payloadBytes: 10, durationMs: 200 },
      leadMs: 0,
      append: async (d) => {
        calls++;
        if (calls === 4) store.restart();
        if (calls === 7) throw new Error('store unavailable');
        return store.append(d);
      },
    });
    await race.finished();
    const status = race.status();
    assert.equal(status.failed, 1);
    assert.equal(status.published, 9);
    assert.deepEqual(status.segments, [
      { epoch: 'e1', first: 1, last: 3 },
      { epoch: 'e2', first: 1, last: 6 },
    ]);
  });

  it('stop() ends it at once and lets the ticker speak again', async () => {
    const store = fakeStore();
    const race = new RaceRun({
      settings: { rate: 10, payloadBytes: 10, durationMs: 10_000 },
      append: store.append,
      leadMs: 0,
    });
    await new Promise((r) => setTimeout(r, 150));
    race.stop();
    const published = race.status().published;
    await new Promise((r) => setTimeout(r, 250));
    assert.equal(race.status().published, published, 'nothing after stop');
    assert.ok(published >= 1 && published < 100);
    assert.equal(race.running, false);
    assert.equal(race.quietsTicker, false);
  });
});
