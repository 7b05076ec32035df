// What every scenario is given, and the helpers they share.
import type { GeneratorPool } from '../loadgen/pool.ts';
import type { OpenReply, StatusReply } from '../loadgen/protocol.ts';
import { share } from '../loadgen/pool.ts';
import type { Pinning } from '../cpu.ts';
import type { Plan } from '../plan.ts';
import type { TechniqueId } from '../../protocol/techniques.ts';
import { startTarget, type Target, type TargetName } from '../targets.ts';

export interface BenchContext {
  readonly plan: Plan;
  readonly pool: GeneratorPool;
  readonly log: (line: string) => void;
  /** The cores of the server and of the generators; undefined when they share every core. */
  readonly pinning: Pinning | undefined;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs `fn` against a fresh server process, always stopped afterwards. */
export async function withTarget<T>(
  ctx: BenchContext,
  name: TargetName,
  fn: (target: Target) => Promise<T>,
): Promise<T> {
  const target = await startTarget(name, {}, ctx.pinning?.server);
  try {
    return await fn(target);
  } finally {
    await target.stop();
  }
}

/** Opens `count` more subscribers, spread evenly over the first `generators` generators. */
export async function openSubscribers(
  ctx: BenchContext,
  technique: TechniqueId,
  base: string,
  channel: string,
  count: number,
  generators = ctx.pool.size,
): Promise<OpenReply> {
  const replies = await ctx.pool.all<OpenReply>(
    (i) => {
      const n = share(count, generators, i);
      return n > 0 ? { op: 'open', technique, base, channel, count: n } : null;
    },
    180_000,
    generators,
  );
  return {
    opened: replies.reduce((s, r) => s + r.opened, 0),
    failed: replies.reduce((s, r) => s + r.failed, 0),
    firstError: replies.find((r) => r.firstError)?.firstError,
  };
}

export async function subscriberStatus(ctx: BenchContext): Promise<StatusReply> {
  const replies = await ctx.pool.all<StatusReply>({ op: 'status' });
  return {
    open: replies.reduce((s, r) => s + r.open, 0),
    drops: replies.reduce((s, r) => s + r.drops, 0),
    dropReasons: [...new Set(replies.flatMap((r) => r.dropReasons))],
  };
}

export async function closeSubscribers(ctx: BenchContext): Promise<void> {
  await ctx.pool.all({ op: 'close-all' });
}

/** Waits (bounded) until the project's gauge shows `count` held connections; baselines have no gauge. */
export async function settle(
  target: Target,
  technique: TechniqueId,
  count: number,
  maxMs: number,
): Promise<number | null> {
  const deadline = Date.now() + maxMs;
  for (;;) {
    const seen = await target.openConnections(technique);
    if (seen === undefined) {
      await sleep(Math.min(maxMs, 500));
      return null;
    }
    if (seen >= count || Date.now() > deadline) return seen;
    await sleep(50);
  }
}
