import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { describe, it, mock } from 'node:test';
import { StreamHeartbeat } from './event-stream.ts';

/** Just what the heartbeat touches of a Node response: it writes, and it may have ended. */
function fakeStream() {
  const written: string[] = [];
  const res = { writableEnded: false, destroyed: false, write: (s: string) => written.push(s) };
  return { res: res as unknown as ServerResponse, written };
}

describe('StreamHeartbeat: one timer, quiet streams only', () => {
  it('comments on a quiet stream every interval, and not on one that carries events', () => {
    mock.timers.enable({ apis: ['setInterval'] });
    try {
      const beats: number[] = [];
      const heartbeat = new StreamHeartbeat(1000, (bytes) => beats.push(bytes));
      const quiet = fakeStream();
      const busy = fakeStream();
      heartbeat.add(quiet.res);
      heartbeat.add(busy.res);
      for (let t = 0; t < 10; t++) {
        heartbeat.touch(busy.res);
        mock.timers.tick(500);
      }
      // 5 s: the quiet stream heard a comment at most every 1 s, the busy one none at all.
      assert.equal(quiet.written.length, 5);
      assert.ok(quiet.written.every((w) => /^: heartbeat \d+\n\n$/.test(w)));
      assert.deepEqual(busy.written, []);
      assert.equal(beats.length, 5);
      heartbeat.stop();
    } finally {
      mock.timers.reset();
    }
  });

  it('forgets a removed stream and skips an ended one', () => {
    mock.timers.enable({ apis: ['setInterval'] });
    try {
      const heartbeat = new StreamHeartbeat(1000, () => {});
      const gone = fakeStream();
      const ended = fakeStream();
      heartbeat.add(gone.res);
      heartbeat.remove(gone.res);
      heartbeat.add(ended.res);
      (ended.res as { writableEnded: boolean }).writableEnded = true;
      mock.timers.tick(3000);
      assert.deepEqual([gone.written, ended.written], [[], []]);
      heartbeat.stop();
    } finally {
      mock.timers.reset();
    }
  });
});
