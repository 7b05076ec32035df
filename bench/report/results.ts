// The shape of bench/results/<date>.json: what the terminal table, the SVG charts and the site's
// benchmark page are all made from. Numbers are plain (bytes, milliseconds, per second).
import { TECHNIQUES, type TechniqueId } from '../../protocol/techniques.ts';
import type { Mode } from '../plan.ts';
import type { LatencySummary } from '../stats.ts';
import type { TargetName } from '../targets.ts';

/**
 * The technique the short-polling figures are of: the one that asks once per answer. A PollingResult
 * names no technique (the results files never have), so the registry decides which one it is.
 */
export const SHORT_POLLING: TechniqueId = (() => {
  const polled = TECHNIQUES.find((t) => t.connection === 'request-per-answer');
  if (!polled) throw new Error('the technique registry has no request-per-answer technique to short-poll');
  return polled.id;
})();

export interface Machine {
  readonly cpus: number;
  readonly cpuModel: string;
  readonly memoryGiB: number;
  readonly node: string;
  readonly os: string;
  readonly generators: number;
  readonly note: string;
  /**
   * 1-minute load average when the run started and when it ended: other work on a shared machine shows
   * here (absent from runs made before it was recorded).
   */
  readonly loadAverage?: { readonly start: number; readonly end: number };
  /** `taskset -c` lists the server and the load generators were pinned to (absent: they shared every core). */
  readonly pinning?: { readonly server: string; readonly generators: string };
}

export interface CapacityStep {
  readonly connections: number;
  readonly rss: number;
  readonly heapUsed: number;
  /** The project's own count of open connections (its /metrics gauge); null for a baseline. */
  readonly serverCount: number | null;
}

export interface CapacityResult {
  readonly technique: TechniqueId;
  readonly target: TargetName;
  readonly steps: readonly CapacityStep[];
  readonly idle: { readonly rss: number; readonly heapUsed: number };
  /** Slope of RSS (and heap after GC) over the connections held, in bytes per connection. */
  readonly rssPerConnection: number;
  readonly heapPerConnection: number;
  readonly held: number;
  readonly failedOpens: number;
  readonly drops: number;
  readonly dropReasons: readonly string[];
  readonly holdMs: number;
}

export interface RampStep {
  readonly eventsPerSec: number;
  readonly published: number;
  readonly deliveredPerSec: number;
  readonly latency: LatencySummary;
  /** Every subscriber got every event within the drain time. */
  readonly complete: boolean;
}

export interface FanoutResult {
  readonly technique: TechniqueId;
  readonly target: TargetName;
  readonly subscribers: number;
  /** One publish at a time, each waiting until all subscribers have it. */
  readonly paced: {
    readonly events: number;
    readonly expected: number;
    readonly received: number;
    readonly latency: LatencySummary;
  };
  readonly ramp: readonly RampStep[];
  /** The highest delivered rate whose p99 stayed within the limit (0 if none did). */
  readonly maxDeliveredPerSec: number;
  readonly serverCpuMsPerDelivery: number;
  /** CPU of the subscribers' generator processes over the ramp, ms per delivery (absent before issue 15). */
  readonly generatorCpuMsPerDelivery?: number;
  /** Wall time of the ramp, with the CPU both sides used in it (ms). */
  readonly rampCpu?: { readonly elapsedMs: number; readonly serverMs: number; readonly generatorsMs: number };
}

/**
 * Closed-loop short polling of SHORT_POLLING: since issue 15, the median round of the `rates` poll
 * scenario (wrk's connections are the clients); earlier runs had Node clients and counted the TCP
 * connections they opened.
 */
export interface PollingResult {
  readonly target: TargetName;
  readonly clients: number;
  readonly requests: number;
  readonly perSec: number;
  readonly errors: number;
  readonly connectionsOpened?: number;
  readonly latency: LatencySummary;
  readonly firstError?: string;
}

export interface WireResult {
  readonly technique: TechniqueId;
  readonly target: TargetName;
  readonly payloadBytes: number;
  readonly measured: number;
  readonly expected: number;
  readonly parts: {
    readonly request: number;
    readonly responseHead: number;
    readonly framing: number;
    readonly envelope: number;
    readonly payload: number;
  };
  readonly sample: string;
}

/** The request-rate scenarios driven by wrk (bench/scenarios/rates.ts). */
export const RATE_SCENARIOS = ['poll', 'long-poll', 'static'] as const;
export type RateScenario = (typeof RATE_SCENARIOS)[number];

/** One wrk run against one server. Latency in ms; CPU in ms of user + system time over the run. */
export interface RateRun {
  /** 1, 2, …; 0 is the unmeasured warm-up. */
  readonly round: number;
  readonly target: TargetName;
  readonly requests: number;
  readonly perSec: number;
  readonly durationMs: number;
  /** Socket errors of every kind plus answers that were not 2xx/3xx. */
  readonly errors: number;
  readonly bytes: number;
  readonly latency: { readonly p50: number; readonly p99: number; readonly max: number; readonly mean: number };
  readonly serverCpuMs: number;
  /** User + system CPU of wrk, all its threads (from its shell's cutime/cstime). */
  readonly generatorCpuMs: number;
}

export interface RateResult {
  readonly scenario: RateScenario;
  /** The technique asked (poll, long-poll); none for the static site. */
  readonly technique?: TechniqueId;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly connections: number;
  readonly threads: number;
  /** Alternating rounds: project, bare, bare, project, … */
  readonly runs: readonly RateRun[];
}

export interface ChurnResult {
  readonly technique: TechniqueId;
  readonly target: TargetName;
  readonly perSec: number;
  readonly completed: number;
  readonly failed: number;
  readonly connectLatency: LatencySummary;
  readonly firstError?: string;
  /** CPU over the run, ms: the server's, and the generator processes' together (absent before issue 15). */
  readonly serverCpuMs?: number;
  readonly generatorCpuMs?: number;
  readonly elapsedMs?: number;
}

/**
 * Memory over one server's whole fan-out run (its sizes one after another, the largest last): the RSS
 * after a GC before the first subscriber, right after the largest size's last delivery with its
 * subscribers still connected (no GC: what the process holds at the end of a burst), and once they
 * have all gone and a GC has run (what it gives back). Bytes.
 */
export interface BurstResult {
  readonly technique: TechniqueId;
  readonly target: TargetName;
  /** The largest fan-out size, the subscribers connected at the end of the burst. */
  readonly subscribers: number;
  readonly idleRss: number;
  readonly idleHeapUsed: number;
  readonly afterBurstRss: number;
  readonly afterBurstHeapUsed: number;
  readonly afterGcRss: number;
  readonly afterGcHeapUsed: number;
}

export interface BenchResults {
  readonly version: 1;
  readonly mode: Mode;
  readonly startedAt: string;
  readonly durationSec: number;
  readonly command: string;
  readonly machine: Machine;
  readonly capacity: readonly CapacityResult[];
  readonly fanout: readonly FanoutResult[];
  readonly polling: readonly PollingResult[];
  readonly wire: readonly WireResult[];
  readonly churn: readonly ChurnResult[];
  /** Absent from runs made before issue 15. */
  readonly rates?: readonly RateResult[];
  /** Absent from runs made before the burst scenario (issue 15, perf2). */
  readonly burst?: readonly BurstResult[];
}
