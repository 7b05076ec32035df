// Capacity: idle connections held in steps, with the server's RSS and heap after GC at each step; the
// slope over the steps is what one more idle connection costs the server.
import type { CapacityResult, CapacityStep } from '../report/results.ts';
import { slope } from '../stats.ts';
import type { TechniqueId } from '../../protocol/techniques.ts';
import { baselineFor, type TargetName } from '../targets.ts';
import {
  closeSubscribers,
  openSubscribers,
  settle,
  sleep,
  subscriberStatus,
  withTarget,
  type BenchContext,
} from './context.ts';

async function capacityOf(ctx: BenchContext, technique: TechniqueId, targetName: TargetName): Promise<CapacityResult> {
  const { steps, settleMs, holdMs } = ctx.plan.capacity;
  return withTarget(ctx, targetName, async (target) => {
    const channel = `idle-${technique}`;
    const idle = await target.memory();
    const measured: CapacityStep[] = [];
    let failedOpens = 0;
    let held = 0;
    try {
      for (const step of steps) {
        const opened = await openSubscribers(ctx, technique, target.base, channel, step - held);
        failedOpens += opened.failed;
        held += opened.opened;
        const serverCount = await settle(target, technique, held, settleMs * 4);
        await sleep(settleMs);
        const memory = await target.memory();
        measured.push({ connections: held, rss: memory.rss, heapUsed: memory.heapUsed, serverCount });
        ctx.log(
          `  ${targetName} ${technique}: ${held} held, RSS ${(memory.rss / 2 ** 20).toFixed(1)} MiB${opened.firstError ? ` (first failure: ${opened.firstError})` : ''}`,
        );
        if (opened.failed > 0) break;
      }
      await sleep(holdMs);
      const status = await subscriberStatus(ctx);
      const points = (key: 'rss' | 'heapUsed') => [
        [0, idle[key]] as const,
        ...measured.map((s) => [s.connections, s[key]] as const),
      ];
      return {
        technique,
        target: targetName,
        steps: measured,
        idle: { rss: idle.rss, heapUsed: idle.heapUsed },
        rssPerConnection: slope(points('rss')),
        heapPerConnection: slope(points('heapUsed')),
        held: status.open,
        failedOpens,
        drops: status.drops,
        dropReasons: status.dropReasons,
        holdMs,
      };
    } finally {
      await closeSubscribers(ctx);
    }
  });
}

export async function runCapacity(ctx: BenchContext): Promise<CapacityResult[]> {
  const results: CapacityResult[] = [];
  for (const technique of ctx.plan.capacity.techniques) {
    for (const target of ['project', baselineFor(technique)] as const satisfies readonly TargetName[])
      results.push(await capacityOf(ctx, technique, target));
  }
  return results;
}
