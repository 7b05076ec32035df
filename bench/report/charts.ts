// One SVG chart per figure of a run, drawn from its results file (so a chart cannot disagree with it).
import { type TechniqueId, technique } from '../../protocol/techniques.ts';
import type { TargetName } from '../targets.ts';
import type { BenchResults } from './results.ts';
import { barChart, lineChart, type LineSeries } from './svg.ts';

export interface Chart {
  readonly name: string;
  readonly title: string;
  readonly svg: string;
}

/** 'project', 'bare ws', 'bare http'. */
const who = (target: TargetName) => (target === 'project' ? 'project' : target.replace('-', ' '));
const MIB = 2 ** 20;

/** A bar group's label: the technique's name one word a line, so that narrow groups stay legible. */
const groupLabel = (id: TechniqueId, below?: string) =>
  [...technique(id).name.split(' '), ...(below === undefined ? [] : [below])].join('\n');

/** One line of a technique on the project or a baseline: the technique's colour and dashes, the baseline thin. */
function lineOf(id: TechniqueId, target: TargetName, points: LineSeries['points']): LineSeries {
  const { name, chart } = technique(id);
  return {
    name: `${name} ${who(target)}`,
    color: chart.color,
    dash: chart.dash,
    baseline: target !== 'project',
    points,
  };
}

export function renderCharts(r: BenchResults): Chart[] {
  const charts: Chart[] = [];
  const add = (name: string, title: string, svg: string) => charts.push({ name, title, svg });

  if (r.capacity.length) {
    const series: LineSeries[] = r.capacity.map((c) =>
      lineOf(c.technique, c.target, [
        [0, c.idle.rss / MIB],
        ...c.steps.map((s) => [s.connections, s.rss / MIB] as const),
      ]),
    );
    const title = 'Server RSS (after GC) by idle connections held';
    add(
      'capacity-memory',
      title,
      lineChart({
        id: 'capacity-memory',
        title,
        desc: 'Resident memory of the server process at each step of held idle connections, per technique; the thin lines with hollow points are the bare baselines.',
        xLabel: 'idle connections held',
        yLabel: 'RSS (MiB)',
        series,
      }),
    );
  }

  const paced = r.fanout;
  if (paced.length) {
    const ns = [...new Set(paced.map((f) => f.subscribers))];
    const groups = [...new Set(paced.map((f) => f.technique))].flatMap((t) =>
      ns.map((n) => {
        const of = (project: boolean) =>
          paced.find((f) => f.technique === t && f.subscribers === n && (f.target === 'project') === project)?.paced
            .latency;
        return {
          label: groupLabel(t, `×${n.toLocaleString('en')}`),
          values: [
            of(true)?.p50 ?? Number.NaN,
            of(true)?.p99 ?? Number.NaN,
            of(false)?.p50 ?? Number.NaN,
            of(false)?.p99 ?? Number.NaN,
          ],
        };
      }),
    );
    const title = 'One publish to N subscribers: latency';
    add(
      'fanout-latency',
      title,
      barChart({
        id: 'fanout-latency',
        title,
        desc: 'p50 and p99 from publish to delivery, one event at a time, for the project and the bare baselines.',
        yLabel: 'milliseconds (log scale)',
        xLabel: 'technique × subscribers',
        logY: true,
        barNames: ['project p50', 'project p99', 'bare p50', 'bare p99'],
        groups,
      }),
    );

    for (const n of ns) {
      const series: LineSeries[] = paced
        .filter((f) => f.subscribers === n && f.ramp.length)
        .map((f) =>
          lineOf(
            f.technique,
            f.target,
            f.ramp.map((s) => [s.deliveredPerSec, s.latency.p99] as const),
          ),
        );
      const rampTitle = `Fan-out to ${n.toLocaleString('en')}: p99 as the rate rises`;
      add(
        `fanout-ramp-${n}`,
        rampTitle,
        lineChart({
          id: `fanout-ramp-${n}`,
          title: rampTitle,
          desc: `p99 latency against delivered messages per second with ${n} subscribers; the ramp stops once p99 passes 100 ms.`,
          xLabel: 'delivered messages per second',
          yLabel: 'p99 (ms, log scale)',
          logY: true,
          series,
          limit: { y: 100, label: '100 ms' },
        }),
      );
    }
  }

  if (r.polling.length) {
    const title = `Short polling, ${r.polling[0]!.clients} clients: latency`;
    const groups = ['p50', 'p99', 'max'].map((k) => ({
      label: k,
      values: r.polling.map((p) => p.latency[k as 'p50' | 'p99' | 'max']),
    }));
    add(
      'polling-latency',
      title,
      barChart({
        id: 'polling-latency',
        title,
        desc: 'Request latency of closed-loop short polling over keep-alive connections.',
        yLabel: 'milliseconds (log scale)',
        xLabel: 'percentile',
        logY: true,
        barNames: r.polling.map((p) => `${who(p.target)} (${Math.round(p.perSec).toLocaleString('en')} req/s)`),
        groups,
      }),
    );
  }

  if (r.wire.length) {
    const payloads = [...new Set(r.wire.map((w) => w.payloadBytes))];
    const groups = [...new Set(r.wire.map((w) => w.technique))].flatMap((t) =>
      payloads.map((p) => {
        const of = (project: boolean) =>
          r.wire.find((w) => w.technique === t && w.payloadBytes === p && (w.target === 'project') === project);
        return {
          label: groupLabel(t, `${p} B`),
          values: [of(true)?.measured ?? Number.NaN, of(false)?.measured ?? Number.NaN, p],
        };
      }),
    );
    const title = 'Bytes on the wire per delivered event';
    add(
      'wire-bytes',
      title,
      barChart({
        id: 'wire-bytes',
        title,
        desc: 'TCP payload bytes, both directions, per delivered event, against the payload itself.',
        yLabel: 'bytes',
        xLabel: 'technique and payload',
        barNames: ['project', 'bare baseline', 'payload alone'],
        groups,
      }),
    );
  }

  if (r.churn.length) {
    const groups = [...new Set(r.churn.map((c) => c.technique))].map((t) => ({
      label: groupLabel(t),
      values: [true, false].map(
        (project) =>
          r.churn.find((c) => c.technique === t && (c.target === 'project') === project)?.perSec ?? Number.NaN,
      ),
    }));
    const title = 'New connections per second';
    add(
      'churn',
      title,
      barChart({
        id: 'churn',
        title,
        desc: 'Connections opened and closed per second by the load generators.',
        yLabel: 'connections per second',
        xLabel: 'technique',
        barNames: ['project', 'bare baseline'],
        groups,
      }),
    );
  }
  return charts;
}
