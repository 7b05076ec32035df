// The headline figures of a run, each next to its bare baseline and the ratio project / baseline, with
// the targets checked. The terminal table and the site's benchmark page both print these rows.
import { type TechniqueId, technique } from '../../protocol/techniques.ts';
import { t } from '../../src/i18n/catalogue.ts';
import type { BenchStrings } from '../../src/i18n/en/bench.ts';
import type { Locale } from '../../src/i18n/locales.ts';
import { ratio } from '../stats.ts';
import { type BenchResults, type FanoutResult, type RateResult, type RateRun, SHORT_POLLING } from './results.ts';

export type Unit = 'bytes' | 'ms' | 'us' | 'per-sec' | 'count' | 'percent';

export interface SummaryRow {
  readonly section: 'request rates' | 'capacity' | 'fan-out' | 'short polling' | 'wire' | 'churn';
  readonly figure: string;
  /** The technique's id (what a lesson looks a figure up by), or 'all' for a figure of every technique. */
  readonly technique: TechniqueId | 'all';
  /** What a reader sees for it: the technique's name (the registry's in English), or 'all'. */
  readonly techniqueName: string;
  readonly unit: Unit;
  readonly project: number;
  readonly baseline: number;
  readonly ratio: number;
  /** The target in words, when there is one. */
  readonly target?: string;
  /** null when this run was too small to judge the target (quick mode). */
  readonly met?: boolean | null;
}

export const TARGET_CONNECTIONS = 15_000;
export const TARGET_FANOUT = 10_000;
/** Issue 15's targets, each a ratio project / bare baseline measured in the same run. */
export const TARGETS = {
  /** Poll and long-poll answers per second, at least. */
  answerRate: 0.85,
  /** Fan-out p99, at most, for every technique, at 1 000 subscribers and more (below, p99 is a few ms of noise). */
  fanoutP99: 1.15,
  fanoutJudgedFrom: 1000,
  /** Memory per held SSE / WebSocket connection, at most; per waiting long-poll (a held request costs something). */
  memoryPerStream: 1.2,
  memoryPerHeldRequest: 3,
  /** New SSE (and WebSocket) connections per second, at least. */
  churn: 0.85,
  /** RSS at the end of a burst (the largest fan-out, subscribers still there), at most, against the baseline's. */
  rssAfterBurst: 1.5,
  /** RSS once the burst's clients have gone and a GC has run, at most, as a multiple of the server's idle RSS. */
  rssBackToIdle: 1.2,
} as const;
const FANOUT_P99_MS = 100;
const POLL_P99_MS = 25;

const rowIn =
  (words: BenchStrings) =>
  (r: Omit<SummaryRow, 'ratio' | 'techniqueName'>): SummaryRow => ({
    ...r,
    techniqueName: r.technique === 'all' ? words.all : words.techniqueName(r.technique),
    ratio: ratio(r.project, r.baseline),
  });

