/**
 * The trade-offs table filled from one race: for each claim of the source post, the evidence this run
 * measured and the verdict that follows from it. Rows a run cannot measure (browser support, how the
 * APIs behave by specification) rest on a citation, with what this browser itself reports.
 */
import { TECHNIQUE_IDS, type TechniqueId } from '../../../protocol/techniques.ts';
import type { ByteCounts } from '../shared/lab-api.ts';
import { claim, claimedDifficulty, ROWS, rowLabel, SOURCES, type RowId, type Source } from './claims.ts';
import { plural } from './settings.ts';

export const VERDICTS = ['confirmed', 'nuanced', 'corrected'] as const;
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
  claim: string;
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

type RowBuilder = (run: RunNumbers) => Record<TechniqueId, Omit<Cell, 'claim'>>;

const direction: RowBuilder = ({ techniques: t }) => {
  const pulled = (x: TechniqueNumbers): Omit<Cell, 'claim'> => ({
    verdict: 'confirmed',
    evidence: `${plural(x.requests, 'request')} went up (${n(sum(x.up))} B) to bring ${n(sum(x.down))} B down: the client asks, the server only answers.`,
  });
  return {
    poll: pulled(t.poll),
    'long-poll': pulled(t['long-poll']),
    sse: {
      verdict: 'confirmed',
      evidence: `${plural(t.sse.requests, 'request')} up (${n(sum(t.sse.up))} B), then ${n(sum(t.sse.down))} B down on its response. To talk back, a page sends ordinary requests beside it.`,
      source: SOURCES.sse,
    },
    websocket: {
      verdict: 'confirmed',
      evidence: `Frames go both ways on one connection: ${n(sum(t.websocket.up))} B went up on it here (handshake, pongs, the close), ${n(sum(t.websocket.down))} B came down.`,
      source: SOURCES.wsFrames,
    },
  };
};

const protocol: RowBuilder = ({ techniques: t }) => {
  const http = (x: TechniqueNumbers, what: string): Omit<Cell, 'claim'> => ({
    verdict: 'confirmed',
    evidence: `HTTP/1.1 over TCP: ${what}, ${n(x.up.header + x.down.header)} B of HTTP heads.`,
  });
  const ws = t.websocket;
  return {
    poll: http(t.poll, plural(t.poll.requests, 'request')),
    'long-poll': http(t['long-poll'], plural(t['long-poll'].requests, 'request')),
    sse: http(t.sse, `${plural(t.sse.requests, 'GET')} whose response never ends`),
    websocket: {
      verdict: 'corrected',
      evidence:
        ws.up.header + ws.down.header > 0
          ? `It starts as HTTP: ${plural(ws.requests, 'HTTP/1.1 GET')} with Upgrade: websocket, answered 101 (${n(ws.up.header + ws.down.header)} B of HTTP heads on its connection), then frames on the same TCP connection. All four run over TCP; "HTTP vs TCP" is a false contrast.`
          : 'It starts as an HTTP/1.1 GET answered by 101 Switching Protocols, then frames on the same TCP connection. All four run over TCP; "HTTP vs TCP" is a false contrast.',
      source: SOURCES.wsHandshake,
    },
  };
};

