// How big and how long each measurement is, per mode: `full` (npm run bench, within 10 minutes), `quick`
// (--quick, under 2 minutes) and `smoke` (the test that exercises every code path at toy sizes).
import { TECHNIQUES, type Technique, type TechniqueId } from '../protocol/techniques.ts';
import { RATE_SCENARIOS, type RateScenario, SHORT_POLLING } from './report/results.ts';

export type Mode = 'full' | 'quick' | 'smoke';

export interface Plan {
  readonly mode: Mode;
  /**
   * Generator processes; each holds at most a share of the connections (`ulimit -n` is per process).
   * Scenarios that keep the generators busy use fewer of them: every busy generator process takes its
   * share of the cores from the server measured.
   */
  readonly generators: number;
  readonly addressesPerGenerator: number;
  readonly capacity: {
    readonly techniques: readonly TechniqueId[];
    readonly steps: readonly number[];
    readonly settleMs: number;
    readonly holdMs: number;
  };
  readonly fanout: {
    readonly generators: number;
    readonly techniques: readonly TechniqueId[];
    readonly subscribers: readonly number[];
    /** Events published one at a time (each waits until every subscriber has it). */
    readonly pacedEvents: number;
    /** Delivered messages per second to aim for, step by step, until p99 passes `p99LimitMs`. */
    readonly rampDeliveriesPerSec: readonly number[];
    readonly rampStepMs: number;
    readonly p99LimitMs: number;
  };
  /** Request rates from wrk (rates.ts), project and bare in alternating rounds. */
  readonly rates: {
    readonly scenarios: readonly RateScenario[];
    readonly rounds: number;
    readonly connections: number;
    readonly threads: number;
    readonly warmupMs: number;
    readonly durationMs: number;
  };
  readonly polling: {
    /** The technique polled: short polling, the one that asks once per answer (the `rates` poll scenario). */
    readonly technique: TechniqueId;
  };
  readonly wire: {
    readonly techniques: readonly TechniqueId[];
    readonly payloads: readonly number[];
    readonly events: number;
  };
  readonly churn: {
    readonly generators: number;
    readonly techniques: readonly TechniqueId[];
    readonly durationMs: number;
    readonly concurrencyPerGenerator: number;
  };
}

/**
 * The order the bench measures and reports techniques in: the registry's (the course's, simplest first)
 * reversed, so that every table opens with the techniques that hold one connection for the whole
 * subscription, which the capacity and fan-out targets are about.
 */
const BENCH_ORDER: readonly Technique[] = [...TECHNIQUES].reverse();
const techniquesWhere = (keep: (t: Technique) => boolean): readonly TechniqueId[] =>
  BENCH_ORDER.filter(keep).map((t) => t.id);

/** Capacity and fan-out: every technique for which the server holds a connection while nothing happens. */
const HELD = techniquesWhere((t) => t.heldByServer);
/** Bytes on the wire: every technique. */
const ALL = techniquesWhere(() => true);
/** Churn: the techniques with one connection per subscription, whose set-up is what a new subscriber costs. */
const CHURNED = techniquesWhere((t) => t.connection === 'persistent');
const WIRE_PAYLOADS = [10, 100, 1024];

export const PLANS: Record<Mode, Plan> = {
  full: {
    mode: 'full',
    generators: 4,
    addressesPerGenerator: 4,
    // holdMs and rampStepMs were 6000 and 2000 until the full run took 613.8 s (limit 600) with the burst
    // still to add: 3 s of holding shows the same drops (none, and shorter than the 10 s heartbeat either
    // way), and a 1.5 s ramp step still carries 15 events at ×1 000's first step (15 000 deliveries).
    capacity: { techniques: HELD, steps: [1000, 2000, 5000, 10_000, 15_000], settleMs: 1000, holdMs: 3000 },
    fanout: {
      generators: 2,
      techniques: HELD,
      subscribers: [100, 1000, 10_000],
      pacedEvents: 15,
      rampDeliveriesPerSec: [10_000, 25_000, 50_000, 100_000, 200_000],
      rampStepMs: 1500,
      p99LimitMs: 100,
    },
    rates: { scenarios: RATE_SCENARIOS, rounds: 3, connections: 50, threads: 1, warmupMs: 1000, durationMs: 3000 },
    polling: { technique: SHORT_POLLING },
    wire: { techniques: ALL, payloads: WIRE_PAYLOADS, events: 20 },
    churn: { generators: 2, techniques: CHURNED, durationMs: 4000, concurrencyPerGenerator: 16 },
  },
  quick: {
    mode: 'quick',
    generators: 2,
    addressesPerGenerator: 4,
    // The burst (fan-out) added about 10 s to a quick run (110.5 s at load 2.2, limit 120): held 0.5 s here.
    capacity: { techniques: HELD, steps: [1000, 2000], settleMs: 500, holdMs: 500 },
    fanout: {
      generators: 2,
      techniques: HELD,
      subscribers: [100, 1000],
      pacedEvents: 5,
      rampDeliveriesPerSec: [20_000],
      rampStepMs: 1000,
      p99LimitMs: 100,
    },
    rates: { scenarios: RATE_SCENARIOS, rounds: 2, connections: 50, threads: 1, warmupMs: 1000, durationMs: 1000 },
    polling: { technique: SHORT_POLLING },
    wire: { techniques: ALL, payloads: WIRE_PAYLOADS, events: 5 },
    churn: { generators: 2, techniques: CHURNED, durationMs: 1000, concurrencyPerGenerator: 8 },
  },
  smoke: {
    mode: 'smoke',
    generators: 2,
    addressesPerGenerator: 2,
    capacity: { techniques: HELD, steps: [4, 10], settleMs: 100, holdMs: 100 },
    fanout: {
      generators: 2,
      techniques: HELD,
      subscribers: [6],
      pacedEvents: 2,
      rampDeliveriesPerSec: [60],
      rampStepMs: 200,
      p99LimitMs: 100,
    },
    rates: { scenarios: RATE_SCENARIOS, rounds: 1, connections: 4, threads: 1, warmupMs: 1000, durationMs: 1000 },
    polling: { technique: SHORT_POLLING },
    wire: { techniques: ALL, payloads: [10, 1024], events: 2 },
    churn: { generators: 2, techniques: CHURNED, durationMs: 200, concurrencyPerGenerator: 2 },
  },
};
