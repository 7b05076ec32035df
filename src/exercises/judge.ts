/**
 * The grader's judgement: from what a run recorded (what was published, what the learner's code
 * delivered, the lab's request log, the cleanup), one verdict per requirement, each a line with its
 * evidence. Pure: no browser, no network, so `node --test` checks it case by case (judge.test.ts).
 *
 * Clocks: request times and marks are the server's clock (the grader converts its own marks with the
 * offset it measured); delivery times are the page's, compared only with each other.
 */
import type { LabRequests, WireEntry } from '../../protocol/lab.ts';
import { type ExerciseStrings, exerciseStrings } from '../i18n/en/exercises.ts';
import type { Requirement, RequirementId } from './schema.ts';

export interface Delivery {
  event: unknown;
  /** Page clock, ms. */
  at: number;
  /** How many times reset() had been called before this delivery: the history it belongs to. */
  segment: number;
}

export interface PublishedEvent {
  seq: number;
  time?: number;
  data?: unknown;
}

export interface RunRecord {
  /** The events of each history, in order: [0] before any restart, [k] after the k-th restart. */
  histories: PublishedEvent[][];
  deliveries: Delivery[];
  /** reset() calls by the learner's code. */
  resets: number;
  requests: LabRequests;
  /** Server clock of each mark of the plan. */
  marks: Record<string, number>;
  /** Messages given to onSend, and how many times each ref is in the channel's log. */
  sent: { ref: string; text: string }[];
  refsInLog: Record<string, number>;
  cleanup: { returnedClose: boolean; live: number; requestsAfterClose: number } | null;
  /** The lab's wire capture, for evidence around a fault. */
  wire: WireEntry[];
}

export interface Verdict {
  id: RequirementId;
  label: string;
  passed: boolean;
  evidence: string[];
}

export interface Judgement {
  passed: boolean;
  verdicts: Verdict[];
  lost: number;
  duplicated: number;
}

/** A retry sooner than this after a refusal is no backoff. */
const MIN_BACKOFF_MS = 100;

const seqOf = (event: unknown): number | undefined => {
  const seq = (event as { seq?: unknown } | null)?.seq;
  return typeof seq === 'number' && Number.isSafeInteger(seq) ? seq : undefined;
};

/** The most requests within any window of `windowMs` (times sorted). */
export function peakPerWindow(times: readonly number[], windowMs = 1000): number {
  const sorted = [...times].sort((a, b) => a - b);
  let peak = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while (sorted[end]! - sorted[start]! >= windowMs) start++;
    peak = Math.max(peak, end - start + 1);
  }
  return peak;
}

/** Wire entries near a server time, one line each, for evidence. */
export function wireAround(wire: readonly WireEntry[], at: number, spanMs = 1500, max = 6): string[] {
  const near = wire.filter((e) => Math.abs(e.at - at) <= spanMs);
  const closest = near.sort((a, b) => Math.abs(a.at - at) - Math.abs(b.at - at)).slice(0, max);
  return closest
    .sort((a, b) => a.n - b.n)
    .map((e) => {
      const dir = 'dir' in e ? (e.dir === 'up' ? '→' : '←') : '•';
      const what =
        e.kind === 'http-head'
          ? e.text.split('\r\n')[0]!
          : e.kind === 'http-body'
            ? e.text.replace(/\s+/g, ' ').slice(0, 90)
            : e.kind === 'ws-frame'
              ? `${e.opcodeName} ${e.payload.slice(0, 80)}`
              : e.text;
      return `#${e.n} ${e.technique} conn ${e.conn} ${dir} ${what}`;
    });
}

interface ExactlyOnce {
  verdict: Verdict;
  lost: number;
  duplicated: number;
}

