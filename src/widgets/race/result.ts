/**
 * One race's result: the numbers per technique, the table's verdicts, and the two exports (the whole
 * run as JSON, and a short text to share that links back to the same experiment).
 */
import type { RaceStatus } from '../../../protocol/lab.ts';
import { perTechnique, TECHNIQUE_IDS, technique, type TechniqueId } from '../../../protocol/techniques.ts';
import type { ByteCounts, LabConnections } from '../shared/lab-api.ts';
import { POST_TECHNIQUES } from './claims.ts';
import type { ClockEstimate } from './clock.ts';
import { choiceToQuery, formatBytes, formatMs, formatRate, plural, type RaceChoice } from './settings.ts';
import type { LatencySummary } from './stats.ts';
import type { DeliveryOutcome } from './tally.ts';
import {
  type EvidenceWords,
  verdictTable,
  type PerEvent,
  type Row,
  type RunNumbers,
  type TechniqueNumbers,
} from './verdicts.ts';

export interface Fault {
  kind: 'cut' | 'restart';
  /** Seconds after the race's first event was due. */
  at: number;
  /** Connections the server dropped. */
  dropped: number;
}

export interface TechniqueResult extends TechniqueNumbers {
  latency: LatencySummary;
  lostToGap: number;
  lostToReset: number;
  resets: number;
  /** Requests the page itself saw (the server's count also has the browser's silent resends). */
  requestsSeenByPage: number;
}

export interface RaceResult {
  /** 2: techniques keyed by the registry's ids (protocol/techniques.ts); 1 keyed them by names of the race's own. */
  format: 'realtime-lab-race/2';
  startedAt: string;
  userAgent: string;
  choice: RaceChoice;
  clock: Omit<ClockEstimate, 'samples'> & { samples: number };
  race: Pick<RaceStatus, 'planned' | 'published' | 'failed' | 'segments'>;
  windowMs: number;
  faults: Fault[];
  techniques: Record<TechniqueId, TechniqueResult>;
  table: Row[];
}

const ZERO: ByteCounts = { header: 0, framing: 0, payload: 0 };

/**
 * Bytes per delivered event. The server counts HTTP bodies and WebSocket payloads as payload; the
 * events' data inside them is known exactly (every race event carries `payloadBytes` of it), so the
 * rest of the payload is the envelope the technique wraps around the data.
 */
export function perEventBytes(
  up: ByteCounts,
  down: ByteCounts,
  delivered: number,
  payloadBytes: number,
): PerEvent | null {
  if (delivered === 0) return null;
  const data = delivered * payloadBytes;
  const header = up.header + down.header;
  const framing = up.framing + down.framing;
  const envelope = Math.max(0, up.payload + down.payload - data);
  const per = (x: number) => x / delivered;
  return {
    header: per(header),
    framing: per(framing),
    envelope: per(envelope),
    data: payloadBytes,
    total: per(header + framing + envelope + data),
  };
}

export interface ClientFigures {
  outcome: DeliveryOutcome;
  resets: number;
  reconnects: number;
  requestsSeenByPage: number;
  emptyResponses: number | null;
  recoveryMs: number | null;
}

export interface RaceInputs {
  startedAt: Date;
  userAgent: string;
  choice: RaceChoice;
  clock: ClockEstimate;
  status: RaceStatus;
  windowMs: number;
  faults: Fault[];
  clients: Record<TechniqueId, ClientFigures>;
  /** The server's counts per technique (the lab API's `byTechnique`). */
  server: LabConnections['byTechnique'];
  features: RunNumbers['features'];
  codeLines?: RunNumbers['codeLines'];
  /** The words of the verdicts' evidence (English by default). */
  evidence?: EvidenceWords;
}

