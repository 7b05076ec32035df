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
import { type RaceWidgetStrings, raceWidgetStrings } from '../../i18n/en/widgetsRace.ts';

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
const percent = (part: number, whole: number) => (whole === 0 ? '0%' : `${Math.round((100 * part) / whole)}%`);

/** The words of the evidence, in the page's language (English by default). */
export type EvidenceWords = RaceWidgetStrings['evidence'];

type Evidence = Omit<Cell, 'claim' | 'claimKo'>;

/** One cell of a row: what one technique is (its registry entry), what it did here, and the whole run. */
type PostTechnique = (typeof POST_TECHNIQUES)[number];
type CellBuilder = (t: PostTechnique, x: TechniqueNumbers, run: RunNumbers, w: EvidenceWords) => Evidence;

const perEvent = (w: EvidenceWords, t: TechniqueNumbers) => w.perEvent(t.perEvent ? w.count(t.perEvent.total) : null);

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

const direction: CellBuilder = (t, x, _run, w) => {
  const up = w.count(sum(x.up));
  const down = w.count(sum(x.down));
  // A request that ends with its answer: every exchange starts in the browser.
  if (t.connection !== 'persistent') return { verdict: 'confirmed', evidence: w.direction.asks(x.requests, up, down) };
  if (t.direction === 'two-way')
    return { verdict: 'confirmed', evidence: w.direction.twoWay(up, down), source: WIRE_SPEC[t.wire] };
  return { verdict: 'confirmed', evidence: w.direction.oneWay(x.requests, up, down), source: WIRE_SPEC[t.wire] };
};

const protocol: CellBuilder = (t, x, _run, w) => {
  const heads = x.up.header + x.down.header;
  const p = w.protocol;
  const http = (what: string): Evidence => ({ verdict: 'confirmed', evidence: p.http(what, w.count(heads)) });
  switch (t.wire) {
    case 'json-answers':
      return http(p.requests(x.requests));
    case 'event-stream':
      return http(p.stream(x.requests));
    case 'websocket-frames':
      return {
        verdict: 'corrected',
        evidence: `${heads > 0 ? p.upgraded(x.requests, w.count(heads)) : p.upgrades}${p.underAll}`,
        source: SOURCES.wsHandshake,
      };
  }
};

/**
 * Where a technique's work lies: on its own (when the page does not know the lines of code), and as a
 * sentence beside the line counts. A request's work follows how the server answers it; a held
 * connection's, whether the browser's API reconnects by itself (EventSource does, WebSocket does not).
 */
function work(t: PostTechnique, w: EvidenceWords): { alone: string; verdict: Verdict; beside: string } {
  switch (t.connection) {
    case 'request-per-answer':
      return { alone: w.work.loop, verdict: 'confirmed', beside: '' };
    case 'held-request':
      return { alone: w.work.heldAlone, verdict: 'nuanced', beside: w.work.heldBeside };
    case 'persistent':
      return t.browserReconnects
        ? { alone: w.work.sseAlone, verdict: 'confirmed', beside: w.work.sseBeside }
        : { alone: w.work.wsAlone, verdict: 'confirmed', beside: w.work.wsBeside };
  }
}

const stars = (level: number) => '★'.repeat(level);

/**
 * Judged by the lines of code this course needed: a measurement of its own code, not of every codebase.
 * The post's stars rank the techniques; the claim holds when no technique it rates easier took more
 * lines, and none it rates harder took fewer.
 */
const difficulty: CellBuilder = (t, _x, { codeLines }, w) => {
  const { alone, verdict, beside } = work(t, w);
  if (!codeLines) return { verdict, evidence: alone };
  const size = (id: PostTechniqueId) => codeLines[id].client + codeLines[id].server;
  const level = (id: PostTechniqueId) => claimedLevel('difficulty', id);
  const own = size(t.id);
  const against = POST_TECHNIQUES.filter((u) =>
    level(u.id) < level(t.id) ? size(u.id) >= own : level(u.id) > level(t.id) ? size(u.id) <= own : false,
  );
  const lines = w.difficulty.lines(w.count(codeLines[t.id].client), w.count(codeLines[t.id].server), w.count(own));
  const yet =
    against.length === 0
      ? ''
      : w.difficulty.yet(
          against.map((u) => ({
            name: w.names[u.id],
            stars: stars(level(u.id)),
            fewer: size(u.id) < own,
            lines: w.count(size(u.id)),
          })),
        );
  return { verdict: against.length === 0 ? 'confirmed' : 'nuanced', evidence: `${lines}${yet}${beside}` };
};

const connections: CellBuilder = (t, x, _run, w) => {
  const c = w.connections;
  if (t.connection === 'persistent')
    return x.connections <= 1
      ? { verdict: 'confirmed', evidence: c.held(x.connections, t.wire === 'event-stream') }
      : { verdict: 'nuanced', evidence: c.heldAgain(x.connections, x.reconnects) };
  if (x.connections < x.requests)
    return { verdict: 'corrected', evidence: c.reused(x.requests, x.connections), source: SOURCES.persistent };
  return { verdict: 'confirmed', evidence: c.each(x.requests, x.connections) };
};

