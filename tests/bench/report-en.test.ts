// The English report is what it was before the report took a locale (issue 18): the rows, their cells
// and the charts of one committed run, and the terminal table of every committed run, byte for byte.
// tests/bench/snapshots/ was written by the code before the change (report-en.json from
// bench/results/2026-12-02T0039.json, which was latest.json then; tables-en.txt from every dated run).
// A deliberate change to the English report rewrites them: UPDATE_SNAPSHOTS=1 node --test tests/bench/report-en.test.ts
// (then `npx biome format --write tests/bench/snapshots/`), and the diff shows what changed.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { renderCharts } from '../../bench/report/charts.ts';
import type { BenchResults } from '../../bench/report/results.ts';
import { formatMet, formatRatio, formatValue, summaryRows } from '../../bench/report/summary.ts';
import { renderTable } from '../../bench/report/table.ts';
import { projectRoot } from '../helpers/server.ts';

const dir = `${projectRoot}bench/results/`;
const snapshots = `${projectRoot}tests/bench/snapshots/`;
const PINNED = '2026-12-02T0039.json';
const load = (name: string) => JSON.parse(readFileSync(dir + name, 'utf8')) as BenchResults;
/** JSON has no NaN: a row's missing baseline is kept as the string "NaN". */
const plain = (v: unknown) =>
  JSON.parse(JSON.stringify(v, (_k, x) => (typeof x === 'number' && !Number.isFinite(x) ? String(x) : x)));

function report() {
  const results = load(PINNED);
  const rows = summaryRows(results);
  return {
    source: `bench/results/${PINNED}`,
    rows: plain(rows),
    cells: rows.map((r) => [
      formatValue(r.project, r.unit),
      formatValue(r.baseline, r.unit),
      formatRatio(r.ratio),
      formatMet(r.met),
    ]),
    charts: renderCharts(results),
  };
}

const committedRuns = () =>
  readdirSync(dir)
    .filter((f) => /^20.*\.json$/.test(f))
    .sort();

function tables(names: readonly string[] = committedRuns()): string {
  let text = '';
  for (const name of names) text += `=== bench/results/${name}\n${renderTable(load(name))}\n`;
  return text;
}

if (process.env.UPDATE_SNAPSHOTS) {
  writeFileSync(`${snapshots}report-en.json`, `${JSON.stringify(report(), null, 2)}\n`);
  writeFileSync(`${snapshots}tables-en.txt`, tables());
}

describe('the English report is unchanged', () => {
  it(`rows, cells and charts of ${PINNED}`, () => {
    const expected = JSON.parse(readFileSync(`${snapshots}report-en.json`, 'utf8'));
    const actual = report();
    assert.deepStrictEqual(actual.rows, expected.rows);
    assert.deepStrictEqual(actual.cells, expected.cells);
    assert.equal(actual.charts.length, expected.charts.length);
    for (const [i, chart] of actual.charts.entries()) assert.deepStrictEqual(chart, expected.charts[i]);
  });

  // The runs the snapshot was written for (a later run has no table from the code before the change).
  it('the terminal table of every run the snapshot holds', () => {
    const snapshot = readFileSync(`${snapshots}tables-en.txt`, 'utf8');
    const runs = [...snapshot.matchAll(/^=== bench\/results\/(\S+)$/gm)].map((m) => m[1]!);
    assert.ok(runs.length > 0, 'the snapshot names its runs');
    assert.equal(tables(runs), snapshot);
  });

  it('is the English default: summaryRows and renderCharts without a locale are English', () => {
    const results = load(PINNED);
    assert.ok(summaryRows(results).some((r) => r.figure === 'idle connections held'));
    assert.ok(renderCharts(results).some((c) => c.title === 'New connections per second'));
  });
});
