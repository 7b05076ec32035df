// Connection churn: how many new connections per second the server accepts, for each technique with one
// connection per subscription (SSE and WebSocket today), each one opened (101, or the first bytes of the
// stream), then closed by the client.
import type { ChurnReply } from '../loadgen/protocol.ts';
import type { ChurnResult } from '../report/results.ts';
import { cpuMsOf } from '../cpu.ts';
import { Histogram } from '../stats.ts';
import { baselineFor, type TargetName } from '../targets.ts';
import { withTarget, type BenchContext } from './context.ts';

export async function runChurn(ctx: BenchContext): Promise<ChurnResult[]> {
  const results: ChurnResult[] = [];
  const { techniques, durationMs, concurrencyPerGenerator, generators } = ctx.plan.churn;
  for (const technique of techniques) {
    for (const targetName of ['project', baselineFor(technique)] as TargetName[]) {
      await withTarget(ctx, targetName, async (target) => {
        const serverBefore = cpuMsOf(target.pid);
        const generatorsBefore = ctx.pool.cpuMs(generators);
        const started = performance.now();
        const replies = await ctx.pool.all<ChurnReply>(
          {
            op: 'churn',
            technique,
            base: target.base,
            channel: 'churn',
            durationMs,
            concurrency: concurrencyPerGenerator,
          },
          120_000,
          generators,
        );
        const elapsedMs = performance.now() - started;
        const serverCpuMs = cpuMsOf(target.pid) - serverBefore;
        const generatorCpuMs = ctx.pool.cpuMs(generators) - generatorsBefore;
        const histogram = new Histogram();
        for (const r of replies) histogram.merge(r.connectLatency);
        const completed = replies.reduce((s, r) => s + r.completed, 0);
        const elapsedSec = Math.max(...replies.map((r) => r.elapsedMs)) / 1000;
        const result: ChurnResult = {
          technique,
          target: targetName,
          perSec: completed / elapsedSec,
          completed,
          failed: replies.reduce((s, r) => s + r.failed, 0),
          connectLatency: histogram.summary(),
          firstError: replies.find((r) => r.firstError)?.firstError,
          serverCpuMs,
          generatorCpuMs,
          elapsedMs,
        };
        const cores = (ms: number) => `${((ms / elapsedMs) * 100).toFixed(0)}%`;
        ctx.log(
          `  ${targetName} ${technique} churn: ${Math.round(result.perSec)} new connections/s, ${result.failed} failed; CPU of one core: server ${cores(serverCpuMs)}, ${generators} generators ${cores(generatorCpuMs)}`,
        );
        results.push(result);
      });
    }
  }
  return results;
}
