/**
 * The trade-offs table filled from one race: for each claim of the source post, the evidence this run
 * measured and the verdict that follows from it. Rows a run cannot measure (browser support, how the
 * APIs behave by specification) rest on a citation, with what this browser itself reports.
 *
 * Each row is a function of one technique: its registry entry (how its connection lives, what its wire
 * carries, which way) and its own numbers, with the run's for the comparisons. No cell is chosen by a
 * technique's id, so a technique added to protocol/techniques.ts gets its cells from what it is.
 */
import { TECHNIQUES, type Technique, type TechniqueId, type TechniqueInfo } from '../../../protocol/techniques.ts';
import type { ByteCounts } from '../shared/lab-api.ts';
import {
  claim,
  claimedLevel,
  claimKo,
  POST_TECHNIQUES,
  type PostTechniqueId,
  ROWS,
  rowClaimId,
  rowLabel,
  rowLabelKo,
  SOURCES,
  type RowId,
  type Source,
} from './claims.ts';
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
  /** The post's cell in the English translation. */
  claim: string;
  /** The same cell in the post's own Korean. */
  claimKo: string;
  verdict: Verdict;
  evidence: string;
  source?: Source;
}

export interface Row {
  id: RowId;
  /** The row's claim id in content/source-post.md (T1 … T7). */
  claimId: string;
  label: string;
  labelKo: string;
  /** One cell per technique the post compares. */
  cells: Record<PostTechniqueId, Cell>;
}

const sum = (c: ByteCounts) => c.header + c.framing + c.payload;
const n = (x: number) => Math.round(x).toLocaleString('en');
const percent = (part: number, whole: number) => (whole === 0 ? '0%' : `${Math.round((100 * part) / whole)}%`);
const seconds = (ms: number) => `${+(ms / 1000).toFixed(1)} s`;
const perEvent = (t: TechniqueNumbers) => (t.perEvent ? `${n(t.perEvent.total)} B per event` : 'no event delivered');
const NOT_CUT = 'Not measured in this run: cut the connections during a race to see it.';

type Evidence = Omit<Cell, 'claim' | 'claimKo'>;

/** One cell of a row: what one technique is (its registry entry), what it did here, and the whole run. */
type PostTechnique = (typeof POST_TECHNIQUES)[number];
type CellBuilder = (t: PostTechnique, x: TechniqueNumbers, run: RunNumbers) => Evidence;

/** The per-event totals of the techniques that `keep` selects, among those that delivered an event. */
const perEventTotals = (techniques: RunNumbers['techniques'], keep: (t: Technique) => boolean): number[] =>
  TECHNIQUES.filter(keep).flatMap((t) => {
    const per = techniques[t.id]?.perEvent;
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
        evidence: `${
          heads > 0
            ? `It starts as HTTP: ${plural(x.requests, 'HTTP/1.1 GET')} with Upgrade: websocket, answered 101 (${n(heads)} B of HTTP heads on its connection), then frames on the same TCP connection.`
            : 'It starts as an HTTP/1.1 GET answered by 101 Switching Protocols, then frames on the same TCP connection.'
        } TCP is under the other three as well (HTTP/1.1 and HTTP/2 run over TCP; HTTP/3 over QUIC): "HTTP vs TCP" is a false contrast.`,
        source: SOURCES.wsHandshake,
      };
  }
};

/**
 * Where a technique's work lies: on its own (when the page does not know the lines of code), and as a
 * sentence beside the line counts. A request's work follows how the server answers it; a held
 * connection's, whether the browser's API reconnects by itself (EventSource does, WebSocket does not).
 */
function work(t: PostTechnique): { alone: string; verdict: Verdict; beside: string } {
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
      return t.browserReconnects
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

const stars = (level: number) => '★'.repeat(level);

/**
 * Judged by the lines of code this course needed: a measurement of its own code, not of every codebase.
 * The post's stars rank the techniques; the claim holds when no technique it rates easier took more
 * lines, and none it rates harder took fewer.
 */
const difficulty: CellBuilder = (t, _x, { codeLines }) => {
  const { alone, verdict, beside } = work(t);
  if (!codeLines) return { verdict, evidence: alone };
  const size = (id: PostTechniqueId) => codeLines[id].client + codeLines[id].server;
  const level = (id: PostTechniqueId) => claimedLevel('difficulty', id);
  const own = size(t.id);
  const against = POST_TECHNIQUES.filter((u) =>
    level(u.id) < level(t.id) ? size(u.id) >= own : level(u.id) > level(t.id) ? size(u.id) <= own : false,
  );
  const lines = `This course's code: ${n(codeLines[t.id].client)} lines in the browser, ${n(codeLines[t.id].server)} on the server (${n(own)} in all, comments left out).`;
  const yet =
    against.length === 0
      ? ''
      : ` Yet ${against.map((u) => `${u.name}, rated ${stars(level(u.id))}, took ${size(u.id) < own ? 'fewer' : 'more'} (${n(size(u.id))})`).join('; ')}.`;
  return { verdict: against.length === 0 ? 'confirmed' : 'nuanced', evidence: `${lines}${yet}${beside}` };
};

const connections: CellBuilder = (t, x) => {
  if (t.connection === 'persistent')
    return x.connections <= 1
      ? {
          verdict: 'confirmed',
          evidence: `${plural(x.connections, 'TCP connection')} for the whole run${t.wire === 'event-stream' ? ' (one per EventSource: a page with several, or several tabs, holds one each)' : ''}.`,
        }
      : {
          verdict: 'nuanced',
          evidence: `${plural(x.connections, 'TCP connection')}: one at a time, and a new one after each drop (${plural(x.reconnects, 'reconnect')}).`,
        };
  if (x.connections < x.requests)
    return {
      verdict: 'corrected',
      evidence: `${plural(x.requests, 'request')} over ${plural(x.connections, 'TCP connection')}: the requests are many, the connections few. HTTP/1.1 keeps a connection open and reuses it, so a new request is not a new connection.`,
      source: SOURCES.persistent,
    };
  return {
    verdict: 'confirmed',
    evidence: `${plural(x.requests, 'request')} over ${plural(x.connections, 'TCP connection')}: a new connection for every request.`,
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
      // The post ranks the techniques (low, high, highest): a held connection's claim holds per event
      // when it was cheaper than every technique the post ranks below it.
      const level = claimedLevel('scalability', t.id);
      const lower = POST_TECHNIQUES.filter((u) => claimedLevel('scalability', u.id) < level).flatMap((u) => {
        const per = techniques[u.id].perEvent;
        return per ? [{ name: u.name, total: per.total }] : [];
      });
      const cheaper = x.perEvent !== null && lower.length > 0 && lower.every((u) => x.perEvent!.total < u.total);
      // An event stream is an HTTP response that never ends: it keeps one of the browser's HTTP/1.1
      // connections to the host. A WebSocket, once upgraded, is out of that pool.
      const pool = t.wire === 'event-stream' ? ", one of the browser's 6 per host over HTTP/1.1" : '';
      return {
        verdict: cheaper ? 'nuanced' : 'corrected',
        evidence: `${perEvent(x)}, against ${lower.length > 0 ? lower.map((u) => `${n(u.total)} B for ${u.name}`).join(', ') : 'nothing to compare'}${cheaper ? '' : ': not cheaper than every technique the post ranks lower'}. But each client holds a connection all the time (memory, a file descriptor${pool}): what scales depends on the event rate, the fan-out and that cost.`,
      };
    }
  }
};

