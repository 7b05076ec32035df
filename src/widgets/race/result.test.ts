import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { perTechnique } from '../../../protocol/techniques.ts';
import { buildResult, perEventBytes, summaryText, type ClientFigures } from './result.ts';
import { summarize } from './stats.ts';

describe('perEventBytes', () => {
  it("splits the server's counts per delivered event; the data is known, the rest of the payload is envelope", () => {
    // 10 events of 100 B of data arrived in bodies of 1500 B; heads 700 B up + 300 B down; 20 B of framing.
    const per = perEventBytes(
      { header: 700, framing: 0, payload: 0 },
      { header: 300, framing: 20, payload: 1500 },
      10,
      100,
    );
    assert.deepEqual(per, { header: 100, framing: 2, envelope: 50, data: 100, total: 252 });
    assert.equal(
      perEventBytes({ header: 1, framing: 0, payload: 0 }, { header: 1, framing: 0, payload: 0 }, 0, 100),
      null,
    );
  });
});

describe('buildResult and the summary', () => {
  const client = (delivered: number): ClientFigures => ({
    outcome: {
      delivered,
      duplicates: 0,
      lostToGap: 0,
      lostToReset: 0,
      lostSilently: 0,
      other: 0,
      latency: summarize([1, 2, 3]),
    },
    resets: 0,
    reconnects: 0,
    requestsSeenByPage: 1,
    emptyResponses: null,
    recoveryMs: null,
  });
  const result = buildResult({
    startedAt: new Date('2026-01-02T03:04:05Z'),
    userAgent: 'test',
    choice: { rate: 5, payloadBytes: 100, durationMs: 10_000, intervalMs: 1000 },
    clock: { offsetMs: 1.25, rttMs: 0.5, uncertaintyMs: 1.25, samples: [{ t0: 0, server: 1, t1: 0.5 }] },
    status: {
      running: false,
      settings: { rate: 5, payloadBytes: 100, durationMs: 10_000 },
      startsAt: 0,
      endsAt: 10_000,
      planned: 50,
      published: 50,
      failed: 0,
      segments: [{ epoch: 'e', first: 1, last: 50 }],
    },
    windowMs: 12_000,
    faults: [],
    clients: perTechnique(() => client(50)),
    server: {
      poll: {
        requests: 12,
        connections: 1,
        up: { header: 6000, framing: 0, payload: 0 },
        down: { header: 4000, framing: 0, payload: 7000 },
      },
    },
    features: { fetch: true, eventSource: true, webSocket: true },
  });

  it('takes requests, connections and bytes from the server, per technique', () => {
    assert.equal(result.techniques.poll.requests, 12);
    assert.equal(result.techniques.poll.perEvent!.total, (6000 + 4000 + 7000) / 50);
    assert.equal(result.techniques.sse.requests, 0, 'no counts from the server: zero, not made up');
    assert.equal(result.table.length, 7);
    assert.deepEqual(JSON.parse(JSON.stringify(result)).format, 'realtime-lab-race/2');
  });

  it('the summary states the settings, the clock, each technique and a link that sets up the same race', () => {
    const text = summaryText(result, 'http://127.0.0.1:4321/lessons/comparison/?rate=1#race');
    assert.match(
      text,
      /^Realtime Lab race, 2026-01-02 03:04 UTC\n5 events\/s for 10 s, 100 B of data per event, polling every 1 s; no fault injected\./,
    );
    assert.match(text, /offset \+1\.3 ms ± 1\.3 ms \(NTP-style, best of 1 round trip\)/);
    assert.match(
      text,
      /Polling: latency p50 2\.0 ms, p95 3\.0 ms, max 3\.0 ms; 12 requests, 1 TCP connection, 340 B\/event; 50 delivered, 0 lost, 0 duplicated\./,
    );
    assert.match(text, /Number of connections: corrected \/ /);
    assert.match(
      text,
      /Run it yourself: http:\/\/127\.0\.0\.1:4321\/lessons\/comparison\/\?rate=5&payload=100&duration=10000&interval=1000#race$/,
    );
  });
});