/** The rows in `locale`'s words (src/i18n/<locale>/bench.ts): figure, target and technique name; English by default. */
export function summaryRows(results: BenchResults, locale: Locale = 'en'): SummaryRow[] {
  const words = t(locale).bench;
  const row = rowIn(words);
  const rows: SummaryRow[] = [];

  for (const project of results.capacity.filter((c) => c.target === 'project')) {
    const bare = results.capacity.find((c) => c.technique === project.technique && c.target !== 'project');
    const reached = Math.max(0, ...project.steps.map((s) => s.connections));
    const judged = reached >= TARGET_CONNECTIONS || project.failedOpens > 0;
    rows.push(
      row({
        section: 'capacity',
        figure: words.figures.idleHeld,
        technique: project.technique,
        unit: 'count',
        project: project.held,
        baseline: bare?.held ?? Number.NaN,
        target: words.targets.held(TARGET_CONNECTIONS.toLocaleString('en')),
        met: judged ? project.held >= TARGET_CONNECTIONS && project.drops === 0 && project.failedOpens === 0 : null,
      }),
    );
    rows.push(
      row({
        section: 'capacity',
        figure: words.figures.dropsWhileHeld,
        technique: project.technique,
        unit: 'count',
        project: project.drops,
        baseline: bare?.drops ?? Number.NaN,
      }),
    );
    const rss = row({
      section: 'capacity',
      figure: words.figures.rssPerIdle,
      technique: project.technique,
      unit: 'bytes',
      project: project.rssPerConnection,
      baseline: bare?.rssPerConnection ?? Number.NaN,
    });
    const limit =
      technique(project.technique).connection === 'held-request'
        ? TARGETS.memoryPerHeldRequest
        : TARGETS.memoryPerStream;
    rows.push({
      ...rss,
      target: words.targets.atMostTimesBaseline(limit),
      met: Number.isFinite(rss.ratio) ? rss.ratio <= limit : null,
    });
    rows.push(
      row({
        section: 'capacity',
        figure: words.figures.heapPerIdle,
        technique: project.technique,
        unit: 'bytes',
        project: project.heapPerConnection,
        baseline: bare?.heapPerConnection ?? Number.NaN,
      }),
    );
  }

  // The burst: one server's whole fan-out run (bench/scenarios/fanout.ts). Listed with capacity, the other
  // memory figures; judged only at the full run's size (a quick run's burst is a tenth of it).
  for (const project of (results.burst ?? []).filter((b) => b.target === 'project')) {
    const bare = results.burst?.find((b) => b.technique === project.technique && b.target !== 'project');
    const judged = project.subscribers >= TARGET_FANOUT;
    const n = project.subscribers.toLocaleString('en');
    const atEnd = row({
      section: 'capacity',
      figure: words.figures.burstRss(n),
      technique: project.technique,
      unit: 'bytes',
      project: project.afterBurstRss,
      baseline: bare?.afterBurstRss ?? Number.NaN,
    });
    rows.push({
      ...atEnd,
      target: words.targets.atMostTimesBaseline(TARGETS.rssAfterBurst),
      met: judged && Number.isFinite(atEnd.ratio) ? atEnd.ratio <= TARGETS.rssAfterBurst : null,
    });
    // Each side against its own idle RSS, in percent: the target is the project's own way back.
    const back = (b: typeof project | undefined) => (b ? (100 * b.afterGcRss) / b.idleRss : Number.NaN);
    rows.push(
      row({
        section: 'capacity',
        figure: words.figures.burstRssBack,
        technique: project.technique,
        unit: 'percent',
        project: back(project),
        baseline: back(bare),
        target: words.targets.atMostPercentOfIdle(Math.round(TARGETS.rssBackToIdle * 100)),
        met: judged ? back(project) <= TARGETS.rssBackToIdle * 100 : null,
      }),
    );
    // The heap beside it tells a leak (live objects left) from memory the allocator keeps for later.
    const heapBack = (b: typeof project | undefined) => (b ? (100 * b.afterGcHeapUsed) / b.idleHeapUsed : Number.NaN);
    rows.push(
      row({
        section: 'capacity',
        figure: words.figures.burstHeapBack,
        technique: project.technique,
        unit: 'percent',
        project: heapBack(project),
        baseline: heapBack(bare),
      }),
    );
  }

  const fanoutOf = (target: 'project' | 'baseline', id: TechniqueId, n: number): FanoutResult | undefined =>
    results.fanout.find(
      (f) => f.technique === id && f.subscribers === n && (target === 'project') === (f.target === 'project'),
    );
  for (const f of results.fanout.filter((x) => x.target === 'project')) {
    const bare = fanoutOf('baseline', f.technique, f.subscribers);
    const n = f.subscribers.toLocaleString('en');
    for (const key of ['p50', 'p99', 'max'] as const) {
      const r = row({
        section: 'fan-out',
        figure: words.figures.fanoutLatency(n, key),
        technique: f.technique,
        unit: 'ms',
        project: f.paced.latency[key],
        baseline: bare?.paced.latency[key] ?? Number.NaN,
      });
      if (key === 'p99' && f.subscribers >= TARGETS.fanoutJudgedFrom) {
        // Two targets, judged apart: the ratio says what the project adds, the absolute says what a user waits.
        rows.push({
          ...r,
          target: words.targets.atMostTimesBaseline(TARGETS.fanoutP99),
          met: Number.isFinite(r.ratio) && r.ratio <= TARGETS.fanoutP99,
        });
        if (f.subscribers === TARGET_FANOUT)
          rows.push({ ...r, target: words.targets.belowMs(FANOUT_P99_MS), met: r.project < FANOUT_P99_MS });
      } else rows.push(r);
    }
    rows.push(
      row({
        section: 'fan-out',
        figure: words.figures.fanoutDeliveries(n, FANOUT_P99_MS),
        technique: f.technique,
        unit: 'per-sec',
        project: f.maxDeliveredPerSec,
        baseline: bare?.maxDeliveredPerSec ?? Number.NaN,
      }),
    );
    // CPU time is the steadiest figure on a shared machine: a neighbour's load delays, but does not bill, the server.
    const us = (x: FanoutResult | undefined) => (x ? x.serverCpuMsPerDelivery * 1000 : Number.NaN);
    rows.push(
      row({
        section: 'fan-out',
        figure: words.figures.fanoutCpu(n),
        technique: f.technique,
        unit: 'us',
        project: us(f),
        baseline: us(bare),
      }),
    );
  }

  const poll = results.polling.find((p) => p.target === 'project');
  const bare = results.polling.find((p) => p.target !== 'project');
  if (poll) {
    const clients = words.figures.clients(poll.clients);
    rows.push(
      row({
        section: 'short polling',
        figure: words.figures.pollRate(clients),
        technique: SHORT_POLLING,
        unit: 'per-sec',
        project: poll.perSec,
        baseline: bare?.perSec ?? Number.NaN,
      }),
    );
    rows.push(
      row({
        section: 'short polling',
        figure: words.figures.pollLatency('p50', clients),
        technique: SHORT_POLLING,
        unit: 'ms',
        project: poll.latency.p50,
        baseline: bare?.latency.p50 ?? Number.NaN,
      }),
    );
    rows.push({
      ...row({
        section: 'short polling',
        figure: words.figures.pollLatency('p99', clients),
        technique: SHORT_POLLING,
        unit: 'ms',
        project: poll.latency.p99,
        baseline: bare?.latency.p99 ?? Number.NaN,
      }),
      target: words.targets.poll(POLL_P99_MS),
      met: poll.latency.p99 < POLL_P99_MS && poll.errors === 0,
    });
    rows.push(
      row({
        section: 'short polling',
        figure: words.figures.errors,
        technique: SHORT_POLLING,
        unit: 'count',
        project: poll.errors,
        baseline: bare?.errors ?? Number.NaN,
      }),
    );
    if (poll.connectionsOpened !== undefined)
      rows.push(
        row({
          section: 'short polling',
          figure: words.figures.pollConnections,
          technique: SHORT_POLLING,
          unit: 'count',
          project: poll.connectionsOpened,
          baseline: bare?.connectionsOpened ?? Number.NaN,
        }),
      );
  }

  const adds = (w: { measured: number; expected: number }) => Math.abs(w.measured - w.expected) < 0.5;
  const projectWire = results.wire.filter((x) => x.target === 'project');
  for (const w of projectWire) {
    const b = results.wire.find(
      (x) => x.technique === w.technique && x.payloadBytes === w.payloadBytes && x.target !== 'project',
    );
    rows.push(
      row({
        section: 'wire',
        figure: words.figures.wireBytes(w.payloadBytes),
        technique: w.technique,
        unit: 'bytes',
        project: w.measured,
        baseline: b?.measured ?? Number.NaN,
      }),
    );
  }
  if (projectWire.length) {
    const bareWire = results.wire.filter((x) => x.target !== 'project');
    rows.push({
      ...row({
        section: 'wire',
        figure: words.figures.wireArithmetic,
        technique: 'all',
        unit: 'count',
        project: projectWire.filter(adds).length,
        baseline: bareWire.filter(adds).length,
      }),
      target: words.targets.allMatch(projectWire.length, bareWire.length),
      met: projectWire.every(adds) && bareWire.every(adds),
    });
  }

  for (const c of results.churn.filter((x) => x.target === 'project')) {
    const b = results.churn.find((x) => x.technique === c.technique && x.target !== 'project');
    const r = row({
      section: 'churn',
      figure: words.figures.churnRate,
      technique: c.technique,
      unit: 'per-sec',
      project: c.perSec,
      baseline: b?.perSec ?? Number.NaN,
    });
    rows.push({
      ...r,
      target: words.targets.atLeastTimesBaseline(TARGETS.churn),
      met: Number.isFinite(r.ratio) && r.ratio >= TARGETS.churn,
    });
    if (c.generatorCpuMs !== undefined && c.elapsedMs)
      rows.push(
        row({
          section: 'churn',
          figure: words.figures.churnGeneratorCpu,
          technique: c.technique,
          unit: 'percent',
          project: (100 * c.generatorCpuMs) / c.elapsedMs,
          baseline:
            b?.generatorCpuMs !== undefined && b.elapsedMs ? (100 * b.generatorCpuMs) / b.elapsedMs : Number.NaN,
        }),
      );
  }
  return [...rateRows(results.rates ?? [], words), ...rows];
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0
    ? Number.NaN
    : s.length % 2
      ? s[(s.length - 1) / 2]!
      : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/**
 * The wrk scenarios: median rate of each side over its rounds, and as ratio the median of the rounds'
 * own ratios (each round measures both sides within seconds of each other). Beside them, each side's
 * CPU per answer and wrk's CPU, the figure that says whether the generator was the limit.
 */
function rateRows(rates: readonly RateResult[], words: BenchStrings): SummaryRow[] {
  const rows: SummaryRow[] = [];
  for (const r of rates) {
    const name = r.technique ? words.techniqueName(r.technique) : words.staticSite.inFigure;
    const ofTarget = (project: boolean) => r.runs.filter((x) => x.round > 0 && (x.target === 'project') === project);
    const mine = ofTarget(true);
    const bare = ofTarget(false);
    const rounds = [...new Set(mine.map((x) => x.round))];
    const roundRatios = rounds.flatMap((n) => {
      const p = mine.find((x) => x.round === n);
      const b = bare.find((x) => x.round === n);
      return p && b && b.perSec > 0 ? [p.perSec / b.perSec] : [];
    });
    const base = {
      section: 'request rates' as const,
      technique: r.technique ?? ('all' as const),
      techniqueName: r.technique ? words.techniqueName(r.technique) : words.staticSite.name,
    };
    const judged = r.scenario === 'poll' || r.scenario === 'long-poll';
    const answers: SummaryRow = {
      ...base,
      figure: words.figures.rateAnswers(name, r.connections, rounds.length),
      unit: 'per-sec',
      project: median(mine.map((x) => x.perSec)),
      baseline: median(bare.map((x) => x.perSec)),
      ratio: median(roundRatios),
    };
    rows.push(
      judged
        ? {
            ...answers,
            target: words.targets.atLeastTimesBaseline(TARGETS.answerRate),
            met: Number.isFinite(answers.ratio) ? answers.ratio >= TARGETS.answerRate : null,
          }
        : answers,
    );
    const perAnswer = (runs: readonly RateRun[]) => median(runs.map((x) => (1000 * x.serverCpuMs) / x.requests));
    rows.push({
      ...base,
      figure: words.figures.rateCpuPerAnswer(name),
      unit: 'us',
      project: perAnswer(mine),
      baseline: perAnswer(bare),
      ratio: ratio(perAnswer(mine), perAnswer(bare)),
    });
    const share = (runs: readonly RateRun[], key: 'serverCpuMs' | 'generatorCpuMs') =>
      median(runs.map((x) => (100 * x[key]) / x.durationMs));
    for (const [key, who] of [
      ['serverCpuMs', 'server'],
      ['generatorCpuMs', 'wrk'],
    ] as const)
      rows.push({
        ...base,
        figure: words.figures.rateCpuShare(name, who),
        unit: 'percent',
        project: share(mine, key),
        baseline: share(bare, key),
        ratio: ratio(share(mine, key), share(bare, key)),
      });
    rows.push({
      ...base,
      figure: words.figures.rateErrors(name),
      unit: 'count',
      project: mine.reduce((s, x) => s + x.errors, 0),
      baseline: bare.reduce((s, x) => s + x.errors, 0),
      ratio: Number.NaN,
    });
  }
  return rows;
}

/** A figure with its unit; numbers grouped as in English ("15,000") in both languages, which group them alike. */
export function formatValue(value: number, unit: Unit, locale: Locale = 'en'): string {
  if (!Number.isFinite(value)) return t(locale).bench.format.na;
  if (unit === 'bytes' && value >= 10 * 2 ** 20) return `${(value / 2 ** 20).toFixed(1)} MiB`;
  if (unit === 'bytes')
    return value >= 10_240 ? `${(value / 1024).toFixed(1)} KiB` : `${Math.round(value).toLocaleString('en')} B`;
  if (unit === 'us') return `${value.toFixed(1)} µs`;
  if (unit === 'ms') return value >= 100 ? `${Math.round(value)} ms` : `${value.toFixed(value >= 10 ? 1 : 2)} ms`;
  if (unit === 'per-sec') return `${Math.round(value).toLocaleString('en')}/s`;
  if (unit === 'percent') return `${Math.round(value)} %`;
  return Math.round(value).toLocaleString('en');
}

export const formatRatio = (r: number, locale: Locale = 'en') =>
  Number.isFinite(r) ? `${r.toFixed(2)}×` : t(locale).bench.format.na;
export const formatMet = (met: boolean | null | undefined, locale: Locale = 'en') => {
  const words = t(locale).bench.format;
  return met === undefined ? '' : met === null ? words.notJudged : met ? words.met : words.notMet;
};
