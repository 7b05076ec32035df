// What the benchmark results say, in English: the rows of bench/report/summary.ts, the charts of
// bench/report/charts.ts and the words of src/components/BenchmarkResults.astro. This file defines the
// type; ../ko/bench.ts is of it. The English report (`npm run bench`'s table and charts, the page) is
// these strings byte for byte as they were before the report took a locale: tests/bench/report-en.test.ts.
import type { Machine } from '../../../bench/report/results.ts';
import type { SummaryRow } from '../../../bench/report/summary.ts';
import type { TargetName } from '../../../bench/targets.ts';
import { type TechniqueId, technique } from '../../../protocol/techniques.ts';

export type Percentile = 'p50' | 'p99' | 'max';

/** Text with code in it: a string is text, `{ code }` is set as <code>. */
export type Rich = readonly (string | { readonly code: string })[];

export interface BenchStrings {
  /** A technique as a row, a legend and a bar group name it. */
  techniqueName: (id: TechniqueId) => string;
  /** The technique of a figure of every technique. */
  all: string;
  /** wrk's rows of the static site: its name in the technique column, and in the figure. */
  staticSite: { name: string; inFigure: string };
  /** p50, p99 and the maximum, in a figure and a chart's groups. */
  percentile: (key: Percentile) => string;
  /** The figures of summaryRows. Subscriber counts come formatted ("10,000"). */
  figures: {
    idleHeld: string;
    dropsWhileHeld: string;
    rssPerIdle: string;
    heapPerIdle: string;
    fanoutLatency: (subscribers: string, key: Percentile) => string;
    fanoutDeliveries: (subscribers: string, p99Ms: number) => string;
    fanoutCpu: (subscribers: string) => string;
    /** The polling figures' clients ("50 clients"), put into the three below. */
    clients: (n: number) => string;
    pollRate: (clients: string) => string;
    pollLatency: (key: Percentile, clients: string) => string;
    errors: string;
    pollConnections: string;
    wireBytes: (payloadBytes: number) => string;
    wireArithmetic: string;
    churnRate: string;
    churnGeneratorCpu: string;
    rateAnswers: (name: string, connections: number, rounds: number) => string;
    rateCpuPerAnswer: (name: string) => string;
    rateCpuShare: (name: string, who: 'server' | 'wrk') => string;
    rateErrors: (name: string) => string;
    /** The burst: RSS at the end of the largest fan-out, and RSS and heap once its clients left and a GC ran. */
    burstRss: (subscribers: string) => string;
    burstRssBack: string;
    burstHeapBack: string;
  };
  /** The issue's targets in words. */
  targets: {
    held: (connections: string) => string;
    atMostTimesBaseline: (times: number) => string;
    atLeastTimesBaseline: (times: number) => string;
    belowMs: (ms: number) => string;
    poll: (ms: number) => string;
    allMatch: (project: number, baseline: number) => string;
    atMostPercentOfIdle: (percent: number) => string;
  };
  /** A missing value, and how a target fared (the table's cells; the terminal table's last column). */
  format: { na: string; met: string; notMet: string; notJudged: string };
  charts: {
    /** The server a line or bar is of. */
    server: (target: TargetName) => string;
    /** A line's legend: a technique on one server. */
    line: (techniqueName: string, server: string) => string;
    msLogScale: string;
    capacity: { title: string; desc: string; xLabel: string; yLabel: string };
    fanoutLatency: { title: string; desc: string; xLabel: string; barNames: readonly string[] };
    fanoutRamp: {
      title: (subscribers: string) => string;
      desc: (subscribers: number) => string;
      xLabel: string;
      yLabel: string;
      limit: string;
    };
    polling: {
      title: (clients: number) => string;
      desc: string;
      xLabel: string;
      barName: (server: string, perSec: string) => string;
    };
    wire: { title: string; desc: string; yLabel: string; xLabel: string; barNames: readonly string[] };
    churn: { title: string; desc: string; yLabel: string; xLabel: string; barNames: readonly string[] };
  };
  /** src/components/BenchmarkResults.astro. */
  page: {
    label: string;
    /** The paragraph above the tables: when, how, on what machine, and what a ratio is. */
    meta: (o: { command: string; when: string; seconds: number; machine: Machine; hasRates: boolean }) => Rich;
    /** The technique column: the id in English (as the lessons name figures), the name elsewhere. */
    techniqueCell: (id: string, name: string) => string;
    targets: {
      label: string;
      met: string;
      notMet: string;
      line: (o: { technique: string; figure: string; value: string; ratio?: string; target: string }) => string;
    };
    sections: Record<SummaryRow['section'], string>;
    columns: { technique: string; figure: string; project: string; baseline: string; ratio: string; target: string };
    wire: {
      caption: string;
      server: (target: TargetName) => string;
      columns: {
        technique: string;
        server: string;
        payload: string;
        envelope: string;
        framing: string;
        request: string;
        responseHead: string;
        predicted: string;
        measured: string;
      };
    };
    history: {
      caption: string;
      load: (start: number, end: number) => string;
      /** A past run's figure: its value, the ratio when there is one, and whether it met the target. */
      cell: (value: string, ratio: string | undefined, met: boolean) => string;
    };
    openFullSize: string;
    close: string;
  };
}

