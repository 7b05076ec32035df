// npm run fuzz [-- --seconds 60] [--seed N] [--path P] [--runs N] [--statuses]
// The property-based fuzzer of the HTTP API against its OpenAPI document (tests/fuzz/): bounded in time,
// on loopback, printing its seed so that a failing case can be replayed (--seed with --path).
import { parseArgs } from 'node:util';
import { runFuzz } from '../tests/fuzz/run.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    seed: { type: 'string' },
    path: { type: 'string' },
    runs: { type: 'string' },
    statuses: { type: 'boolean', default: false },
  },
});
const seconds = Number(values.seconds);
if (!(seconds > 0)) {
  console.error('usage: npm run fuzz -- [--seconds 60] [--seed N] [--path P] [--runs N] [--statuses]');
  process.exit(2);
}
const result = await runFuzz({
  seconds,
  ...(values.seed !== undefined ? { seed: Number(values.seed) } : {}),
  ...(values.path !== undefined ? { path: values.path } : {}),
  ...(values.runs !== undefined ? { runs: Number(values.runs) } : {}),
});
if (values.statuses)
  for (const [k, n] of Object.entries(result.statuses).sort()) console.log(`  ${String(n).padStart(6)}  ${k}`);
process.exit(result.ok ? 0 : 1);
