/**
 * One race's result: the numbers per technique, the table's verdicts, and the two exports (the whole
 * run as JSON, and a short text to share that links back to the same experiment).
 */
import type { RaceStatus } from '../../../protocol/lab.ts';
import { perTechnique, TECHNIQUE_IDS, type TechniqueId } from '../../../protocol/techniques.ts';
import type { ByteCounts, LabConnections } from '../shared/lab-api.ts';
import { POST_TECHNIQUES } from './claims.ts';
import type { ClockEstimate } from './clock.ts';
import { choiceToQuery, type RaceChoice } from './settings.ts';
import { type RaceWidgetStrings, raceWidgetStrings } from '../../i18n/en/widgetsRace.ts';
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

/** The run in a few lines of plain text, with a link that sets up the same race, in `words`' language. */
export function summaryText(r: RaceResult, pageUrl: string, words: RaceWidgetStrings = raceWidgetStrings): string {
  const c = r.choice;
  const { summary: w, format, evidence } = words;
  const faults = r.faults.length === 0 ? w.noFault : r.faults.map((f) => w.fault(f.kind, f.at.toFixed(1))).join(', ');
  const lines = [
    w.title(r.startedAt.slice(0, 16).replace('T', ' ')),
    w.settings(
      format.rate(c.rate),
      format.ms(c.durationMs),
      format.bytes(c.payloadBytes),
      format.ms(c.intervalMs),
      faults,
    ),
    w.clock(
      r.race.published,
      `${r.clock.offsetMs >= 0 ? '+' : ''}${r.clock.offsetMs.toFixed(1)}`,
      r.clock.uncertaintyMs.toFixed(1),
      r.clock.samples,
    ),
    '',
    ...TECHNIQUE_IDS.map((k) => {
      const t = r.techniques[k];
      return w.technique(
        evidence.names[k],
        [w.ms(t.latency.p50), w.ms(t.latency.p95), w.ms(t.latency.max)],
        t.requests,
        t.emptyResponses,
        t.connections,
        t.perEvent ? t.perEvent.total : null,
        t.delivered,
        t.lostSilently,
        t.duplicates,
        t.lostToReset + t.lostToGap,
      );
    }),
    '',
    w.verdictsTitle(POST_TECHNIQUES.map((t) => evidence.names[t.id])),
    ...r.table.map((row) =>
      w.row(
        row.labelKo,
        row.label,
        POST_TECHNIQUES.map((t) => w.verdictWords[row.cells[t.id].verdict]),
      ),
    ),
    '',
    w.again(`${pageUrl.split(/[?#]/)[0]}?${choiceToQuery(c)}#race`),
  ];
  return lines.join('\n');
}
