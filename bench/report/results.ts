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
}

/** Closed-loop short polling of SHORT_POLLING. */
export interface PollingResult {
  readonly target: TargetName;
  readonly clients: number;
  readonly requests: number;
  readonly perSec: number;
  readonly errors: number;
  readonly connectionsOpened: number;
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

export interface ChurnResult {
  readonly technique: TechniqueId;
  readonly target: TargetName;
  readonly perSec: number;
  readonly completed: number;
  readonly failed: number;
  readonly connectLatency: LatencySummary;
  readonly firstError?: string;
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
}
