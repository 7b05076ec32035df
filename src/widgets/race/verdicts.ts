/**
 * The trade-offs table filled from one race: for each claim of the source post, the evidence this run
 * measured and the verdict that follows from it. Rows a run cannot measure (browser support, how the
 * APIs behave by specification) rest on a citation, with what this browser itself reports.
 *
 * Each row is a function of one technique: its registry entry (how its connection lives, what its wire
 * carries, which way) and its own numbers, with the run's for the comparisons. No cell is chosen by a
 * technique's id, so a technique added to protocol/techniques.ts gets its cells from what it is.
 */
import {
  perTechnique,
  TECHNIQUE_IDS,
  TECHNIQUES,
  type Technique,
  type TechniqueId,
  type TechniqueInfo,
} from '../../../protocol/techniques.ts';
import type { ByteCounts } from '../shared/lab-api.ts';
import { claim, claimedDifficulty, ROWS, rowLabel, SOURCES, type RowId, type Source } from './claims.ts';
import { plural } from './settings.ts';

/** `measured`: the post compares four techniques; for one it does not, the run's evidence stands alone. */
export const VERDICTS = ['confirmed', 'nuanced', 'corrected', 'measured'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** Bytes on the wire per delivered event, both directions, split by what they were for. */
export interface PerEvent {
  /** HTTP request and response heads (the WebSocket handshake included). */
  header: number;
  /** Chunked-coding lines, WebSocket frame headers and masking keys. */
  framing: number;
  /** Message bodies around the data: JSON envelopes, SSE field names, poll answers with nothing in them. */
  envelope: number;
  /** The events' `data` itself: what the application wanted to send. */
  data: number;
  total: number;
}

export interface TechniqueNumbers {
  /** HTTP requests the server counted (a stream or a WebSocket upgrade is one). */
  requests: number;
  /** TCP connections that carried its requests. */
  connections: number;
  /** Answers with no event in them (polling and long polling); null for streams. */
  emptyResponses: number | null;
  delivered: number;
  reconnects: number;
  lostSilently: number;
  duplicates: number;
  up: ByteCounts;
  down: ByteCounts;
  perEvent: PerEvent | null;
  /** From the first fault to the first event delivered after the client noticed it; null without a fault. */
  recoveryMs: number | null;
}

export interface RunNumbers {
  settings: { rate: number; payloadBytes: number; intervalMs: number };
  /** How long the clients were open, ms. */
  windowMs: number;
  faults: { cuts: number; restarts: number };
  techniques: Record<TechniqueId, TechniqueNumbers>;
  /** What this browser has, detected live. */
  features: { fetch: boolean; eventSource: boolean; webSocket: boolean };
  /** Lines of code (no comments or blank lines) this course needed per technique, if the page knows them. */
  codeLines?: Record<TechniqueId, { client: number; server: number }>;
}

export interface Cell {
  /** The post's words; null for a technique the post does not compare. */
  claim: string | null;
  verdict: Verdict;
  evidence: string;
  source?: Source;
}

export interface Row {
  id: RowId;
  label: string;
  cells: Record<TechniqueId, Cell>;
}

const sum = (c: ByteCounts) => c.header + c.framing + c.payload;
const n = (x: number) => Math.round(x).toLocaleString('en');
const percent = (part: number, whole: number) => (whole === 0 ? '0%' : `${Math.round((100 * part) / whole)}%`);
const seconds = (ms: number) => `${+(ms / 1000).toFixed(1)} s`;
const perEvent = (t: TechniqueNumbers) => (t.perEvent ? `${n(t.perEvent.total)} B per event` : 'no event delivered');
const NOT_CUT = 'Not measured in this run: cut the connections during a race to see it.';

type Evidence = Omit<Cell, 'claim'>;

/** One cell of a row: what one technique is (its registry entry), what it did here, and the whole run. */
type CellBuilder = (t: Technique, x: TechniqueNumbers, run: RunNumbers) => Evidence;

/** The per-event totals of the techniques that `keep` selects, among those that delivered an event. */
const perEventTotals = (techniques: RunNumbers['techniques'], keep: (t: Technique) => boolean): number[] =>
  TECHNIQUES.filter(keep).flatMap((t) => {
    const per = techniques[t.id].perEvent;
    return per ? [per.total] : [];
  });

/** The specification of what a held connection carries, for the cells that rest on it. */
const WIRE_SPEC = {
  'event-stream': SOURCES.sse,
  'websocket-frames': SOURCES.wsFrames,
} as const satisfies Partial<Record<TechniqueInfo['wire'], Source>>;

const direction: CellBuilder = (t, x) => {
  const up = n(sum(x.up));
  const down = n(sum(x.down));
  // A request that ends with its answer: every exchange starts in the browser.
  if (t.connection !== 'persistent')
    return {
      verdict: 'confirmed',
      evidence: `${plural(x.requests, 'request')} went up (${up} B) to bring ${down} B down: the client asks, the server only answers.`,
    };
  if (t.direction === 'two-way')
    return {
      verdict: 'confirmed',
      evidence: `Frames go both ways on one connection: ${up} B went up on it here (handshake, pongs, the close), ${down} B came down.`,
      source: WIRE_SPEC[t.wire],
    };
  return {
    verdict: 'confirmed',
    evidence: `${plural(x.requests, 'request')} up (${up} B), then ${down} B down on its response. To talk back, a page sends ordinary requests beside it.`,
    source: WIRE_SPEC[t.wire],
  };
};

const protocol: CellBuilder = (t, x) => {
  const heads = x.up.header + x.down.header;
  const http = (what: string): Evidence => ({
    verdict: 'confirmed',
    evidence: `HTTP/1.1 over TCP: ${what}, ${n(heads)} B of HTTP heads.`,
  });
  switch (t.wire) {
    case 'json-answers':
      return http(plural(x.requests, 'request'));
    case 'event-stream':
      return http(`${plural(x.requests, 'GET')} whose response never ends`);
    case 'websocket-frames':
      return {
        verdict: 'corrected',
        evidence:
          heads > 0
            ? `It starts as HTTP: ${plural(x.requests, 'HTTP/1.1 GET')} with Upgrade: websocket, answered 101 (${n(heads)} B of HTTP heads on its connection), then frames on the same TCP connection. All four run over TCP; "HTTP vs TCP" is a false contrast.`
            : 'It starts as an HTTP/1.1 GET answered by 101 Switching Protocols, then frames on the same TCP connection. All four run over TCP; "HTTP vs TCP" is a false contrast.',
        source: SOURCES.wsHandshake,
      };
  }
};

/**
 * Where a technique's work lies: on its own (when the page does not know the lines of code), and as a
 * sentence beside the line counts. A request's work follows how the server answers it; a held
 * connection's, whether the browser's API reconnects by itself (EventSource does, WebSocket does not).
 */
function work(t: Technique): { alone: string; verdict: Verdict; beside: string } {
  switch (t.connection) {
    case 'request-per-answer':
      return { alone: 'A loop around one fetch.', verdict: 'confirmed', beside: '' };
    case 'held-request':
      return {
        alone:
          "The client is polling's loop without the wait; the work is on the server (holding and waking requests).",
        verdict: 'nuanced',
        beside:
          " The browser side is polling's loop without the wait; the extra work is the server holding and waking requests.",
      };
    case 'persistent':
      return t.wire === 'event-stream'
        ? {
            alone: 'The browser reconnects and sends Last-Event-ID by itself; the server resumes from it.',
            verdict: 'confirmed',
            beside: " The browser reconnects by itself; resuming from Last-Event-ID is the server's job.",
          }
        : {
            alone: 'Reconnection, resume, Origin checks and pings are all written by hand.',
            verdict: 'confirmed',
            beside: ' Reconnecting and resuming are written by hand.',
          };
  }
}

/** Judged by the lines of code this course needed: a measurement of its own code, not of every codebase. */
const difficulty: CellBuilder = (t, _x, { codeLines }) => {
  const { alone, verdict, beside } = work(t);
  if (!codeLines) return { verdict, evidence: alone };
  const total = (k: TechniqueId) => codeLines[k].client + codeLines[k].server;
  const totals = TECHNIQUE_IDS.map(total);
  const smallest = Math.min(...totals);
  const largest = Math.max(...totals);
  const size = total(t.id);
  const level = claimedDifficulty(t.id);
  const judged: Verdict =
    level === 'easy'
      ? size <= smallest * 1.25
        ? 'confirmed'
        : 'nuanced'
      : level === 'hard'
        ? size === largest
          ? 'confirmed'
          : 'nuanced'
        : size > smallest * 1.25 && size < largest
          ? 'confirmed'
          : 'nuanced';
  const lines = `This course's code: ${n(codeLines[t.id].client)} lines in the browser, ${n(codeLines[t.id].server)} on the server (${n(size)} in all, comments left out).`;
  return { verdict: judged, evidence: `${lines}${beside}` };
};

const connections: CellBuilder = (t, x) => {
  if (t.connection === 'persistent')
    return x.connections <= 1
      ? { verdict: 'confirmed', evidence: `${plural(x.connections, 'TCP connection')} for the whole run.` }
      : {
          verdict: 'nuanced',
          evidence: `${plural(x.connections, 'TCP connection')}: one at a time, and a new one after each drop (${plural(x.reconnects, 'reconnect')}).`,
        };
  if (x.connections < x.requests)
    return {
      verdict: 'corrected',
      evidence: `${plural(x.requests, 'request')} over ${plural(x.connections, 'TCP connection')}: HTTP/1.1 keeps connections alive and reuses them, so a new request is not a new connection.`,
      source: SOURCES.persistent,
    };
  // The post's words: a poll asks anew per request, a held request per response.
  const per = t.connection === 'request-per-answer' ? 'per request' : 'per response';
  return {
    verdict: 'confirmed',
    evidence: `${plural(x.requests, 'request')} over ${plural(x.connections, 'TCP connection')}: one new connection ${per}.`,
  };
};

const scalability: CellBuilder = (t, x, { techniques, settings, windowMs }) => {
  switch (t.connection) {
    case 'request-per-answer': {
      const empty = x.emptyResponses ?? 0;
      const perSecond = +(x.requests / Math.max(windowMs / 1000, 0.001)).toFixed(2);
      const evidence = `Polling every ${seconds(settings.intervalMs)} made ${perSecond} request${perSecond === 1 ? '' : 's'} per second per client (${plural(x.requests, 'request')}), ${percent(empty, x.requests)} of them empty at ${settings.rate} events/s; ${perEvent(x)}.`;
      return empty * 2 >= x.requests
        ? { verdict: 'confirmed', evidence }
        : {
            verdict: 'nuanced',
            evidence: `${evidence} At this rate most polls carry news: the cost follows the interval, not the events.`,
          };
    }
    case 'held-request': {
      // Confirmed when an answer's HTTP exchange costs at least three times what the same events cost on
      // one HTTP response held open (an event stream), per event.
      const streams = perEventTotals(techniques, (u) => u.connection === 'persistent' && u.wire === 'event-stream');
      const dear = x.perEvent !== null && streams.length > 0 && x.perEvent.total >= 3 * Math.max(...streams);
      const perDelivered = x.delivered > 0 ? x.requests / x.delivered : null;
      return {
        verdict: dear ? 'confirmed' : 'nuanced',
        evidence: `${perDelivered === null ? 'No event delivered' : `${+perDelivered.toFixed(2)} requests per event delivered`} (${perEvent(x)}): each answer costs a full HTTP exchange, and every waiting client asks again at once after each event. The surge needs many clients to see.`,
        source: SOURCES.longPoll,
      };
    }
    case 'persistent': {
      const cheapestPolling = Math.min(...perEventTotals(techniques, (u) => u.connection !== 'persistent'));
      const cheaper = x.perEvent !== null && x.perEvent.total < cheapestPolling;
      // An event stream is an HTTP response that never ends: it keeps one of the browser's HTTP/1.1
      // connections to the host. A WebSocket, once upgraded, is out of that pool.
      const pool = t.wire === 'event-stream' ? ", one of the browser's 6 per host over HTTP/1.1" : '';
      return {
        verdict: cheaper ? 'nuanced' : 'corrected',
        evidence: `${perEvent(x)} against ${Number.isFinite(cheapestPolling) ? `${n(cheapestPolling)} B` : 'nothing'} for the cheaper kind of polling${cheaper ? '' : ': not cheaper here'}. But each client holds a connection all the time (memory, a file descriptor${pool}): what scales depends on the event rate, the fan-out and that cost.`,
      };
    }
  }
};

const browserSupport: CellBuilder = (t, _x, { features }) => {
  const here = (has: boolean, api: string) => `${api} in this browser: ${has ? 'yes' : 'no'}.`;
  switch (t.wire) {
    case 'json-answers':
      return {
        verdict: 'confirmed',
        evidence: `${here(features.fetch, 'fetch')} ${t.connection === 'held-request' ? 'A held request is an ordinary request to the browser.' : 'XMLHttpRequest works in every browser.'}`,
        source: SOURCES.mdnXhr,
      };
    case 'event-stream':
      return {
        verdict: 'confirmed',
        evidence: `${here(features.eventSource, 'EventSource')} Every current browser has it; Internet Explorer never did.`,
        source: SOURCES.mdnEventSource,
      };
    case 'websocket-frames':
      return {
        verdict: 'nuanced',
        evidence: `${here(features.webSocket, 'WebSocket')} Wider than the claim: Internet Explorer 10 and 11 had it too.`,
        source: SOURCES.mdnWebSocket,
      };
  }
};

const errorHandling: CellBuilder = (t, x, { faults }) => {
  const cut = faults.cuts + faults.restarts > 0;
  const recovered = `${plural(x.reconnects, 'reconnect')}${x.recoveryMs === null ? '' : `, first event again ${seconds(x.recoveryMs)} after the fault`}; ${n(x.lostSilently)} lost, ${n(x.duplicates)} duplicated`;
  switch (t.connection) {
    case 'request-per-answer':
      return {
        verdict: cut && x.lostSilently > 0 ? 'corrected' : 'confirmed',
        evidence: !cut
          ? NOT_CUT
          : x.reconnects === 0
            ? `No poll was in flight when the fault struck, so there was no connection to lose: the next poll asked with its cursor; ${n(x.lostSilently)} lost, ${n(x.duplicates)} duplicated.`
            : `${recovered}: the next poll asks again with the same cursor.`,
      };
    case 'held-request':
      return {
        verdict: 'confirmed',
        evidence: cut ? `${recovered}: the client's own code asked again from its cursor.` : NOT_CUT,
      };
    case 'persistent':
      // EventSource reconnects by itself; the browser's WebSocket never does, nor does a fetch.
      return t.browserReconnects
        ? {
            verdict: 'nuanced',
            evidence: `${cut ? `${recovered}: the browser reconnected by itself, sending Last-Event-ID. ` : ''}But it gives up for good after a non-200 status or a wrong Content-Type, and resuming from Last-Event-ID is the server's job.`,
            source: SOURCES.sse,
          }
        : {
            verdict: 'corrected',
            evidence: `${t.wire === 'websocket-frames' ? "The browser's WebSocket" : 'A fetch'} never reconnects. ${cut ? `This course's client did (${recovered}), by its own code.` : `This course's client does it by its own code (${t.files.client[0]}).`}`,
            source: t.wire === 'websocket-frames' ? SOURCES.wsApi : SOURCES.sse,
          };
  }
};

const BUILDERS: Record<RowId, CellBuilder> = {
  direction,
  protocol,
  difficulty,
  connections,
  scalability,
  'browser-support': browserSupport,
  'error-handling': errorHandling,
};

export function verdictTable(run: RunNumbers): Row[] {
  return ROWS.map((id) => ({
    id,
    label: rowLabel(id),
    cells: perTechnique((t) => {
      const evidence = BUILDERS[id](t, run.techniques[t.id], run);
      const said = claim(id, t.id);
      return said === undefined ? { ...evidence, claim: null, verdict: 'measured' } : { ...evidence, claim: said };
    }),
  }));
}
