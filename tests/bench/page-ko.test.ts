// /ko/benchmarks/ renders bench/results/latest.json in Korean: every Korean row and chart of the report,
// none of the English ones. The Korean page is the i18n site's (src/pages/ko/); until a build has it,
// this test says so and skips.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { renderCharts } from '../../bench/report/charts.ts';
import type { BenchResults } from '../../bench/report/results.ts';
import { formatRatio, formatValue, summaryRows } from '../../bench/report/summary.ts';
import { projectRoot } from '../helpers/server.ts';

const file = `${projectRoot}dist/ko/benchmarks/index.html`;
const results = JSON.parse(readFileSync(`${projectRoot}bench/results/latest.json`, 'utf8')) as BenchResults;
const html = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const skip = existsSync(file)
  ? false
  : 'dist/ko/benchmarks/index.html is not built (the Korean pages are not in this tree)';

describe('/ko/benchmarks/ renders bench/results/latest.json in Korean', { skip }, () => {
  const page = skip ? '' : readFileSync(file, 'utf8');

  it('shows every Korean summary row: technique, figure, project, baseline and ratio', () => {
    for (const r of summaryRows(results, 'ko')) {
      const cells = [
        r.techniqueName,
        r.figure,
        formatValue(r.project, r.unit, 'ko'),
        formatValue(r.baseline, r.unit, 'ko'),
        formatRatio(r.ratio, 'ko'),
      ];
      for (const cell of cells) assert.ok(page.includes(`>${html(cell)}<`), `missing ${cell} (${r.technique})`);
    }
  });

  it('shows no English figure', () => {
    const korean = new Set(summaryRows(results, 'ko').map((r) => r.figure));
    for (const r of summaryRows(results))
      if (!korean.has(r.figure)) assert.ok(!page.includes(`>${html(r.figure)}<`), `English figure: ${r.figure}`);
  });

  it('inlines every chart with its Korean title', () => {
    for (const c of renderCharts(results, 'ko'))
      assert.ok(page.includes(`<title id="${c.name}-title">${html(c.title)}</title>`), `chart ${c.name}`);
  });
});
