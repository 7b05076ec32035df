// A grading run by itself: the quiet tick, refusals by count and by duration with their Retry-After,
// the request log and its bound, and the plans' ranges.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GRADING_QUIET_MS, GradingRun, parsePublishPlan, parseRefusePlan } from './grading.ts';

describe('GradingRun', () => {
  it('keeps the tick quiet for a while after its start, longer after a publish', () => {
    let now = 0;
    const run = new GradingRun(() => now);
    assert.equal(run.quietsTicker, true);
    now = GRADING_QUIET_MS - 1;
    run.touch();
    now = GRADING_QUIET_MS + 1;
    assert.equal(run.quietsTicker, true);
    run.stop();
    assert.equal(run.quietsTicker, false);
  });

  it('refuses the next `count` requests, with the status and Retry-After asked for, and logs them all', () => {
    let now = 1000;
    const run = new GradingRun(() => now);
    run.refuse({ status: 429, retryAfter: 3, count: 2, durationMs: 10_000 });
    const first = run.arrive('long-poll');
    assert.equal(first?.code, 'fault_rate_limited');
    assert.deepEqual(first?.headers, { 'Retry-After': '3' });
    now += 10;
    assert.equal(run.arrive('long-poll')?.status, 429);
    now += 10;
    assert.equal(run.arrive('long-poll'), null);
    const report = run.report();
    assert.deepEqual(
      report.requests.map((r) => r.refused),
      [429, 429, null],
    );
    assert.deepEqual([report.outages[0]!.refused, report.outages[0]!.endedAt], [2, 1010]);
  });

  it('refuses for a duration, then lets requests through', () => {
    let now = 0;
    const run = new GradingRun(() => now);
    run.refuse({ status: 503, retryAfter: 1, count: 1000, durationMs: 500 });
    assert.equal(run.arrive('poll')?.code, 'fault_unavailable');
    now = 600;
    assert.equal(run.arrive('poll'), null);
    assert.equal(run.report().outages[0]!.endedAt, 500);
  });

  it('keeps at most 2000 requests, counting the ones it forgot', () => {
    const run = new GradingRun(() => 0);
    for (let i = 0; i < 2005; i++) run.arrive('sse');
    const report = run.report();
    assert.deepEqual([report.requests.length, report.dropped], [2000, 5]);
  });

  it('checks the plans against their ranges', () => {
    assert.deepEqual(parseRefusePlan({ status: 503 }), {
      status: 503,
      retryAfter: 1,
      count: 1000,
      durationMs: 10_000,
      cut: false,
    });
    for (const bad of [
      null,
      { status: 500 },
      { status: 429, count: 0 },
      { status: 429, retryAfter: 1.5 },
      { status: 503, cut: 1 },
    ])
      assert.throws(
        () => parseRefusePlan(bad),
        (err: Error & { code?: string }) => err.code === 'invalid_fault',
        JSON.stringify(bad),
      );
    assert.deepEqual(parsePublishPlan({ count: 0 }, 10), { count: 0, cut: false });
    assert.throws(() => parsePublishPlan({ count: 11 }, 10), /from 0 to 10/);
  });
});