export function buildResult(input: RaceInputs): RaceResult {
  const techniques = perTechnique(({ id }): TechniqueResult => {
    const c = input.clients[id];
    const s = input.server[id] ?? { requests: 0, connections: 0, up: ZERO, down: ZERO };
    return {
      requests: s.requests,
      connections: s.connections,
      emptyResponses: c.emptyResponses,
      delivered: c.outcome.delivered,
      reconnects: c.reconnects,
      lostSilently: c.outcome.lostSilently,
      lostToGap: c.outcome.lostToGap,
      lostToReset: c.outcome.lostToReset,
      duplicates: c.outcome.duplicates,
      resets: c.resets,
      up: s.up,
      down: s.down,
      perEvent: perEventBytes(s.up, s.down, c.outcome.delivered, input.choice.payloadBytes),
      recoveryMs: c.recoveryMs,
      latency: c.outcome.latency,
      requestsSeenByPage: c.requestsSeenByPage,
    };
  });
  const faults = {
    cuts: input.faults.filter((f) => f.kind === 'cut').length,
    restarts: input.faults.filter((f) => f.kind === 'restart').length,
  };
  const table = verdictTable(
    {
      settings: {
        rate: input.choice.rate,
        payloadBytes: input.choice.payloadBytes,
        intervalMs: input.choice.intervalMs,
      },
      windowMs: input.windowMs,
      faults,
      techniques,
      features: input.features,
      codeLines: input.codeLines,
    },
    input.evidence,
  );
  const { samples, ...clock } = input.clock;
  const { planned, published, failed, segments } = input.status;
  return {
    format: 'realtime-lab-race/2',
    startedAt: input.startedAt.toISOString(),
    userAgent: input.userAgent,
    choice: input.choice,
    clock: { ...clock, samples: samples.length },
    race: { planned, published, failed, segments },
    windowMs: input.windowMs,
    faults: input.faults,
    techniques,
    table,
  };
}

const ms = (x: number | null) => (x === null ? '—' : `${x.toFixed(1)} ms`);

/** The run in a few lines of plain text, with a link that sets up the same race. */
export function summaryText(r: RaceResult, pageUrl: string): string {
  const c = r.choice;
  const faults =
    r.faults.length === 0 ? 'no fault injected' : r.faults.map((f) => `${f.kind} at ${f.at.toFixed(1)} s`).join(', ');
  const lines = [
    `Realtime Lab race, ${r.startedAt.slice(0, 16).replace('T', ' ')} UTC`,
    `${formatRate(c.rate)} for ${formatMs(c.durationMs)}, ${formatBytes(c.payloadBytes)} of data per event, polling every ${formatMs(c.intervalMs)}; ${faults}.`,
    `${r.race.published} events published. Server clock offset ${r.clock.offsetMs >= 0 ? '+' : ''}${r.clock.offsetMs.toFixed(1)} ms ± ${r.clock.uncertaintyMs.toFixed(1)} ms (NTP-style, best of ${plural(r.clock.samples, 'round trip')}).`,
    '',
    ...TECHNIQUE_IDS.map((k) => {
      const t = r.techniques[k];
      const empty = t.emptyResponses === null ? '' : `, ${t.emptyResponses} empty`;
      const bytes = t.perEvent ? `${Math.round(t.perEvent.total)} B/event` : 'no event';
      return `${technique(k).name}: latency p50 ${ms(t.latency.p50)}, p95 ${ms(t.latency.p95)}, max ${ms(t.latency.max)}; ${plural(t.requests, 'request')}${empty}, ${plural(t.connections, 'TCP connection')}, ${bytes}; ${t.delivered} delivered, ${t.lostSilently} lost, ${t.duplicates} duplicated${t.lostToReset + t.lostToGap > 0 ? `, ${t.lostToReset + t.lostToGap} gone with a reset or gap (announced)` : ''}.`;
    }),
    '',
    `Verdicts on the source post's table (${POST_TECHNIQUES.map((t) => t.name).join(' / ')}):`,
    ...r.table.map((row) => `${row.label}: ${POST_TECHNIQUES.map((t) => row.cells[t.id].verdict).join(' / ')}`),
    '',
    `Run it yourself: ${pageUrl.split(/[?#]/)[0]}?${choiceToQuery(c)}#race`,
  ];
  return lines.join('\n');
}