/** Judged by the lines of code this course needed: a measurement of its own code, not of every codebase. */
const difficulty: RowBuilder = ({ codeLines }) => {
  const cite = (text: string, verdict: Verdict): Omit<Cell, 'claim'> => ({ verdict, evidence: text });
  if (!codeLines) {
    return {
      poll: cite('A loop around one fetch.', 'confirmed'),
      'long-poll': cite(
        "The client is polling's loop without the wait; the work is on the server (holding and waking requests).",
        'nuanced',
      ),
      sse: cite('The browser reconnects and sends Last-Event-ID by itself; the server resumes from it.', 'confirmed'),
      websocket: cite('Reconnection, resume, Origin checks and pings are all written by hand.', 'confirmed'),
    };
  }
  const total = (k: TechniqueId) => codeLines[k].client + codeLines[k].server;
  const totals = TECHNIQUE_IDS.map(total);
  const smallest = Math.min(...totals);
  const largest = Math.max(...totals);
  const lines = (k: TechniqueId) =>
    `This course's code: ${n(codeLines[k].client)} lines in the browser, ${n(codeLines[k].server)} on the server (${n(total(k))} in all, comments left out).`;
  const judge = (k: TechniqueId): Verdict => {
    const level = claimedDifficulty(k);
    const size = total(k);
    if (level === 'easy') return size <= smallest * 1.25 ? 'confirmed' : 'nuanced';
    if (level === 'hard') return size === largest ? 'confirmed' : 'nuanced';
    return size > smallest * 1.25 && size < largest ? 'confirmed' : 'nuanced';
  };
  return {
    poll: { verdict: judge('poll'), evidence: lines('poll') },
    'long-poll': {
      verdict: judge('long-poll'),
      evidence: `${lines('long-poll')} The browser side is polling's loop without the wait; the extra work is the server holding and waking requests.`,
    },
    sse: {
      verdict: judge('sse'),
      evidence: `${lines('sse')} The browser reconnects by itself; resuming from Last-Event-ID is the server's job.`,
    },
    websocket: {
      verdict: judge('websocket'),
      evidence: `${lines('websocket')} Reconnecting and resuming are written by hand.`,
    },
  };
};

const connections: RowBuilder = ({ techniques: t }) => {
  const perRequest = (x: TechniqueNumbers, per: string): Omit<Cell, 'claim'> =>
    x.connections < x.requests
      ? {
          verdict: 'corrected',
          evidence: `${plural(x.requests, 'request')} over ${plural(x.connections, 'TCP connection')}: HTTP/1.1 keeps connections alive and reuses them, so a new request is not a new connection.`,
          source: SOURCES.persistent,
        }
      : {
          verdict: 'confirmed',
          evidence: `${plural(x.requests, 'request')} over ${plural(x.connections, 'TCP connection')}: one new connection ${per}.`,
        };
  const persistent = (x: TechniqueNumbers): Omit<Cell, 'claim'> =>
    x.connections <= 1
      ? { verdict: 'confirmed', evidence: `${plural(x.connections, 'TCP connection')} for the whole run.` }
      : {
          verdict: 'nuanced',
          evidence: `${plural(x.connections, 'TCP connection')}: one at a time, and a new one after each drop (${plural(x.reconnects, 'reconnect')}).`,
        };
  return {
    poll: perRequest(t.poll, 'per request'),
    'long-poll': perRequest(t['long-poll'], 'per response'),
    sse: persistent(t.sse),
    websocket: persistent(t.websocket),
  };
};

const scalability: RowBuilder = ({ techniques: t, settings, windowMs }) => {
  const poll = t.poll;
  const empty = poll.emptyResponses ?? 0;
  const perSecond = +(poll.requests / Math.max(windowMs / 1000, 0.001)).toFixed(2);
  const pollEvidence = `Polling every ${seconds(settings.intervalMs)} made ${perSecond} request${perSecond === 1 ? '' : 's'} per second per client (${plural(poll.requests, 'request')}), ${percent(empty, poll.requests)} of them empty at ${settings.rate} events/s; ${perEvent(poll)}.`;
  const lp = t['long-poll'];
  const cheapestPolling = Math.min(poll.perEvent?.total ?? Infinity, lp.perEvent?.total ?? Infinity);
  const held = (x: TechniqueNumbers, name: string): Omit<Cell, 'claim'> => {
    const cheaper = x.perEvent !== null && x.perEvent.total < cheapestPolling;
    return {
      verdict: cheaper ? 'nuanced' : 'corrected',
      evidence: `${perEvent(x)} against ${Number.isFinite(cheapestPolling) ? `${n(cheapestPolling)} B` : 'nothing'} for the cheaper kind of polling${cheaper ? '' : ': not cheaper here'}. But each client holds a connection all the time (memory, a file descriptor${name === 'SSE' ? ", one of the browser's 6 per host over HTTP/1.1" : ''}): what scales depends on the event rate, the fan-out and that cost.`,
    };
  };
  const lpPerEvent = lp.delivered > 0 ? lp.requests / lp.delivered : null;
  return {
    poll: {
      verdict: empty * 2 >= poll.requests ? 'confirmed' : 'nuanced',
      evidence:
        empty * 2 >= poll.requests
          ? pollEvidence
          : `${pollEvidence} At this rate most polls carry news: the cost follows the interval, not the events.`,
    },
    'long-poll': {
      verdict: lp.perEvent && t.sse.perEvent && lp.perEvent.total >= 3 * t.sse.perEvent.total ? 'confirmed' : 'nuanced',
      evidence: `${lpPerEvent === null ? 'No event delivered' : `${+lpPerEvent.toFixed(2)} requests per event delivered`} (${perEvent(lp)}): each answer costs a full HTTP exchange, and every waiting client asks again at once after each event. The surge needs many clients to see.`,
      source: SOURCES.longPoll,
    },
    sse: held(t.sse, 'SSE'),
    websocket: held(t.websocket, 'WebSocket'),
  };
};

