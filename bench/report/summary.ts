// The headline figures of a run, each next to its bare baseline and the ratio project / baseline, with
// the targets checked. The terminal table and the site's benchmark page both print these rows.
import { type TechniqueId, technique } from '../../protocol/techniques.ts';
import { ratio } from '../stats.ts';
import { type BenchResults, type FanoutResult, SHORT_POLLING } from './results.ts';

export type Unit = 'bytes' | 'ms' | 'us' | 'per-sec' | 'count';

export interface SummaryRow {
  readonly section: 'capacity' | 'fan-out' | 'short polling' | 'wire' | 'churn';
  readonly figure: string;
  /** The technique's id (what a lesson looks a figure up by), or 'all' for a figure of every technique. */
  readonly technique: TechniqueId | 'all';
  /** What a reader sees for it: the technique's name in the registry, or 'all'. */
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
const MAX_RATIO = 1.5;
const FANOUT_P99_MS = 100;
const POLL_P99_MS = 25;

const row = (r: Omit<SummaryRow, 'ratio' | 'techniqueName'>): SummaryRow => ({
  ...r,
  techniqueName: r.technique === 'all' ? 'all' : technique(r.technique).name,
  ratio: ratio(r.project, r.baseline),
});

export function summaryRows(results: BenchResults): SummaryRow[] {
  const rows: SummaryRow[] = [];

  for (const project of results.capacity.filter((c) => c.target === 'project')) {
    const bare = results.capacity.find((c) => c.technique === project.technique && c.target !== 'project');
    const reached = Math.max(0, ...project.steps.map((s) => s.connections));
    const judged = reached >= TARGET_CONNECTIONS || project.failedOpens > 0;
    rows.push(
      row({
        section: 'capacity',
        figure: 'idle connections held',
        technique: project.technique,
        unit: 'count',
        project: project.held,
        baseline: bare?.held ?? Number.NaN,
        target: `${TARGET_CONNECTIONS.toLocaleString('en')}, 0 drops`,
        met: judged ? project.held >= TARGET_CONNECTIONS && project.drops === 0 && project.failedOpens === 0 : null,
      }),
    );
    rows.push(
      row({
        section: 'capacity',
        figure: 'unplanned drops while held',
        technique: project.technique,
        unit: 'count',
        project: project.drops,
        baseline: bare?.drops ?? Number.NaN,
      }),
    );
    const rss = row({
      section: 'capacity',
      figure: 'RSS per idle connection',
      technique: project.technique,
      unit: 'bytes',
      project: project.rssPerConnection,
      baseline: bare?.rssPerConnection ?? Number.NaN,
    });
    rows.push({
      ...rss,
      target: `≤ ${MAX_RATIO}× baseline`,
      met: Number.isFinite(rss.ratio) ? rss.ratio <= MAX_RATIO : null,
    });
    rows.push(
      row({
        section: 'capacity',
        figure: 'heap per idle connection (after GC)',
        technique: project.technique,
        unit: 'bytes',
        project: project.heapPerConnection,
        baseline: bare?.heapPerConnection ?? Number.NaN,
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
        figure: `one publish to ${n}: ${key}`,
        technique: f.technique,
        unit: 'ms',
        project: f.paced.latency[key],
        baseline: bare?.paced.latency[key] ?? Number.NaN,
      });
      if (key === 'p99' && f.subscribers === TARGET_FANOUT) {
        // Two targets, judged apart: the ratio says what the project adds, the absolute says what a user waits.
        rows.push({ ...r, target: `≤ ${MAX_RATIO}× baseline`, met: Number.isFinite(r.ratio) && r.ratio <= MAX_RATIO });
        rows.push({ ...r, target: `< ${FANOUT_P99_MS} ms`, met: r.project < FANOUT_P99_MS });
      } else rows.push(r);
    }
    rows.push(
      row({
        section: 'fan-out',
        figure: `to ${n}: deliveries/s with p99 ≤ ${FANOUT_P99_MS} ms`,
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
        figure: `to ${n}: server CPU per delivery`,
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
    const clients = `${poll.clients} clients`;
    rows.push(
      row({
        section: 'short polling',
        figure: `requests/s, ${clients}`,
        technique: SHORT_POLLING,
        unit: 'per-sec',
        project: poll.perSec,
        baseline: bare?.perSec ?? Number.NaN,
      }),
    );
    rows.push(
      row({
        section: 'short polling',
        figure: `p50, ${clients}`,
        technique: SHORT_POLLING,
        unit: 'ms',
        project: poll.latency.p50,
        baseline: bare?.latency.p50 ?? Number.NaN,
      }),
    );
    rows.push({
      ...row({
        section: 'short polling',
        figure: `p99, ${clients}`,
        technique: SHORT_POLLING,
        unit: 'ms',
        project: poll.latency.p99,
        baseline: bare?.latency.p99 ?? Number.NaN,
      }),
      target: `< ${POLL_P99_MS} ms, 0 errors`,
      met: poll.latency.p99 < POLL_P99_MS && poll.errors === 0,
    });
    rows.push(
      row({
        section: 'short polling',
        figure: 'errors',
        technique: SHORT_POLLING,
        unit: 'count',
        project: poll.errors,
        baseline: bare?.errors ?? Number.NaN,
      }),
    );
    rows.push(
      row({
        section: 'short polling',
        figure: 'TCP connections opened (keep-alive)',
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
        figure: `bytes per event, ${w.payloadBytes} B payload`,
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
        figure: 'measurements equal to the framing arithmetic',
        technique: 'all',
        unit: 'count',
        project: projectWire.filter(adds).length,
        baseline: bareWire.filter(adds).length,
      }),
      target: `all ${projectWire.length} + ${bareWire.length}`,
      met: projectWire.every(adds) && bareWire.every(adds),
    });
  }

  for (const c of results.churn.filter((x) => x.target === 'project')) {
    const b = results.churn.find((x) => x.technique === c.technique && x.target !== 'project');
    rows.push(
      row({
        section: 'churn',
        figure: 'new connections/s',
        technique: c.technique,
        unit: 'per-sec',
        project: c.perSec,
        baseline: b?.perSec ?? Number.NaN,
      }),
    );
  }
  return rows;
}

export function formatValue(value: number, unit: Unit): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (unit === 'bytes')
    return value >= 10_240 ? `${(value / 1024).toFixed(1)} KiB` : `${Math.round(value).toLocaleString('en')} B`;
  if (unit === 'us') return `${value.toFixed(1)} µs`;
  if (unit === 'ms') return value >= 100 ? `${Math.round(value)} ms` : `${value.toFixed(value >= 10 ? 1 : 2)} ms`;
  if (unit === 'per-sec') return `${Math.round(value).toLocaleString('en')}/s`;
  return Math.round(value).toLocaleString('en');
}

export const formatRatio = (r: number) => (Number.isFinite(r) ? `${r.toFixed(2)}×` : 'n/a');
export const formatMet = (met: boolean | null | undefined) =>
  met === undefined ? '' : met === null ? 'not judged' : met ? 'met' : 'NOT met';
