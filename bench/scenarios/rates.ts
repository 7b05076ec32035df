// Request rates driven by wrk, the project and its bare baseline measured in alternating rounds
// (project, bare, project, bare…) so that a neighbour's burst on a shared machine lands on both sides
// alike; each round's ratio is taken within the round, and the run reports their median. Beside each
// rate: the server's CPU and wrk's own CPU (from /proc), so a reader sees which side was the limit.
import { channelPath } from '../../protocol/routes.ts';
import { TECHNIQUES, type TechniqueId, technique } from '../../protocol/techniques.ts';
import { cpuMsOf } from '../cpu.ts';
import { ensureWrk, runWrk } from '../loadgen/wrk.ts';
import { Publisher } from '../publisher.ts';
import type { PollingResult, RateResult, RateRun, RateScenario } from '../report/results.ts';
import { startTarget, type Target, type TargetName } from '../targets.ts';
import type { BenchContext } from './context.ts';

const CHANNEL = 'rated';
/** What Chromium sends: the static answers are negotiated as a browser's would be. */
export const BROWSER_ACCEPT_ENCODING = 'gzip, deflate, br, zstd';

const byConnection = (connection: string): TechniqueId => {
  const t = TECHNIQUES.find((x) => x.connection === connection);
  if (!t) throw new Error(`the registry has no ${connection} technique`);
  return t.id;
};

/**
 * Each scenario's request, the same on both sides. The channel has one event (seq 1): a poll from
 * `after=1` gets the empty 43-byte answer most polls get; a long-poll from `after=0` is answered at
 * once with that event, as a long-poller that was behind is (the request-rate side of long polling;
 * the held side is measured by capacity and fan-out).
 */
function requestOf(scenario: RateScenario): { path: string; headers: Record<string, string>; technique?: TechniqueId } {
  if (scenario === 'static') return { path: '/', headers: { 'Accept-Encoding': BROWSER_ACCEPT_ENCODING } };
  const id = byConnection(scenario === 'poll' ? 'request-per-answer' : 'held-request');
  const { segment } = technique(id);
  const query = scenario === 'poll' ? '?after=1' : '?after=0&timeout=25000';
  return { path: `${channelPath(CHANNEL, segment)}${query}`, headers: {}, technique: id };
}

async function once(
  ctx: BenchContext,
  target: Target,
  scenario: RateScenario,
  durationMs: number,
  round: number,
): Promise<RateRun> {
  const { connections, threads } = ctx.plan.rates;
  const { path, headers } = requestOf(scenario);
  const serverBefore = cpuMsOf(target.pid);
  const run = await runWrk({
    url: `${target.base}${path}`,
    connections,
    threads,
    durationMs,
    headers,
    cpus: ctx.pinning?.generators,
  });
  const serverCpuMs = cpuMsOf(target.pid) - serverBefore;
  return { round, target: target.name, ...run, serverCpuMs };
}

export async function runRates(ctx: BenchContext): Promise<RateResult[]> {
  ensureWrk();
  const { scenarios, rounds, warmupMs, durationMs, connections, threads } = ctx.plan.rates;
  const names: TargetName[] = ['project', 'bare-http'];
  const targets: Target[] = [];
  try {
    for (const name of names) targets.push(await startTarget(name, {}, ctx.pinning?.server));
    // One event on the channel, published the same way to both.
    for (const t of targets) {
      const publisher = new Publisher(t.base, CHANNEL);
      await publisher.publish();
      publisher.close();
    }
    const results: RateResult[] = [];
    for (const scenario of scenarios) {
      const { path, headers, technique: id } = requestOf(scenario);
      // A fresh path runs cold on both (JIT, first reads of a file): not measured.
      for (const t of targets) await once(ctx, t, scenario, warmupMs, 0);
      const runs: RateRun[] = [];
      for (let round = 1; round <= rounds; round++) {
        // Alternate who goes first, so neither side always follows the other's warm caches.
        const order = round % 2 === 1 ? targets : [...targets].reverse();
        for (const t of order) {
          const run = await once(ctx, t, scenario, durationMs, round);
          runs.push(run);
          const core = (ms: number) => `${Math.round((100 * ms) / run.durationMs)}%`;
          ctx.log(
            `  round ${round} ${t.name} ${scenario}: ${Math.round(run.perSec)} answers/s, p99 ${run.latency.p99.toFixed(2)} ms, ${run.errors} errors; CPU of one core: server ${core(run.serverCpuMs)}, wrk ${core(run.generatorCpuMs)}`,
          );
        }
      }
      results.push({ scenario, technique: id, path, headers, connections, threads, runs });
    }
    return results;
  } finally {
    await Promise.all(targets.map((t) => t.stop()));
  }
}

/** The run whose rate is the median of its target's rounds. */
export function medianRun(runs: readonly RateRun[]): RateRun | undefined {
  const measured = runs.filter((r) => r.round > 0).sort((a, b) => a.perSec - b.perSec);
  return measured[Math.floor((measured.length - 1) / 2)];
}

/** The short-polling figures (the `polling` of a results file) from the poll scenario's median rounds. */
export function pollingFrom(rates: readonly RateResult[]): PollingResult[] {
  const poll = rates.find((r) => r.scenario === 'poll');
  if (!poll) return [];
  return (['project', 'bare-http'] as const).flatMap((target) => {
    const run = medianRun(poll.runs.filter((r) => r.target === target));
    if (!run) return [];
    return [
      {
        target,
        clients: poll.connections,
        requests: run.requests,
        perSec: run.perSec,
        errors: run.errors,
        latency: { count: run.requests, ...run.latency },
      },
    ];
  });
}