function exactlyOnce(run: RunRecord, s: ExerciseStrings['verdicts']['exactly-once']): ExactlyOnce {
  const evidence: string[] = [];
  let lost = 0;
  let duplicated = 0;
  let firstProblemAt: number | null = null;
  let total = 0;
  const segments = Math.max(run.histories.length, ...run.deliveries.map((d) => d.segment + 1));
  for (let k = 0; k < segments; k++) {
    const published = run.histories[k] ?? [];
    const expected = new Map(published.map((e) => [e.seq, e]));
    const delivered = run.deliveries.filter((d) => d.segment === k);
    const counts = new Map<number, number>();
    const lines: string[] = [];
    let last = 0;
    let unordered: string | null = null;
    const unexpected: number[] = [];
    let altered: number | null = null;
    for (const d of delivered) {
      const seq = seqOf(d.event);
      if (seq === undefined) {
        altered ??= -1;
        continue;
      }
      counts.set(seq, (counts.get(seq) ?? 0) + 1);
      const original = expected.get(seq);
      if (!original) unexpected.push(seq);
      else if (
        original.data !== undefined &&
        JSON.stringify((d.event as { data?: unknown }).data) !== JSON.stringify(original.data)
      )
        altered ??= seq;
      if ((counts.get(seq) ?? 0) === 1 && seq < last && unordered === null) unordered = s.unordered(seq, last);
      if ((counts.get(seq) ?? 0) === 1) last = Math.max(last, seq);
    }
    const lostSeqs = published.map((e) => e.seq).filter((seq) => !counts.has(seq));
    const dupSeqs = [...counts].filter(([, n]) => n > 1).map(([seq]) => seq);
    lost += lostSeqs.length;
    duplicated += [...counts.values()].reduce((sum, n) => sum + Math.max(0, n - 1), 0);
    total += published.length;
    if (lostSeqs.length > 0) lines.push(s.lost(lostSeqs));
    if (dupSeqs.length > 0) lines.push(s.duplicated(dupSeqs));
    if (unordered) lines.push(unordered);
    if (unexpected.length > 0) lines.push(s.unexpected(unexpected));
    if (altered !== null) lines.push(s.altered(altered));
    if (lines.length > 0) {
      if (k > 0) evidence.push(s.afterRestart(k));
      evidence.push(...lines);
      if (firstProblemAt === null) {
        const lostEvent = lostSeqs.length > 0 ? expected.get(lostSeqs[0]!) : undefined;
        const dupDelivery = dupSeqs.length > 0 ? delivered.filter((d) => seqOf(d.event) === dupSeqs[0])[1] : undefined;
        firstProblemAt = lostEvent?.time ?? dupDelivery?.at ?? null;
      }
    }
  }
  if (evidence.length > 0 && firstProblemAt !== null) {
    const wire = wireAround(run.wire, firstProblemAt);
    if (wire.length > 0) evidence.push(s.wireAround, ...wire);
  }
  const passed = evidence.length === 0;
  return {
    verdict: { id: 'exactly-once', label: s.label, passed, evidence: passed ? [s.pass(total)] : evidence },
    lost,
    duplicated,
  };
}