const scalability: CellBuilder = (t, x, { techniques, settings, windowMs }, w) => {
  switch (t.connection) {
    case 'request-per-answer': {
      const empty = x.emptyResponses ?? 0;
      const perSecond = +(x.requests / Math.max(windowMs / 1000, 0.001)).toFixed(2);
      const evidence = w.scalability.polling(
        w.seconds(settings.intervalMs),
        perSecond,
        x.requests,
        percent(empty, x.requests),
        settings.rate,
        perEvent(w, x),
      );
      return empty * 2 >= x.requests
        ? { verdict: 'confirmed', evidence }
        : { verdict: 'nuanced', evidence: `${evidence}${w.scalability.busy}` };
    }
    case 'held-request': {
      // Confirmed when an answer's HTTP exchange costs at least three times what the same events cost on
      // one HTTP response held open (an event stream), per event.
      const streams = perEventTotals(techniques, (u) => u.connection === 'persistent' && u.wire === 'event-stream');
      const dear = x.perEvent !== null && streams.length > 0 && x.perEvent.total >= 3 * Math.max(...streams);
      const perDelivered = x.delivered > 0 ? +(x.requests / x.delivered).toFixed(2) : null;
      return {
        verdict: dear ? 'confirmed' : 'nuanced',
        evidence: w.scalability.held(perDelivered, perEvent(w, x)),
        source: SOURCES.longPoll,
      };
    }
    case 'persistent': {
      // The post ranks the techniques (low, high, highest): a held connection's claim holds per event
      // when it was cheaper than every technique the post ranks below it.
      const level = claimedLevel('scalability', t.id);
      const lower = POST_TECHNIQUES.filter((u) => claimedLevel('scalability', u.id) < level).flatMap((u) => {
        const per = techniques[u.id].perEvent;
        return per ? [{ name: w.names[u.id], total: per.total }] : [];
      });
      const cheaper = x.perEvent !== null && lower.length > 0 && lower.every((u) => x.perEvent!.total < u.total);
      // An event stream is an HTTP response that never ends: it keeps one of the browser's HTTP/1.1
      // connections to the host. A WebSocket, once upgraded, is out of that pool.
      return {
        verdict: cheaper ? 'nuanced' : 'corrected',
        evidence: w.scalability.persistent(
          perEvent(w, x),
          lower.map((u) => ({ name: u.name, total: w.count(u.total) })),
          cheaper,
          t.wire === 'event-stream',
        ),
      };
    }
  }
};

const browserSupport: CellBuilder = (t, _x, { features }, w) => {
  const s = w.support;
  switch (t.wire) {
    case 'json-answers':
      return {
        verdict: 'confirmed',
        evidence: `${s.here(features.fetch, 'fetch')} ${t.connection === 'held-request' ? s.held : s.xhr}`,
        source: SOURCES.mdnXhr,
      };
    case 'event-stream':
      return {
        verdict: 'nuanced',
        evidence: `${s.here(features.eventSource, 'EventSource')} ${s.sse}`,
        source: SOURCES.mdnEventSource,
      };
    case 'websocket-frames':
      return {
        verdict: 'nuanced',
        evidence: `${s.here(features.webSocket, 'WebSocket')} ${s.ws}`,
        source: SOURCES.mdnWebSocket,
      };
  }
};

const errorHandling: CellBuilder = (t, x, { faults }, w) => {
  const e = w.errors;
  const cut = faults.cuts + faults.restarts > 0;
  const lost = w.count(x.lostSilently);
  const duplicated = w.count(x.duplicates);
  const recovered = e.recovered(x.reconnects, x.recoveryMs === null ? null : w.seconds(x.recoveryMs), lost, duplicated);
  const ownCode = e.ownCode(t.files.client[0]);
  if (!t.browserReconnects && t.connection !== 'persistent')
    return {
      verdict: 'confirmed',
      evidence: !cut
        ? e.waits(ownCode, w.notCut)
        : x.reconnects === 0 && t.connection === 'request-per-answer'
          ? e.nothingInFlight(ownCode, lost, duplicated)
          : e.askedAgain(ownCode, recovered),
    };
  if (t.browserReconnects)
    return { verdict: 'confirmed', evidence: e.browser(cut ? recovered : null), source: SOURCES.sse };
  // What the browser's WebSocket has built in reports a failure; nothing in it recovers from one.
  return {
    verdict: 'corrected',
    evidence: e.websocket(cut ? recovered : null, t.files.client[0]),
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

export function verdictTable(run: RunNumbers, w: EvidenceWords = raceWidgetStrings.evidence): Row[] {
  return ROWS.map((id) => ({
    id,
    claimId: rowClaimId(id),
    label: rowLabel(id),
    labelKo: rowLabelKo(id),
    cells: perPostTechnique((t) => ({
      claim: claim(id, t.id),
      claimKo: claimKo(id, t.id),
      ...BUILDERS[id](t, run.techniques[t.id], run, w),
    })),
  }));
}
