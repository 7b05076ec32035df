// Short polling under load: a fixed number of clients, each sending its next request as soon as the
// last answer arrived (no pipelining), over keep-alive connections: requests per second, latency, errors,
// and how many TCP connections were opened for how many requests (keep-alive reuse).
import type { PollLoadReply } from '../loadgen/protocol.ts';
import { share } from '../loadgen/pool.ts';
import type { PollingResult } from '../report/results.ts';
import { Histogram } from '../stats.ts';
import { baselineFor, type TargetName } from '../targets.ts';
import { withTarget, type BenchContext } from './context.ts';

async function load(ctx: BenchContext, base: string, durationMs: number): Promise<PollLoadReply[]> {
  const { technique, clients, generators } = ctx.plan.polling;
  return ctx.pool.all<PollLoadReply>(
    (i) => {
      const n = share(clients, generators, i);
      return n > 0 ? { op: 'poll-load', technique, base, channel: 'polled', clients: n, durationMs } : null;
    },
    120_000,
    generators,
  );
}

async function pollingOf(ctx: BenchContext, targetName: TargetName): Promise<PollingResult> {
  const { clients, warmupMs, durationMs } = ctx.plan.polling;
  return withTarget(targetName, async (target) => {
    // The first requests run cold (JIT, connection set-up): not part of the figure.
    await load(ctx, target.base, warmupMs);
    const replies = await load(ctx, target.base, durationMs);
    const histogram = new Histogram();
    for (const r of replies) histogram.merge(r.latency);
    const requests = replies.reduce((s, r) => s + r.requests, 0);
    const elapsedSec = Math.max(...replies.map((r) => r.elapsedMs)) / 1000;
    const result: PollingResult = {
      target: targetName,
      clients,
      requests,
      perSec: requests / elapsedSec,
      errors: replies.reduce((s, r) => s + r.errors, 0),
      connectionsOpened: replies.reduce((s, r) => s + r.connectionsOpened, 0),
      latency: histogram.summary(),
      firstError: replies.find((r) => r.firstError)?.firstError,
    };
    ctx.log(
      `  ${targetName} ${ctx.plan.polling.technique}: ${Math.round(result.perSec)} requests/s, p99 ${result.latency.p99.toFixed(2)} ms, ${result.connectionsOpened} connections for ${requests} requests, ${result.errors} errors`,
    );
    return result;
  });
}

export async function runPolling(ctx: BenchContext): Promise<PollingResult[]> {
  return [await pollingOf(ctx, 'project'), await pollingOf(ctx, baselineFor(ctx.plan.polling.technique))];
}
