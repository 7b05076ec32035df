// Fan-out: one publish delivered to N subscribers. First one event at a time (the latency of a single
// fan-out), then a rising rate until p99 passes the limit (how many deliveries per second it sustains).
import type { RecordReply } from '../loadgen/protocol.ts';
import { clock } from '../loadgen/protocol.ts';
import { Publisher } from '../publisher.ts';
import type { BurstResult, FanoutResult, RampStep } from '../report/results.ts';
import { cpuMsOf } from '../cpu.ts';
import { Histogram } from '../stats.ts';
import type { TechniqueId } from '../../protocol/techniques.ts';
import { baselineFor, type Target, type TargetName } from '../targets.ts';
import { closeSubscribers, openSubscribers, settle, sleep, withTarget, type BenchContext } from './context.ts';

/** How long stragglers may take after the last publish of a step before the step counts as incomplete. */
const DRAIN_MS = 5000;
/** One paced event is waited for longer: it is never lost, so on a starved machine it is only late. */
const PACED_WAIT_MS = 15_000;
const MAX_EVENTS_PER_SEC = 5000;
const WARM_UP_EVENTS_PER_SEC = 10;
const WARM_UP_MS = 500;

async function received(ctx: BenchContext): Promise<number> {
  const replies = await ctx.pool.all<{ received: number }>({ op: 'received' });
  return replies.reduce((s, r) => s + r.received, 0);
}

async function waitForDeliveries(ctx: BenchContext, expected: number, maxMs: number): Promise<void> {
  const deadline = Date.now() + maxMs;
  while ((await received(ctx)) < expected && Date.now() < deadline) await sleep(10);
}

async function stopRecording(
  ctx: BenchContext,
): Promise<{ received: number; lastReceiptAt: number; histogram: Histogram }> {
  const replies = await ctx.pool.all<RecordReply>({ op: 'record-stop' });
  const histogram = new Histogram();
  for (const r of replies) histogram.merge(r.latency);
  return {
    received: replies.reduce((s, r) => s + r.received, 0),
    lastReceiptAt: Math.max(...replies.map((r) => r.lastReceiptAt)),
    histogram,
  };
}

