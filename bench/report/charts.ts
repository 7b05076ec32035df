// One SVG chart per figure of a run, drawn from its results file (so a chart cannot disagree with it).
import { type TechniqueId, technique } from '../../protocol/techniques.ts';
import { t as catalogue } from '../../src/i18n/catalogue.ts';
import type { BenchStrings } from '../../src/i18n/en/bench.ts';
import type { Locale } from '../../src/i18n/locales.ts';
import type { TargetName } from '../targets.ts';
import type { BenchResults } from './results.ts';
import { barChart, lineChart, type LineSeries } from './svg.ts';

export interface Chart {
  readonly name: string;
  readonly title: string;
  readonly svg: string;
}

const MIB = 2 ** 20;

/** A bar group's label: the technique's name one word a line, so that narrow groups stay legible. */
const groupLabel = (words: BenchStrings, id: TechniqueId, below?: string) =>
  [...words.techniqueName(id).split(' '), ...(below === undefined ? [] : [below])].join('\n');

/** One line of a technique on the project or a baseline: the technique's colour and dashes, the baseline thin. */
function lineOf(words: BenchStrings, id: TechniqueId, target: TargetName, points: LineSeries['points']): LineSeries {
  const { chart } = technique(id);
  return {
    name: words.charts.line(words.techniqueName(id), words.charts.server(target)),
    color: chart.color,
    dash: chart.dash,
    baseline: target !== 'project',
    points,
  };
}

/** The charts in `locale`'s words (src/i18n/<locale>/bench.ts): titles, axes, legends, descriptions; English by default. */
export function renderCharts(r: BenchResults, locale: Locale = 'en'): Chart[] {
  const words = catalogue(locale).bench;
  const text = words.charts;
  const who = text.server;
  const charts: Chart[] = [];
  const add = (name: string, title: string, svg: string) => charts.push({ name, title, svg });

  if (r.capacity.length) {
    const series: LineSeries[] = r.capacity.map((c) =>
      lineOf(words, c.technique, c.target, [
        [0, c.idle.rss / MIB],
        ...c.steps.map((s) => [s.connections, s.rss / MIB] as const),
      ]),
    );
    const title = text.capacity.title;
    add(
      'capacity-memory',
      title,
      lineChart({
        id: 'capacity-memory',
        title,
        desc: text.capacity.desc,
        xLabel: text.capacity.xLabel,
        yLabel: text.capacity.yLabel,
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
          label: groupLabel(words, t, `×${n.toLocaleString('en')}`),
          values: [
            of(true)?.p50 ?? Number.NaN,
            of(true)?.p99 ?? Number.NaN,
            of(false)?.p50 ?? Number.NaN,
            of(false)?.p99 ?? Number.NaN,
          ],
        };
      }),
    );
    const title = text.fanoutLatency.title;
    add(
      'fanout-latency',
      title,
      barChart({
        id: 'fanout-latency',
        title,
        desc: text.fanoutLatency.desc,
        yLabel: text.msLogScale,
        xLabel: text.fanoutLatency.xLabel,
        logY: true,
        barNames: text.fanoutLatency.barNames,
        groups,
      }),
    );

    for (const n of ns) {
      const series: LineSeries[] = paced
        .filter((f) => f.subscribers === n && f.ramp.length)
        .map((f) =>
          lineOf(
            words,
            f.technique,
            f.target,
            f.ramp.map((s) => [s.deliveredPerSec, s.latency.p99] as const),
          ),
        );
      const rampTitle = text.fanoutRamp.title(n.toLocaleString('en'));
      add(
        `fanout-ramp-${n}`,
        rampTitle,
        lineChart({
          id: `fanout-ramp-${n}`,
          title: rampTitle,
          desc: text.fanoutRamp.desc(n),
          xLabel: text.fanoutRamp.xLabel,
          yLabel: text.fanoutRamp.yLabel,
          logY: true,
          series,
          limit: { y: 100, label: text.fanoutRamp.limit },
        }),
      );
    }
  }

  if (r.polling.length) {
    const title = text.polling.title(r.polling[0]!.clients);
    const groups = (['p50', 'p99', 'max'] as const).map((k) => ({
      label: words.percentile(k),
      values: r.polling.map((p) => p.latency[k]),
    }));
    add(
      'polling-latency',
      title,
      barChart({
        id: 'polling-latency',
        title,
        desc: text.polling.desc,
        yLabel: text.msLogScale,
        xLabel: text.polling.xLabel,
        logY: true,
        barNames: r.polling.map((p) => text.polling.barName(who(p.target), Math.round(p.perSec).toLocaleString('en'))),
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
          label: groupLabel(words, t, `${p} B`),
          values: [of(true)?.measured ?? Number.NaN, of(false)?.measured ?? Number.NaN, p],
        };
      }),
    );
    const title = text.wire.title;
    add(
      'wire-bytes',
      title,
      barChart({
        id: 'wire-bytes',
        title,
        desc: text.wire.desc,
        yLabel: text.wire.yLabel,
        xLabel: text.wire.xLabel,
        barNames: text.wire.barNames,
        groups,
      }),
    );
  }

  if (r.churn.length) {
    const groups = [...new Set(r.churn.map((c) => c.technique))].map((t) => ({
      label: groupLabel(words, t),
      values: [true, false].map(
        (project) =>
          r.churn.find((c) => c.technique === t && (c.target === 'project') === project)?.perSec ?? Number.NaN,
      ),
    }));
    const title = text.churn.title;
    add(
      'churn',
      title,
      barChart({
        id: 'churn',
        title,
        desc: text.churn.desc,
        yLabel: text.churn.yLabel,
        xLabel: text.churn.xLabel,
        barNames: text.churn.barNames,
        groups,
      }),
    );
  }
  return charts;
}
