// The grader's judgement case by case: exactly once (lost, repeated, out of order, across a reset),
// backlog, Retry-After, requests per second during an outage, backoff, asks-again, reopens, the
// capstone's refs, and the cleanup.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LabRequests, RequestRecord } from '../../protocol/lab.ts';
import { judge, peakPerWindow, type RunRecord } from './judge.ts';
import type { Requirement } from './schema.ts';

const ev = (seq: number) => ({ seq, time: 1000 + seq, data: { n: seq } });
const published = (...seqs: number[]) => seqs.map(ev);
const delivered = (seqs: number[], segment = 0, at = (i: number) => i * 10) =>
  seqs.map((seq, i) => ({ event: ev(seq), at: at(i), segment }));
const noRequests: LabRequests = { requests: [], dropped: 0, outages: [] };
const req = (at: number, refused: 503 | 429 | null = null): RequestRecord => ({ at, technique: 'poll', refused });

function run(over: Partial<RunRecord> = {}): RunRecord {
  return {
    histories: [published(1, 2, 3)],
    deliveries: delivered([1, 2, 3]),
    resets: 0,
    requests: noRequests,
    marks: {},
    sent: [],
    refsInLog: {},
    cleanup: { returnedClose: true, live: 0, requestsAfterClose: 0 },
    wire: [],
    ...over,
  };
}

const verdict = (r: Requirement, record: RunRecord) => judge([r], record).verdicts[0]!;

describe('exactly once', () => {
  const r: Requirement = { id: 'exactly-once' };
  it('passes when every seq came once, in order', () => {
    const j = judge([r], run());
    assert.equal(j.passed, true);
    assert.deepEqual([j.lost, j.duplicated], [0, 0]);
  });
  it('names lost and repeated seqs, as runs', () => {
    const j = judge(
      [r],
      run({ histories: [published(1, 2, 3, 4, 5, 6)], deliveries: delivered([1, 2, 2, 3, 6, 6, 6]) }),
    );
    assert.equal(j.passed, false);
    assert.deepEqual([j.lost, j.duplicated], [2, 3]);
    assert.deepEqual(j.verdicts[0]!.evidence, [
      'Lost (never delivered): seq 4–5.',
      'Delivered more than once: seq 2, 6.',
    ]);
  });
  it('says out of order, unexpected, and an event that was not delivered as sent', () => {
    const altered = { event: { seq: 2, time: 0, data: 'other' }, at: 0, segment: 0 };
    const e = verdict(r, run({ deliveries: [...delivered([1, 3]), altered, ...delivered([9])] })).evidence;
    assert.ok(
      e.some((l) => /Out of order: seq 2 was delivered after seq 3/.test(l)),
      e.join('\n'),
    );
    assert.ok(e.some((l) => /never published: seq 9/.test(l)));
    assert.ok(e.some((l) => /Seq 2 was not delivered as the server sent it/.test(l)));
  });
  it('judges each history apart: after a reset, seq 1 again is not a duplicate', () => {
    const record = run({
      histories: [published(1, 2), published(1, 2, 3)],
      deliveries: [...delivered([1, 2]), ...delivered([1, 2, 3], 1)],
      resets: 1,
    });
    assert.equal(judge([r, { id: 'reset' }], record).passed, true);
    const noReset = run({ histories: record.histories, deliveries: delivered([1, 2, 1, 2, 3]) });
    const j = judge([r, { id: 'reset' }], noReset);
    assert.deepEqual([j.lost, j.duplicated], [3, 2]);
    assert.match(
      j.verdicts[0]!.evidence.join('\n'),
      /After restart 1 of the history:\nLost \(never delivered\): seq 1–3/,
    );
    assert.match(j.verdicts[1]!.evidence[0]!, /reset\(\) called 0 times for 1 restart/);
  });
  it('shows the wire entries around the first problem', () => {
    const wire = [
      { n: 1, at: 1004, conn: 1, technique: 'poll' as const, kind: 'note' as const, text: 'cut by the server' },
      { n: 2, at: 9000, conn: 1, technique: 'poll' as const, kind: 'note' as const, text: 'far away' },
    ];
    const e = verdict(r, run({ histories: [published(1, 2, 3, 4)], wire })).evidence;
    assert.ok(e.includes('#1 poll conn 1 • cut by the server'), e.join('\n'));
    assert.ok(!e.some((l) => l.includes('far away')));
  });
});

