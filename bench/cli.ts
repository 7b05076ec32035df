// `npm run bench` (under 10 minutes) or `npm run bench -- --quick` (under 2): measures what each technique
// costs the server started as `npm start` runs it, next to the bare baselines, from separate load
// generator processes on loopback. Prints a table, writes bench/results/<date>.json and SVG charts.
// Request rates come from wrk (Debian's, installed like the tests' Chromium), pinned away from the server.
// Options: --quick, --smoke (toy sizes, for the smoke test), --out DIR, --only wire,rates,churn,capacity,fanout
// (fanout includes the burst: each server's RSS idle, at the end of its largest fan-out, and after a GC)
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { pin, pinning } from './cpu.ts';
import { GeneratorPool } from './loadgen/pool.ts';
import { PLANS, type Mode } from './plan.ts';
import { renderCharts } from './report/charts.ts';
import { describeMachine, loadNow } from './report/machine.ts';
import type { BenchResults, BurstResult } from './report/results.ts';
import { renderTable } from './report/table.ts';
import { runCapacity } from './scenarios/capacity.ts';
import { runChurn } from './scenarios/churn.ts';
import type { BenchContext } from './scenarios/context.ts';
import { runFanout } from './scenarios/fanout.ts';
import { pollingFrom, runRates } from './scenarios/rates.ts';
import { runWire } from './scenarios/wire.ts';
import { projectRoot, stopAllTargets } from './targets.ts';

const SCENARIOS = ['wire', 'rates', 'churn', 'capacity', 'fanout'] as const;
/** Every run stops by itself: past this the bench gives up, stops its processes and exits non-zero. */
const HARD_LIMIT_MS: Record<Mode, number> = { full: 15 * 60_000, quick: 5 * 60_000, smoke: 3 * 60_000 };

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    smoke: { type: 'boolean', default: false },
    out: { type: 'string', default: join(projectRoot, 'bench', 'results') },
    only: { type: 'string' },
  },
});
const mode: Mode = values.smoke ? 'smoke' : values.quick ? 'quick' : 'full';
const plan = PLANS[mode];
const only = new Set(values.only ? values.only.split(',') : SCENARIOS);
for (const name of only)
  if (!(SCENARIOS as readonly string[]).includes(name))
    throw new Error(`--only takes ${SCENARIOS.join(', ')}; got ${JSON.stringify(name)}`);

let pool: GeneratorPool | undefined;
const cleanUp = async () => {
  await Promise.allSettled([pool?.stop(), stopAllTargets()]);
};
const abort = (why: string) => {
  console.error(why);
  void cleanUp().finally(() => process.exit(1));
};
setTimeout(
  () => abort(`bench: still running after ${HARD_LIMIT_MS[mode] / 60_000} minutes; stopping.`),
  HARD_LIMIT_MS[mode],
).unref();
process.once('SIGINT', () => abort('bench: interrupted; stopping servers and generators.'));
process.once('SIGTERM', () => abort('bench: terminated; stopping servers and generators.'));

const started = Date.now();
const loadAtStart = loadNow();
// The server on a core of its own, every load generator (this process, which publishes, included) on the others.
const pins = pinning();
pin(process.pid, pins?.generators);
const startedAt = new Date(started).toISOString();
console.log(
  `Realtime Lab bench (${mode}): ${plan.generators} generator processes, results in ${relative(process.cwd(), values.out) || '.'}/`,
);
try {
  pool = await GeneratorPool.start(plan.generators, plan.addressesPerGenerator, pins?.generators);
  const ctx: BenchContext = { plan, pool, log: (line) => console.log(line), pinning: pins };
  console.log(
    pins
      ? `server pinned to CPU ${pins.server}, load generators to CPU ${pins.generators} (taskset)`
      : 'one core (or no taskset): server and load generators share every core',
  );
  const section = async <T>(name: (typeof SCENARIOS)[number], run: (c: BenchContext) => Promise<T[]>): Promise<T[]> => {
    if (!only.has(name)) return [];
    console.log(`\n${name}`);
    const t0 = Date.now();
    const out = await run(ctx);
    console.log(`  (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    return out;
  };
  const wire = await section('wire', runWire);
  const rates = await section('rates', runRates);
  const churn = await section('churn', runChurn);
  const capacity = await section('capacity', runCapacity);
  const burst: BurstResult[] = [];
  const fanout = await section('fanout', (c) => runFanout(c, burst));

  const results: BenchResults = {
    version: 1,
    mode,
    startedAt,
    durationSec: Math.round((Date.now() - started) / 100) / 10,
    command:
      mode === 'full' ? 'npm run bench' : mode === 'quick' ? 'npm run bench -- --quick' : 'node bench/cli.ts --smoke',
    machine: describeMachine(plan, loadAtStart, pins),
    capacity,
    fanout,
    polling: pollingFrom(rates),
    wire,
    churn,
    rates,
    burst,
  };
  const stamp = startedAt.slice(0, 16).replace(':', '');
  const suffix = mode === 'full' ? '' : `-${mode}`;
  mkdirSync(values.out, { recursive: true });
  const json = `${JSON.stringify(results, null, 2)}\n`;
  writeFileSync(join(values.out, `${stamp}${suffix}.json`), json);
  writeFileSync(join(values.out, `latest${suffix}.json`), json);
  const chartDir = join(values.out, `charts${suffix}`);
  mkdirSync(chartDir, { recursive: true });
  for (const chart of renderCharts(results)) writeFileSync(join(chartDir, `${chart.name}.svg`), chart.svg);
  console.log(`\n${renderTable(results)}`);
  console.log(
    `\nwrote ${relative(process.cwd(), join(values.out, `${stamp}${suffix}.json`))}, latest${suffix}.json and charts${suffix}/ in ${results.durationSec} s`,
  );
} catch (err) {
  console.error(err);
  process.exitCode = 1;
} finally {
  await cleanUp();
}