const browserSupport: RowBuilder = ({ features }) => {
  const here = (has: boolean, api: string) => `${api} in this browser: ${has ? 'yes' : 'no'}.`;
  return {
    poll: {
      verdict: 'confirmed',
      evidence: `${here(features.fetch, 'fetch')} XMLHttpRequest works in every browser.`,
      source: SOURCES.mdnXhr,
    },
    'long-poll': {
      verdict: 'confirmed',
      evidence: `${here(features.fetch, 'fetch')} A held request is an ordinary request to the browser.`,
      source: SOURCES.mdnXhr,
    },
    sse: {
      verdict: 'confirmed',
      evidence: `${here(features.eventSource, 'EventSource')} Every current browser has it; Internet Explorer never did.`,
      source: SOURCES.mdnEventSource,
    },
    websocket: {
      verdict: 'nuanced',
      evidence: `${here(features.webSocket, 'WebSocket')} Wider than the claim: Internet Explorer 10 and 11 had it too.`,
      source: SOURCES.mdnWebSocket,
    },
  };
};

const errorHandling: RowBuilder = ({ techniques: t, faults }) => {
  const cut = faults.cuts + faults.restarts > 0;
  const recovered = (x: TechniqueNumbers) =>
    `${plural(x.reconnects, 'reconnect')}${x.recoveryMs === null ? '' : `, first event again ${seconds(x.recoveryMs)} after the fault`}; ${n(x.lostSilently)} lost, ${n(x.duplicates)} duplicated`;
  return {
    poll: {
      verdict: cut && t.poll.lostSilently > 0 ? 'corrected' : 'confirmed',
      evidence: !cut
        ? NOT_CUT
        : t.poll.reconnects === 0
          ? `No poll was in flight when the fault struck, so there was no connection to lose: the next poll asked with its cursor; ${n(t.poll.lostSilently)} lost, ${n(t.poll.duplicates)} duplicated.`
          : `${recovered(t.poll)}: the next poll asks again with the same cursor.`,
    },
    'long-poll': {
      verdict: 'confirmed',
      evidence: cut ? `${recovered(t['long-poll'])}: the client's own code asked again from its cursor.` : NOT_CUT,
    },
    sse: {
      verdict: 'nuanced',
      evidence: `${cut ? `${recovered(t.sse)}: the browser reconnected by itself, sending Last-Event-ID. ` : ''}But it gives up for good after a non-200 status or a wrong Content-Type, and resuming from Last-Event-ID is the server's job.`,
      source: SOURCES.sse,
    },
    websocket: {
      verdict: 'corrected',
      evidence: `The browser's WebSocket never reconnects. ${cut ? `This course's client did (${recovered(t.websocket)}), by its own code.` : "This course's client does it by its own code (src/client/websocket.ts)."}`,
      source: SOURCES.wsApi,
    },
  };
};

const BUILDERS: Record<RowId, RowBuilder> = {
  direction,
  protocol,
  difficulty,
  connections,
  scalability,
  'browser-support': browserSupport,
  'error-handling': errorHandling,
};

export function verdictTable(run: RunNumbers): Row[] {
  return ROWS.map((id) => {
    const built = BUILDERS[id](run);
    const cells = Object.fromEntries(TECHNIQUE_IDS.map((k) => [k, { claim: claim(id, k), ...built[k] }])) as Record<
      TechniqueId,
      Cell
    >;
    return { id, label: rowLabel(id), cells };
  });
}