describe('timing and requests', () => {
  it('backlog: the waiting events within the time, or how long they took', () => {
    const r: Requirement = { id: 'backlog', count: 3, withinMs: 100 };
    assert.equal(verdict(r, run()).passed, true);
    const slow = verdict(r, run({ deliveries: delivered([1, 2, 3], 0, (i) => i * 1000) }));
    assert.equal(slow.passed, false);
    assert.match(slow.evidence[0]!, /took 2000 ms/);
  });
  it('retry-after: the next request must wait the seconds asked for', () => {
    const r: Requirement = { id: 'retry-after' };
    const outages = [{ status: 503 as const, retryAfter: 2, from: 0, until: 3000, endedAt: 3000, refused: 2 }];
    const good = { requests: [req(0, 503), req(2000, 503), req(4000)], dropped: 0, outages };
    assert.equal(verdict(r, run({ requests: good })).passed, true);
    const bad = { requests: [req(0, 503), req(1000, 503), req(2000, 503), req(3100)], dropped: 0, outages };
    const v = verdict(r, run({ requests: bad }));
    assert.equal(v.passed, false);
    assert.match(v.evidence[0]!, /After a 503 with Retry-After: 2, the next request came 1\.00 s later/);
    assert.match(verdict(r, run()).evidence[0]!, /No request of yours was refused/);
  });
  it('peak requests in any second', () => {
    assert.equal(peakPerWindow([0, 100, 999, 1000, 1500]), 3);
    assert.equal(peakPerWindow([]), 0);
  });
  it('backoff: few tries per second and growing waits', () => {
    const r: Requirement = { id: 'backoff', maxPerSecond: 3 };
    const outages = [{ status: 503 as const, retryAfter: 1, from: 0, until: 15000, endedAt: 2900, refused: 4 }];
    const growing = {
      requests: [req(200, 503), req(600, 503), req(1300, 503), req(2900, 503), req(6000)],
      dropped: 0,
      outages,
    };
    assert.equal(verdict(r, run({ requests: growing })).passed, true);
    const hammering = { requests: [0, 1, 2, 3, 4].map((i) => req(i, i < 4 ? 503 : null)), dropped: 0, outages };
    assert.match(verdict(r, run({ requests: hammering })).evidence[0]!, /5 tries within one second/);
    const quick = {
      requests: [0, 20, 1200, 3000].map((t, i) => req(t, i < 3 ? 503 : null)),
      dropped: 0,
      outages: [{ ...outages[0]!, endedAt: 1200 }],
    };
    assert.match(verdict(r, run({ requests: quick })).evidence[0]!, /A try came right after a refusal/);
    const flat = {
      requests: [0, 900, 1800, 2700, 3600].map((t) => req(t, 503)),
      dropped: 0,
      outages: [{ ...outages[0]!, endedAt: 3600 }],
    };
    assert.match(verdict(r, run({ requests: flat })).evidence[0]!, /did not grow/);
  });
  it('asks-again counts the requests between two marks', () => {
    const r: Requirement = { id: 'asks-again', from: 'a', to: 'b', min: 2 };
    const requests = { requests: [req(100), req(1100), req(2100), req(5000)], dropped: 0, outages: [] };
    assert.equal(verdict(r, run({ requests, marks: { a: 0, b: 2500 } })).passed, true);
    assert.equal(verdict(r, run({ requests, marks: { a: 2200, b: 4000 } })).passed, false);
  });
  it('reopens: a request after the refusal', () => {
    const r: Requirement = { id: 'reopens' };
    const requests = (...rs: RequestRecord[]) => ({ requests: rs, dropped: 0, outages: [] });
    assert.equal(verdict(r, run({ requests: requests(req(0), req(10, 503), req(1500)) })).passed, true);
    assert.equal(verdict(r, run({ requests: requests(req(0), req(10, 503)) })).passed, false);
  });
});

describe('messages and cleanup', () => {
  it('each message once in the log', () => {
    const r: Requirement = { id: 'each-message-once' };
    const sent = [
      { ref: 'a', text: 'one' },
      { ref: 'b', text: 'two' },
      { ref: 'c', text: 'three' },
    ];
    assert.equal(verdict(r, run({ sent, refsInLog: { a: 1, b: 1, c: 1 } })).passed, true);
    const v = verdict(r, run({ sent, refsInLog: { a: 1, b: 2 } }));
    assert.deepEqual(v.evidence, ['Never published: “three”.', 'In the channel more than once: “two”.']);
  });
  it('cleanup: a close function, nothing open, no request after it', () => {
    const r: Requirement = { id: 'cleanup' };
    assert.equal(verdict(r, run()).passed, true);
    const v = verdict(r, run({ cleanup: { returnedClose: false, live: 1, requestsAfterClose: 2 } }));
    assert.equal(v.evidence.length, 3);
  });
});
