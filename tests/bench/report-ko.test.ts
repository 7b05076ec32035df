// The Korean report (issue 18): for every committed run, the rows, their cells and the charts in
// Korean are the English ones with other words. Same rows, same numbers, same chart drawings, and no
// English word a learner reads other than identifiers, units and acronyms; the terms of
// src/i18n/ko/terms.ts and 해라체 throughout (findTermViolations, findRegisterViolations).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { renderCharts } from '../../bench/report/charts.ts';
import type { BenchResults } from '../../bench/report/results.ts';
import { labelChars } from '../../bench/report/svg.ts';
import { formatMet, formatRatio, formatValue, summaryRows } from '../../bench/report/summary.ts';
import { TECHNIQUE_IDS } from '../../protocol/techniques.ts';
import { t } from '../../src/i18n/catalogue.ts';
import { findRegisterViolations, findTermViolations } from '../../src/i18n/ko/terms.ts';
import { projectRoot } from '../helpers/server.ts';

const dir = `${projectRoot}bench/results/`;
const RUNS = readdirSync(dir)
  .filter((f) => /^(20.*|latest)\.json$/.test(f))
  .sort();
const load = (name: string) => JSON.parse(readFileSync(dir + name, 'utf8')) as BenchResults;

/**
 * Latin words allowed in Korean text: acronyms Korean engineers write in Latin letters (terms.ts,
 * `english: 'keep'`), identifiers (`ws`, `node:http`, `fetch`, `keep-alive`, wrk and its -c flag), units (ms, µs, /s)
 * and percentiles, and N of "구독자 N명".
 */
const ALLOWED =
  /^(SSE|RSS|GC|CPU|TCP|HTTP|JSON|wrk|Node|keep-alive|fetch|p50|p99|ms|s|KiB|MiB|GiB|B|UTC|ws|http|node:http|N|c\d+)$/;
const english = (s: string) =>
  (s.match(/[A-Za-z][A-Za-z0-9]*(?:[:-][A-Za-z0-9]+)*/g) ?? []).filter((w) => !ALLOWED.test(w));
const unescapeXml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
/** What an SVG says: the text of its title, desc, text and tspan elements (the markup's attributes are not read). */
const svgText = (svg: string) => [...svg.matchAll(/>([^<>]+)</g)].map((m) => unescapeXml(m[1]!).trim()).filter(Boolean);

function assertKorean(where: string, s: string) {
  assert.deepEqual(english(s), [], `${where} has English words: ${s}`);
  assert.deepEqual(findTermViolations(s), [], `${where}: ${s}`);
  assert.deepEqual(findRegisterViolations(s), [], `${where}: ${s}`);
}

