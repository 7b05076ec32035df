import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { perTechnique, type Technique, type TechniqueId } from '../../../protocol/techniques.ts';
import { POST_TECHNIQUES, type PostTechniqueId, ROWS } from './claims.ts';
import { verdictTable, type RunNumbers, type TechniqueNumbers } from './verdicts.ts';

const bytes = (header: number, framing: number, payload: number) => ({ header, framing, payload });

function numbers(over: Partial<TechniqueNumbers> = {}): TechniqueNumbers {
  return {
    requests: 1,
    connections: 1,
    emptyResponses: null,
    delivered: 6,
    reconnects: 0,
    lostSilently: 0,
    duplicates: 0,
    up: bytes(500, 0, 0),
    down: bytes(200, 10, 600),
    perEvent: { header: 100, framing: 2, envelope: 60, data: 10, total: 172 },
    recoveryMs: null,
    ...over,
  };
}

/**
 * What a quiet race gives each kind of technique: a poll per second, mostly empty; a few held requests
 * over two connections; one stream, its events dearer in an event stream than in WebSocket frames.
 */
function quiet(t: Technique): Partial<TechniqueNumbers> {
  switch (t.connection) {
    case 'request-per-answer':
      return {
        requests: 60,
        connections: 1,
        emptyResponses: 58,
        perEvent: { header: 8000, framing: 0, envelope: 2000, data: 10, total: 10_010 },
      };
    case 'held-request':
      return {
        requests: 7,
        connections: 2,
        emptyResponses: 1,
        perEvent: { header: 1200, framing: 0, envelope: 80, data: 10, total: 1290 },
      };
    case 'persistent':
      return t.wire === 'event-stream'
        ? { perEvent: { header: 120, framing: 6, envelope: 60, data: 10, total: 196 } }
        : { perEvent: { header: 110, framing: 2, envelope: 50, data: 10, total: 172 } };
  }
}

/** A quiet one-minute race: 0.1 events/s, polling every second. */
function quietRun(
  over: Partial<Record<TechniqueId, Partial<TechniqueNumbers>>> = {},
  extra: Partial<RunNumbers> = {},
): RunNumbers {
  return {
    settings: { rate: 0.1, payloadBytes: 10, intervalMs: 1000 },
    windowMs: 60_000,
    faults: { cuts: 0, restarts: 0 },
    features: { fetch: true, eventSource: true, webSocket: true },
    techniques: perTechnique((t) => numbers({ ...quiet(t), ...over[t.id] })),
    ...extra,
  };
}

/** The technique the post compares that holds a request (long polling). */
const held = POST_TECHNIQUES.find((t) => t.connection === 'held-request')!;
/** The ones that ask again with a request of their own (the two polls), and the stream that reconnects by itself. */
const polls = POST_TECHNIQUES.filter((t) => t.connection !== 'persistent');
const stream = POST_TECHNIQUES.find((t) => t.browserReconnects)!;

const cell = (run: RunNumbers, row: string, t: PostTechniqueId) =>
  verdictTable(run).find((r) => r.id === row)!.cells[t];

