// The benchmark page is built from the committed results: every figure of bench/results/latest.json
// appears on it, formatted as the terminal table formats it, with one chart per figure.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { renderCharts } from '../../bench/report/charts.ts';
import type { BenchResults } from '../../bench/report/results.ts';
import { formatRatio, formatValue, summaryRows } from '../../bench/report/summary.ts';
import { projectRoot } from '../helpers/server.ts';

const results = JSON.parse(readFileSync(`${projectRoot}bench/results/latest.json`, 'utf8')) as BenchResults;
const page = readFileSync(`${projectRoot}dist/benchmarks/index.html`, 'utf8');
// Astro escapes text; the figures are plain ASCII apart from these.
const html = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

describe('/benchmarks/ renders bench/results/latest.json', () => {
  it('shows every summary row: figure, project, baseline and ratio', () => {
    const rows = summaryRows(results);
    assert.ok(rows.length > 20, `only ${rows.length} rows`);
    for (const r of rows) {
      const cells = [
        r.figure,
        formatValue(r.project, r.unit),
        formatValue(r.baseline, r.unit),
        formatRatio(r.ratio),
      ].map((c) => `>${html(c)}<`);
      for (const cell of cells) assert.ok(page.includes(cell), `missing ${cell} (${r.technique}, ${r.figure})`);
    }
  });

  it('says when, how and on what the figures were measured', () => {
    assert.ok(page.includes(`<code>${results.command}</code>`));
    assert.ok(page.includes(results.machine.node));
    assert.ok(page.includes(`data-bench-mode="${results.mode}"`));
  });

  it('inlines one chart per figure', () => {
    const charts = renderCharts(results);
    assert.ok(charts.length >= 6);
    for (const c of charts)
      assert.ok(page.includes(`<title id="${c.name}-title">${html(c.title)}</title>`), `chart ${c.name}`);
  });
});
