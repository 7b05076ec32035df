// Bytes on the wire per delivered event, per technique and payload size, next to the framing arithmetic.
import type { WireReply } from '../loadgen/protocol.ts';
import type { WireResult } from '../report/results.ts';
import { baselineFor, type TargetName } from '../targets.ts';
import { withTarget, type BenchContext } from './context.ts';

export async function runWire(ctx: BenchContext): Promise<WireResult[]> {
  const results: WireResult[] = [];
  const { techniques, payloads, events } = ctx.plan.wire;
  // The project measures every technique; each baseline the techniques whose figures are divided by its.
  const targets: TargetName[] = ['project', ...new Set(techniques.map(baselineFor))];
  for (const targetName of targets) {
    const mine = techniques.filter((t) => targetName === 'project' || baselineFor(t) === targetName);
    await withTarget(ctx, targetName, async (target) => {
      for (const technique of mine) {
        for (const payloadBytes of payloads) {
          const reply = await ctx.pool.one<WireReply>({
            op: 'wire',
            technique,
            base: target.base,
            channel: `wire-${technique}-${payloadBytes}`,
            payloadBytes,
            events,
          });
          results.push({ technique, target: targetName, payloadBytes, ...reply });
          ctx.log(
            `  ${targetName} ${technique} ${payloadBytes} B: ${reply.measured.toFixed(1)} bytes/event on the wire (framing arithmetic: ${reply.expected.toFixed(1)})`,
          );
        }
      }
    });
  }
  return results;
}