const browserSupport: CellBuilder = (t, _x, { features }) => {
  const here = (has: boolean, api: string) => `${api} in the browser that ran the race: ${has ? 'yes' : 'no'}.`;
  switch (t.wire) {
    case 'json-answers':
      return {
        verdict: 'confirmed',
        evidence: `${here(features.fetch, 'fetch')} ${t.connection === 'held-request' ? 'A held request is an ordinary request to the browser.' : 'XMLHttpRequest works in every browser.'}`,
        source: SOURCES.mdnXhr,
      };
    case 'event-stream':
      return {
        verdict: 'nuanced',
        evidence: `${here(features.eventSource, 'EventSource')} Not most but every current engine has it (Chrome 6, Firefox 6, Safari 5, Edge 79); only Internet Explorer and the Edge before Chromium never did.`,
        source: SOURCES.mdnEventSource,
      };
    case 'websocket-frames':
      return {
        verdict: 'nuanced',
        evidence: `${here(features.webSocket, 'WebSocket')} Wider than "most modern browsers": every current engine, and Internet Explorer 10 and 11 too.`,
        source: SOURCES.mdnWebSocket,
      };
  }
};

const errorHandling: CellBuilder = (t, x, { faults }) => {
  const cut = faults.cuts + faults.restarts > 0;
  const recovered = `${plural(x.reconnects, 'reconnect')}${x.recoveryMs === null ? '' : `, first event again ${seconds(x.recoveryMs)} after the fault`}; ${n(x.lostSilently)} lost, ${n(x.duplicates)} duplicated`;
  const ownCode = `This course's client does it (${t.files.client[0]})`;
  if (!t.browserReconnects && t.connection !== 'persistent')
    return {
      verdict: 'confirmed',
      evidence: !cut
        ? `${ownCode}: on a failure it waits, then asks again with its cursor. ${NOT_CUT}`
        : x.reconnects === 0 && t.connection === 'request-per-answer'
          ? `${ownCode}. No poll was in flight when the fault struck, so there was no connection to lose: the next poll asked with its cursor; ${n(x.lostSilently)} lost, ${n(x.duplicates)} duplicated.`
          : `${ownCode}: ${recovered}, asking again from its cursor.`,
    };
  if (t.browserReconnects)
    return {
      verdict: 'confirmed',
      evidence: `${cut ? `${recovered}: the browser reconnected by itself, sending Last-Event-ID. ` : 'The browser reconnects by itself and sends Last-Event-ID. '}By hand: resuming from that id on the server, and starting again after a non-200 status or a wrong Content-Type, which stop EventSource for good.`,
      source: SOURCES.sse,
    };
  // What the browser's WebSocket has built in reports a failure; nothing in it recovers from one.
  return {
    verdict: 'corrected',
    evidence: `What is built in only reports: a close event with a code (1006 after a drop), an error event that says nothing of why. The browser's WebSocket never reconnects or resumes. ${cut ? `This course's client did (${recovered}), by its own code.` : `This course's client does it by its own code (${t.files.client[0]}).`}`,
    source: SOURCES.wsApi,
  };
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

/** A value per technique the post compares, built by looping over the registry. */
const perPostTechnique = <T>(make: (t: PostTechnique) => T): Record<PostTechniqueId, T> =>
  Object.fromEntries(POST_TECHNIQUES.map((t) => [t.id, make(t)])) as Record<PostTechniqueId, T>;

export function verdictTable(run: RunNumbers): Row[] {
  return ROWS.map((id) => ({
    id,
    claimId: rowClaimId(id),
    label: rowLabel(id),
    labelKo: rowLabelKo(id),
    cells: perPostTechnique((t) => ({
      claim: claim(id, t.id),
      claimKo: claimKo(id, t.id),
      ...BUILDERS[id](t, run.techniques[t.id], run),
    })),
  }));
}