function one(req: Requirement, run: RunRecord, strings: ExerciseStrings): Verdict {
  const v = strings.verdicts;
  const requests = run.requests.requests;
  switch (req.id) {
    case 'exactly-once':
      return exactlyOnce(run, v['exactly-once']).verdict;
    case 'backlog': {
      const s = v.backlog;
      const label = s.label(req.count, req.withinMs);
      const first = run.deliveries.filter((d) => d.segment === 0);
      const seen = new Set<number>();
      let reachedAt: number | null = null;
      for (const d of first) {
        const seq = seqOf(d.event);
        if (seq !== undefined && seq <= req.count) seen.add(seq);
        if (seen.size === req.count) {
          reachedAt = d.at;
          break;
        }
      }
      if (reachedAt === null || first.length === 0)
        return { id: req.id, label, passed: false, evidence: [s.missing(seen.size, req.count)] };
      const took = Math.round(reachedAt - first[0]!.at);
      return took <= req.withinMs
        ? { id: req.id, label, passed: true, evidence: [s.pass(req.count, took)] }
        : { id: req.id, label, passed: false, evidence: [s.slow(req.count, took)] };
    }
    case 'retry-after': {
      const s = v['retry-after'];
      const retryOf = (at: number) =>
        run.requests.outages.find((o) => o.from <= at && at <= (o.endedAt ?? o.until))?.retryAfter ??
        run.requests.outages.at(-1)?.retryAfter ??
        0;
      const refused = requests.map((r, i) => ({ r, i })).filter(({ r }) => r.refused !== null);
      if (refused.length === 0) return { id: req.id, label: s.label, passed: false, evidence: [s.none] };
      const early: string[] = [];
      for (const { r, i } of refused) {
        const next = requests[i + 1];
        if (!next) continue;
        const asked = retryOf(r.at);
        // 100 ms of slack: timers and the network between two clocks of one machine.
        if (next.at - r.at < asked * 1000 - 100) early.push(s.early(r.refused!, asked, next.at - r.at));
      }
      return early.length === 0
        ? { id: req.id, label: s.label, passed: true, evidence: [s.pass(refused.length)] }
        : { id: req.id, label: s.label, passed: false, evidence: early.slice(0, 4) };
    }
    case 'outage-rate':
    case 'backoff': {
      const during = run.requests.outages.flatMap((o) =>
        requests.filter((r) => r.at >= o.from && r.at <= (o.endedAt ?? o.until) + 50).map((r) => r.at),
      );
      const peak = peakPerWindow(during);
      if (req.id === 'outage-rate') {
        const s = v['outage-rate'];
        const label = s.label(req.maxPerSecond);
        return peak <= req.maxPerSecond
          ? { id: req.id, label, passed: true, evidence: [s.pass(peak)] }
          : { id: req.id, label, passed: false, evidence: [s.fail(peak, req.maxPerSecond)] };
      }
      const s = v.backoff;
      const label = s.label(req.maxPerSecond);
      // The tries while refused, and the first one that went through.
      const tries = run.requests.outages.flatMap((o) => {
        const inside = requests.filter((r) => r.at >= o.from && r.at <= (o.endedAt ?? o.until) + 50);
        const after = requests.find((r) => r.at > (o.endedAt ?? o.until) + 50);
        return (after ? [...inside, after] : inside).map((r) => r.at);
      });
      if (tries.length < 2) return { id: req.id, label, passed: false, evidence: [s.few] };
      const gaps = tries.slice(1).map((t, i) => Math.round(t - tries[i]!));
      if (peak > req.maxPerSecond)
        return { id: req.id, label, passed: false, evidence: [s.fast(peak, req.maxPerSecond)] };
      // An immediate retry is no backoff, however the later waits turn out (the browser may add its own).
      if (Math.min(...gaps) < MIN_BACKOFF_MS)
        return { id: req.id, label, passed: false, evidence: [s.immediate(gaps)] };
      // Jitter makes neighbours uneven; the last wait must still be clearly longer than the first.
      if (gaps.length >= 2 && gaps.at(-1)! < gaps[0]! * 1.5)
        return { id: req.id, label, passed: false, evidence: [s.flat(gaps)] };
      return { id: req.id, label, passed: true, evidence: [s.pass(gaps)] };
    }
    case 'asks-again': {
      const s = v['asks-again'];
      const from = run.marks[req.from];
      const to = run.marks[req.to];
      const seconds = from !== undefined && to !== undefined ? (to - from) / 1000 : 0;
      const n = requests.filter((r) => from !== undefined && to !== undefined && r.at >= from && r.at <= to).length;
      return n >= req.min
        ? { id: req.id, label: s.label, passed: true, evidence: [s.pass(n, seconds)] }
        : { id: req.id, label: s.label, passed: false, evidence: [s.fail(n, req.min, seconds)] };
    }
    case 'reopens': {
      const s = v.reopens;
      const i = requests.findIndex((r) => r.refused !== null);
      if (i < 0) return { id: req.id, label: s.label, passed: false, evidence: [s.none] };
      const next = requests.slice(i + 1).find((r) => r.refused === null);
      return next
        ? { id: req.id, label: s.label, passed: true, evidence: [s.pass(next.at - requests[i]!.at)] }
        : { id: req.id, label: s.label, passed: false, evidence: [s.fail] };
    }
    case 'reset': {
      const s = v.reset;
      const expected = Math.max(0, run.histories.length - 1);
      return run.resets === expected
        ? { id: req.id, label: s.label, passed: true, evidence: [s.pass(run.resets)] }
        : { id: req.id, label: s.label, passed: false, evidence: [s.missing(run.resets, expected)] };
    }
    case 'each-message-once': {
      const s = v['each-message-once'];
      const missing = run.sent.filter((m) => (run.refsInLog[m.ref] ?? 0) === 0).map((m) => m.text);
      const twice = run.sent.filter((m) => (run.refsInLog[m.ref] ?? 0) > 1).map((m) => m.text);
      const evidence = [...(missing.length ? [s.missing(missing)] : []), ...(twice.length ? [s.twice(twice)] : [])];
      return evidence.length === 0
        ? { id: req.id, label: s.label, passed: true, evidence: [s.pass(run.sent.length)] }
        : { id: req.id, label: s.label, passed: false, evidence };
    }
    case 'cleanup': {
      const s = v.cleanup;
      const c = run.cleanup;
      if (!c) return { id: req.id, label: s.label, passed: false, evidence: [v.notJudged] };
      const evidence = [
        ...(c.returnedClose ? [] : [s.noClose]),
        ...(c.live > 0 ? [s.open(c.live)] : []),
        ...(c.requestsAfterClose > 0 ? [s.asked(c.requestsAfterClose)] : []),
      ];
      return evidence.length === 0
        ? { id: req.id, label: s.label, passed: true, evidence: [s.pass] }
        : { id: req.id, label: s.label, passed: false, evidence };
    }
  }
}

/** The line a requirement shows before any run. */
export function requirementLabel(req: Requirement, strings: ExerciseStrings = exerciseStrings): string {
  const v = strings.verdicts;
  switch (req.id) {
    case 'backlog':
      return v.backlog.label(req.count, req.withinMs);
    case 'outage-rate':
      return v['outage-rate'].label(req.maxPerSecond);
    case 'backoff':
      return v.backoff.label(req.maxPerSecond);
    default:
      return v[req.id].label;
  }
}

export function judge(
  requirements: readonly Requirement[],
  run: RunRecord,
  strings: ExerciseStrings = exerciseStrings,
): Judgement {
  const verdicts = requirements.map((r) => one(r, run, strings));
  const counts = exactlyOnce(run, strings.verdicts['exactly-once']);
  return { passed: verdicts.every((v) => v.passed), verdicts, lost: counts.lost, duplicated: counts.duplicated };
}

/** A run that stopped before judging (syntax error, endless loop, time limit): every line "not judged". */
export function notJudged(requirements: readonly Requirement[], strings: ExerciseStrings = exerciseStrings): Judgement {
  return {
    passed: false,
    lost: 0,
    duplicated: 0,
    verdicts: requirements.map((r) => ({
      id: r.id,
      label: requirementLabel(r, strings),
      passed: false,
      evidence: [strings.verdicts.notJudged],
    })),
  };
}