async function fanoutTo(
  ctx: BenchContext,
  target: Target,
  technique: TechniqueId,
  subscribers: number,
  /** Called after the last delivery, before the subscribers are closed. */
  beforeClose?: () => Promise<void>,
): Promise<FanoutResult> {
  const { pacedEvents, rampDeliveriesPerSec, rampStepMs, p99LimitMs } = ctx.plan.fanout;
  const channel = `fan-${technique}-${subscribers}`;
  const opened = await openSubscribers(ctx, technique, target.base, channel, subscribers, ctx.plan.fanout.generators);
  if (opened.failed > 0)
    throw new Error(
      `${target.name} ${technique}: ${opened.failed} of ${subscribers} subscribers failed to connect: ${opened.firstError}`,
    );
  await settle(target, technique, subscribers, 5000);
  const publisher = new Publisher(target.base, channel);
  try {
    // A fresh server process runs its first deliveries cold (JIT, first-use allocations): not timed.
    await ctx.pool.all({ op: 'record-start' });
    const warmUp = await publisher.paced(WARM_UP_EVENTS_PER_SEC, WARM_UP_MS);
    await waitForDeliveries(ctx, warmUp * subscribers, DRAIN_MS);
    await stopRecording(ctx);

    await ctx.pool.all({ op: 'record-start' });
    for (let i = 1; i <= pacedEvents; i++) {
      await publisher.publish();
      await waitForDeliveries(ctx, subscribers * i, PACED_WAIT_MS);
    }
    const paced = await stopRecording(ctx);

    const ramp: RampStep[] = [];
    const generators = ctx.plan.fanout.generators;
    const cpuBefore = cpuMsOf(target.pid);
    const generatorsBefore = ctx.pool.cpuMs(generators);
    const rampStarted = performance.now();
    let deliveredInRamp = 0;
    const runStep = async (eventsPerSec: number): Promise<RampStep> => {
      await ctx.pool.all({ op: 'record-start' });
      const startedAt = clock();
      const published = await publisher.paced(eventsPerSec, rampStepMs);
      await waitForDeliveries(ctx, published * subscribers, DRAIN_MS);
      const step = await stopRecording(ctx);
      deliveredInRamp += step.received;
      const seconds = Math.max(rampStepMs, step.lastReceiptAt - startedAt) / 1000;
      const result = {
        eventsPerSec,
        published,
        deliveredPerSec: step.received / seconds,
        latency: step.histogram.summary(),
        complete: step.received >= published * subscribers,
      };
      ctx.log(
        `  ${target.name} ${technique} ×${subscribers}: ${eventsPerSec.toFixed(1)} events/s → ${Math.round(result.deliveredPerSec)} delivered/s, p99 ${result.latency.p99.toFixed(1)} ms${result.complete ? '' : ' (incomplete)'}`,
      );
      return result;
    };
    const within = (s: RampStep) => s.complete && s.latency.p99 <= p99LimitMs;
    for (const deliveries of rampDeliveriesPerSec) {
      const eventsPerSec = Math.min(MAX_EVENTS_PER_SEC, deliveries / subscribers);
      let step = await runStep(eventsPerSec);
      // The machine is shared: one slow step may be a neighbour's spike, so a step must fail twice to end the ramp.
      if (!within(step)) {
        await sleep(500);
        const again = await runStep(eventsPerSec);
        if (within(again)) step = again;
      }
      ramp.push(step);
      if (!within(step)) break;
      await sleep(200);
    }
    const cpuAfter = cpuMsOf(target.pid);
    const generatorsMs = ctx.pool.cpuMs(generators) - generatorsBefore;
    const elapsedMs = performance.now() - rampStarted;
    const sustained = ramp.filter(within);
    const latency = paced.histogram.summary();
    ctx.log(
      `  ${target.name} ${technique} ×${subscribers}: one publish → p50 ${latency.p50.toFixed(2)} ms, p99 ${latency.p99.toFixed(2)} ms; ramp CPU of one core: server ${((100 * (cpuAfter - cpuBefore)) / elapsedMs).toFixed(0)}%, ${generators} generators ${((100 * generatorsMs) / elapsedMs).toFixed(0)}%`,
    );
    return {
      technique,
      target: target.name,
      subscribers,
      paced: { events: pacedEvents, expected: pacedEvents * subscribers, received: paced.received, latency },
      ramp,
      maxDeliveredPerSec: Math.max(0, ...sustained.map((s) => s.deliveredPerSec)),
      serverCpuMsPerDelivery: deliveredInRamp > 0 ? (cpuAfter - cpuBefore) / deliveredInRamp : Number.NaN,
      generatorCpuMsPerDelivery: deliveredInRamp > 0 ? generatorsMs / deliveredInRamp : Number.NaN,
      rampCpu: { elapsedMs, serverMs: cpuAfter - cpuBefore, generatorsMs },
    };
  } finally {
    publisher.close();
    try {
      await beforeClose?.();
    } finally {
      await closeSubscribers(ctx);
    }
  }
}

/** How long the server is given to see its burst's clients go (close events, timers) before the GC. */
const GONE_MS = 500;

/**
 * Every held technique's fan-out, project and baseline, each on a fresh server that runs the sizes one
 * after another. That run is also the burst (`burst`, one BurstResult per server): its RSS idle, at the
 * end of the largest size with its subscribers still connected, and after they have gone and a GC ran.
 */
export async function runFanout(ctx: BenchContext, burst: BurstResult[] = []): Promise<FanoutResult[]> {
  const results: FanoutResult[] = [];
  const sizes = ctx.plan.fanout.subscribers;
  const largest = Math.max(...sizes);
  for (const technique of ctx.plan.fanout.techniques) {
    for (const targetName of ['project', baselineFor(technique)] as TargetName[]) {
      await withTarget(ctx, targetName, async (target) => {
        const idle = await target.memory();
        let atEnd = idle;
        for (const n of sizes) {
          const endOfBurst =
            n === largest
              ? async () => {
                  atEnd = await target.memory({ gc: false });
                }
              : undefined;
          results.push(await fanoutTo(ctx, target, technique, n, endOfBurst));
        }
        await sleep(GONE_MS);
        const afterGc = await target.memory();
        const b: BurstResult = {
          technique,
          target: targetName,
          subscribers: largest,
          idleRss: idle.rss,
          idleHeapUsed: idle.heapUsed,
          afterBurstRss: atEnd.rss,
          afterBurstHeapUsed: atEnd.heapUsed,
          afterGcRss: afterGc.rss,
          afterGcHeapUsed: afterGc.heapUsed,
        };
        const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
        ctx.log(
          `  ${targetName} ${technique} burst: RSS idle ${mib(b.idleRss)}, at the end of ×${largest} ${mib(b.afterBurstRss)}, clients gone + GC ${mib(b.afterGcRss)} (${((100 * b.afterGcRss) / b.idleRss).toFixed(0)} % of idle; heap ${((100 * b.afterGcHeapUsed) / b.idleHeapUsed).toFixed(0)} % of idle)`,
        );
        burst.push(b);
      });
    }
  }
  return results;
}