export const benchStrings: BenchStrings = {
  techniqueName: (id) => technique(id).name,
  all: 'all',
  staticSite: { name: 'static', inFigure: 'the static site' },
  percentile: (key) => key,
  figures: {
    idleHeld: 'idle connections held',
    dropsWhileHeld: 'unplanned drops while held',
    rssPerIdle: 'RSS per idle connection',
    heapPerIdle: 'heap per idle connection (after GC)',
    fanoutLatency: (n, key) => `one publish to ${n}: ${key}`,
    fanoutDeliveries: (n, ms) => `to ${n}: deliveries/s with p99 ≤ ${ms} ms`,
    fanoutCpu: (n) => `to ${n}: server CPU per delivery`,
    clients: (n) => `${n} clients`,
    pollRate: (clients) => `requests/s, ${clients}`,
    pollLatency: (key, clients) => `${key}, ${clients}`,
    errors: 'errors',
    pollConnections: 'TCP connections opened (keep-alive)',
    wireBytes: (p) => `bytes per event, ${p} B payload`,
    wireArithmetic: 'measurements equal to the framing arithmetic',
    churnRate: 'new connections/s',
    churnGeneratorCpu: 'generators’ CPU, share of one core',
    rateAnswers: (name, c, rounds) => `${name}: answers/s, wrk -c${c}, median of ${rounds} alternating rounds`,
    rateCpuPerAnswer: (name) => `${name}: server CPU per answer`,
    rateCpuShare: (name, who) => `${name}: ${who} CPU, share of one core`,
    rateErrors: (name) => `${name}: errors`,
    burstRss: (n) => `RSS at the end of a burst (fan-out to ${n}, no GC)`,
    burstRssBack: 'RSS after the burst, clients gone and a GC, of idle RSS',
    burstHeapBack: 'heap after the burst, clients gone and a GC, of idle heap',
  },
  targets: {
    held: (n) => `${n}, 0 drops`,
    atMostTimesBaseline: (x) => `≤ ${x}× baseline`,
    atLeastTimesBaseline: (x) => `≥ ${x}× baseline`,
    belowMs: (ms) => `< ${ms} ms`,
    poll: (ms) => `< ${ms} ms, 0 errors`,
    allMatch: (project, baseline) => `all ${project} + ${baseline}`,
    atMostPercentOfIdle: (pct) => `≤ ${pct} % of idle`,
  },
  format: { na: 'n/a', met: 'met', notMet: 'NOT met', notJudged: 'not judged' },
  charts: {
    server: (target) => (target === 'project' ? 'project' : target.replace('-', ' ')),
    line: (name, server) => `${name} ${server}`,
    msLogScale: 'milliseconds (log scale)',
    capacity: {
      title: 'Server RSS (after GC) by idle connections held',
      desc: 'Resident memory of the server process at each step of held idle connections, per technique; the thin lines with hollow points are the bare baselines.',
      xLabel: 'idle connections held',
      yLabel: 'RSS (MiB)',
    },
    fanoutLatency: {
      title: 'One publish to N subscribers: latency',
      desc: 'p50 and p99 from publish to delivery, one event at a time, for the project and the bare baselines.',
      xLabel: 'technique × subscribers',
      barNames: ['project p50', 'project p99', 'bare p50', 'bare p99'],
    },
    fanoutRamp: {
      title: (n) => `Fan-out to ${n}: p99 as the rate rises`,
      desc: (n) =>
        `p99 latency against delivered messages per second with ${n} subscribers; the ramp stops once p99 passes 100 ms.`,
      xLabel: 'delivered messages per second',
      yLabel: 'p99 (ms, log scale)',
      limit: '100 ms',
    },
    polling: {
      title: (clients) => `Short polling, ${clients} clients: latency`,
      desc: 'Request latency of closed-loop short polling over keep-alive connections.',
      xLabel: 'percentile',
      barName: (server, perSec) => `${server} (${perSec} req/s)`,
    },
    wire: {
      title: 'Bytes on the wire per delivered event',
      desc: 'TCP payload bytes, both directions, per delivered event, against the payload itself.',
      yLabel: 'bytes',
      xLabel: 'technique and payload',
      barNames: ['project', 'bare baseline', 'payload alone'],
    },
    churn: {
      title: 'New connections per second',
      desc: 'Connections opened and closed per second by the load generators.',
      yLabel: 'connections per second',
      xLabel: 'technique',
      barNames: ['project', 'bare baseline'],
    },
  },
  page: {
    label: 'Benchmark results',
    meta: ({ command, when, seconds, machine: m, hasRates }) => [
      'Measured with ',
      { code: command },
      ` on ${when} UTC in ${seconds} s: ${m.cpus} cores (${m.cpuModel}), ${m.memoryGiB} GiB, Node ${m.node}, ${m.os}. The ${m.note}. `,
      m.loadAverage
        ? `The machine's 1-minute load average went from ${m.loadAverage.start} to ${m.loadAverage.end} during the run (other work on it slows the project and the baselines alike). `
        : '',
      'Ratio = project ÷ bare baseline (a bare ',
      { code: 'ws' },
      ' server for WebSocket, a bare ',
      { code: 'node:http' },
      ' server for the HTTP techniques); below 1× the project did better. ',
      hasRates
        ? "Request rates come from wrk, the project and the baseline in alternating rounds; a row shows the CPU wrk itself used beside the server's, so that a generator using a whole core, the limit rather than the server, shows. "
        : '',
    ],
    techniqueCell: (id) => id,
    targets: {
      label: 'Targets',
      met: 'Met',
      notMet: 'Not met',
      line: ({ technique, figure, value, ratio, target }) =>
        `${technique}, ${figure}: ${value}${ratio === undefined ? '' : ` (${ratio} baseline)`}, target ${target}`,
    },
    sections: {
      'request rates': 'Request rates from wrk, with the CPU of the server and of wrk',
      capacity: 'Capacity: idle connections and memory',
      'fan-out': 'Fan-out: one publish to N subscribers',
      'short polling': 'Short polling under load',
      wire: 'Bytes on the wire per delivered event',
      churn: 'Connection churn',
    },
    columns: {
      technique: 'technique',
      figure: 'figure',
      project: 'project',
      baseline: 'baseline',
      ratio: 'ratio',
      target: 'target',
    },
    wire: {
      caption: 'Where the bytes of one event go (both directions, TCP payload)',
      server: (target) => target,
      columns: {
        technique: 'technique',
        server: 'server',
        payload: 'payload',
        envelope: 'JSON envelope',
        framing: 'framing',
        request: 'HTTP request',
        responseHead: 'response head',
        predicted: 'predicted',
        measured: 'measured',
      },
    },
    history: {
      caption: 'The targets in every committed run (project value, ratio to baseline)',
      load: (start, end) => `load ${start} → ${end}`,
      cell: (value, ratio, met) => `${value}${ratio === undefined ? '' : ` (${ratio})`} ${met ? 'met' : 'not met'}`,
    },
    openFullSize: 'Open full size',
    close: 'Close',
  },
};