describe('verdictTable', () => {
  it("has the source post's seven rows, T1 to T7, each with the claim in Korean and English, a verdict and evidence for every technique it compares", () => {
    const table = verdictTable(quietRun());
    assert.deepEqual(
      table.map((r) => r.id),
      [...ROWS],
    );
    assert.deepEqual(
      table.map((r) => r.claimId),
      ['T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7'],
    );
    for (const row of table)
      for (const { id: t } of POST_TECHNIQUES) {
        const c = row.cells[t];
        assert.ok(c.claim && c.claimKo && c.evidence && c.verdict, `${row.id}/${t}`);
      }
    assert.equal(table.find((r) => r.id === 'scalability')!.cells.websocket.claimKo, '가장 높음');
  });

  it('polling at 1 s: about one request per second per client, most of them empty at 0.1 events/s: "poor" confirmed', () => {
    const c = cell(quietRun(), 'scalability', 'poll');
    assert.equal(c.verdict, 'confirmed');
    assert.match(
      c.evidence,
      /made 1 request per second per client \(60 requests\), 97% of them empty at 0\.1 events\/s/,
    );
  });

  it('polling whose answers mostly carry events: "poor" is nuanced', () => {
    const c = cell(quietRun({ poll: { requests: 10, emptyResponses: 1 } }), 'scalability', 'poll');
    assert.equal(c.verdict, 'nuanced');
    assert.match(c.evidence, /most polls carry news/);
  });

  it('connections: many requests over few connections corrects "many ⇒ a request every period"; as many confirms it', () => {
    assert.equal(cell(quietRun(), 'connections', 'poll').verdict, 'corrected');
    assert.match(
      cell(quietRun(), 'connections', 'poll').evidence,
      /60 requests over 1 TCP connection: the requests are many, the connections few\. HTTP\/1\.1 keeps a connection open/,
    );
    assert.equal(cell(quietRun(), 'connections', held.id).verdict, 'corrected', '"one request per connection"');
    assert.equal(cell(quietRun({ poll: { requests: 5, connections: 5 } }), 'connections', 'poll').verdict, 'confirmed');
    assert.equal(cell(quietRun(), 'connections', 'sse').verdict, 'confirmed');
    assert.equal(
      cell(quietRun({ websocket: { connections: 2, reconnects: 1 } }), 'connections', 'websocket').verdict,
      'nuanced',
    );
  });

  it('protocol: WebSocket\'s "TCP" is corrected with the handshake bytes the server counted', () => {
    const c = cell(
      quietRun({ websocket: { up: bytes(480, 12, 0), down: bytes(129, 80, 600) } }),
      'protocol',
      'websocket',
    );
    assert.equal(c.verdict, 'corrected');
    assert.match(c.evidence, /1 HTTP\/1\.1 GET with Upgrade: websocket, answered 101 \(609 B of HTTP heads/);
    assert.match(c.evidence, /HTTP\/3 over QUIC/, 'not "all four run over TCP"');
    assert.equal(cell(quietRun(), 'protocol', 'sse').verdict, 'confirmed');
    assert.match(c.source!.href, /rfc6455/);
  });

  it('error handling: WebSocket\'s "a built-in mechanism exists" is corrected; after a cut the evidence has the measured recovery', () => {
    const run = quietRun({ websocket: { reconnects: 1, recoveryMs: 1234 } }, { faults: { cuts: 1, restarts: 0 } });
    const c = cell(run, 'error-handling', 'websocket');
    assert.equal(c.verdict, 'corrected');
    assert.match(c.evidence, /only reports: a close event with a code \(1006 after a drop\)/);
    assert.match(
      c.evidence,
      /never reconnects.*1 reconnect, first event again 1\.2 s after the fault; 0 lost, 0 duplicated/,
    );
  });

  it('error handling: "implemented by hand" for the polls and SSE\'s "reconnects automatically, but some handled by hand" are confirmed', () => {
    assert.match(cell(quietRun(), 'error-handling', 'poll').evidence, /Not measured in this run/);
    const cut = quietRun({ sse: { reconnects: 1, recoveryMs: 2100 } }, { faults: { cuts: 1, restarts: 0 } });
    for (const t of [...polls, stream]) assert.equal(cell(cut, 'error-handling', t.id).verdict, 'confirmed', t.id);
    assert.ok(
      cell(cut, 'error-handling', held.id).evidence.startsWith(
        `This course's client does it (${held.files.client[0]})`,
      ),
    );
    assert.match(
      cell(cut, 'error-handling', stream.id).evidence,
      /reconnected by itself, sending Last-Event-ID\. By hand: resuming/,
    );
  });

  it('scalability of SSE ("high") and WebSocket ("highest"): cheaper per event than every technique ranked lower is nuanced (the held connection), not cheaper is corrected', () => {
    assert.equal(cell(quietRun(), 'scalability', 'sse').verdict, 'nuanced');
    const ws = cell(quietRun(), 'scalability', 'websocket');
    assert.equal(ws.verdict, 'nuanced');
    assert.match(
      ws.evidence,
      /^172 B per event, against 10,010 B for Polling, 1,290 B for Long polling, 196 B for SSE\./,
    );
    // Dearer than SSE, which the post ranks below it: "highest" does not hold per event.
    const dearerThanSse = quietRun({
      websocket: { perEvent: { header: 150, framing: 2, envelope: 50, data: 10, total: 212 } },
    });
    assert.equal(cell(dearerThanSse, 'scalability', 'websocket').verdict, 'corrected');
    assert.equal(cell(dearerThanSse, 'scalability', 'sse').verdict, 'nuanced', 'SSE is ranked above the polls only');
    const dear = quietRun({
      websocket: { perEvent: { header: 5000, framing: 2, envelope: 50, data: 10, total: 5062 } },
    });
    assert.equal(cell(dear, 'scalability', 'websocket').verdict, 'corrected');
  });

  it('difficulty: the stars hold when no technique rated easier took more lines and none rated harder took fewer', () => {
    // Polling smallest, long polling a little more (on the server), the streams larger, WebSocket largest.
    const ordered = perTechnique((t) =>
      t.connection === 'request-per-answer'
        ? { client: 20, server: 30 }
        : t.connection === 'held-request'
          ? { client: 20, server: 50 }
          : t.wire === 'event-stream'
            ? { client: 60, server: 90 }
            : { client: 100, server: 180 },
    );
    const run = quietRun({}, { codeLines: ordered });
    assert.deepEqual(
      POST_TECHNIQUES.map((t) => cell(run, 'difficulty', t.id).verdict),
      ['confirmed', 'confirmed', 'confirmed', 'confirmed'],
    );
    assert.match(
      cell(run, 'difficulty', 'websocket').evidence,
      /100 lines in the browser, 180 on the server \(280 in all/,
    );
  });

  it('difficulty: long polling (★) larger than SSE (★★) leaves both nuanced, each naming the other', () => {
    const codeLines = perTechnique((t) =>
      t.connection === 'request-per-answer'
        ? { client: 173, server: 36 }
        : t.connection === 'held-request'
          ? { client: 171, server: 102 }
          : t.wire === 'event-stream'
            ? { client: 77, server: 158 }
            : { client: 132, server: 257 },
    );
    const run = quietRun({}, { codeLines });
    assert.deepEqual(
      POST_TECHNIQUES.map((t) => cell(run, 'difficulty', t.id).verdict),
      ['confirmed', 'nuanced', 'nuanced', 'confirmed'],
    );
    assert.match(cell(run, 'difficulty', held.id).evidence, /Yet SSE, rated ★★, took fewer \(235\)\./);
    assert.match(cell(run, 'difficulty', stream.id).evidence, /Yet Long polling, rated ★, took more \(273\)\./);
  });

  it('difficulty without the line counts rests on where the work lies', () => {
    assert.equal(cell(quietRun(), 'difficulty', 'poll').verdict, 'confirmed');
    assert.match(cell(quietRun(), 'difficulty', 'websocket').evidence, /written by hand/);
  });

  it('browser support reports what the racing browser has; "most modern browsers" is nuanced: every current engine', () => {
    const c = cell(
      quietRun({}, { features: { fetch: true, eventSource: false, webSocket: true } }),
      'browser-support',
      'sse',
    );
    assert.match(c.evidence, /EventSource in the browser that ran the race: no/);
    assert.match(c.source!.href, /developer\.mozilla\.org/);
    assert.equal(c.verdict, 'nuanced');
    assert.equal(cell(quietRun(), 'browser-support', 'websocket').verdict, 'nuanced');
    assert.equal(cell(quietRun(), 'browser-support', 'poll').verdict, 'confirmed');
  });
});