describe('the Korean report of every committed run', () => {
  for (const name of RUNS) {
    const results = load(name);
    const en = summaryRows(results);
    const ko = summaryRows(results, 'ko');

    it(`${name}: the same rows as in English, in Korean words`, () => {
      assert.equal(ko.length, en.length);
      for (const [i, r] of ko.entries()) {
        const { figure, target, techniqueName, ...numbers } = r;
        const { figure: _f, target: _t, techniqueName: _n, ...english } = en[i]!;
        assert.deepStrictEqual(numbers, english, `row ${i}: ${figure}`);
        assert.equal(target === undefined, en[i]!.target === undefined);
        for (const s of [figure, target ?? '', techniqueName]) assertKorean(`row ${i} (${en[i]!.figure})`, s);
        for (const cell of [
          formatValue(r.project, r.unit, 'ko'),
          formatValue(r.baseline, r.unit, 'ko'),
          formatRatio(r.ratio, 'ko'),
          formatMet(r.met, 'ko'),
        ])
          assertKorean(`a cell of row ${i} (${en[i]!.figure})`, cell);
      }
    });

    it(`${name}: every figure is named once per technique and section, so the history table can find it`, () => {
      const keys = ko.map((r) => `${r.section}|${r.technique}|${r.figure}|${r.target}`);
      assert.equal(
        new Set(keys).size,
        new Set(en.map((r) => `${r.section}|${r.technique}|${r.figure}|${r.target}`)).size,
      );
    });

    it(`${name}: the same charts, drawn alike, with Korean titles, axes, legends and descriptions`, () => {
      const enCharts = renderCharts(results);
      const koCharts = renderCharts(results, 'ko');
      assert.deepEqual(
        koCharts.map((c) => c.name),
        enCharts.map((c) => c.name),
      );
      for (const [i, c] of koCharts.entries()) {
        // Same bars, lines and points: the geometry outside the text is the English chart's.
        const shapes = (svg: string) => svg.match(/<(rect|path|circle|line)\b[^>]*>/g)?.join('\n');
        assert.equal(shapes(c.svg), shapes(enCharts[i]!.svg), `${c.name}: the drawing differs`);
        assertKorean(`${c.name} title`, c.title);
        for (const s of svgText(c.svg)) assertKorean(`${c.name}`, s);
        assert.match(c.svg, /<title id="[^"]+-title">[^<]*[가-힣]/, `${c.name}: the title is not Korean`);
        assert.match(c.svg, /<desc id="[^"]+-desc">[^<]*[가-힣]/, `${c.name}: the description is not Korean`);
      }
    });

    it(`${name}: the page's paragraph on how it was measured is Korean, the machine's own names apart`, () => {
      const m = results.machine;
      const meta = t('ko').bench.page.meta({
        command: results.command,
        when: results.startedAt,
        seconds: Math.round(results.durationSec),
        machine: m,
        hasRates: (results.rates?.length ?? 0) > 0,
      });
      const prose = meta
        .filter((p) => typeof p === 'string')
        .join('')
        .replace(m.cpuModel, '')
        .replace(m.os, '')
        .replace(m.node, '')
        .replace(results.startedAt, '');
      assertKorean('meta', prose);
      assert.ok(!prose.includes(m.note), 'the English note is read back in Korean, not shown');
    });
  }

  it('names techniques as the Korean lessons do: 웹소켓, never WebSocket', () => {
    const rows = summaryRows(load('latest.json'), 'ko');
    const names = new Set(rows.map((r) => r.techniqueName));
    for (const id of TECHNIQUE_IDS)
      if (rows.some((r) => r.technique === id)) assert.ok(names.has(t('ko').techniques[id].inProse), id);
    assert.ok(names.has('웹소켓'));
    const charts = renderCharts(load('latest.json'), 'ko')
      .map((c) => c.svg)
      .join('');
    assert.ok(charts.includes('웹소켓') && !charts.includes('WebSocket'));
  });

  it('summary.ts and charts.ts hold no words of their own: every figure, target and chart text is t(locale).bench', () => {
    // A row or chart added with its words typed in would be English on a Korean page; the runs committed
    // so far may not have the results it is made of, so the sources are read too.
    const typedIn = [
      /\b(figure|target|techniqueName|title|desc|xLabel|yLabel|label|name)\s*:\s*(['"`])(?:(?!\2).)*\2(?!\s*\|)/,
      /\b(title|rampTitle)\s*=\s*['"`]/,
      /\bbarNames\s*:\s*\[/,
    ];
    for (const file of ['bench/report/summary.ts', 'bench/report/charts.ts']) {
      const lines = readFileSync(`${projectRoot}${file}`, 'utf8').split('\n');
      const found = lines.flatMap((line, i) =>
        typedIn.some((re) => re.test(line)) ? [`${file}:${i + 1}: ${line.trim()}`] : [],
      );
      assert.deepEqual(found, [], 'words typed into the report: put them in src/i18n/en/bench.ts and ko/bench.ts');
    }
  });

  it('measures a Hangul label as wider than its length, and a Latin one as its length (English charts unchanged)', () => {
    assert.equal(labelChars('long-poll ×10,000'), 'long-poll ×10,000'.length);
    assert.ok(labelChars('스트리밍') > 6 && labelChars('스트리밍') < 7, String(labelChars('스트리밍')));
  });
});
