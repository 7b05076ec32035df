// Performance budgets on every page of the built site, measured in Chromium:
// - JavaScript loaded before the learner scrolls, gzipped: at most 30 KB on the home page (and on the
//   other reading pages), 36 KB on the lab, whose first screen is a live demo, at most 60 KB on a lesson
//   (jsBudget in ../helpers/site.ts);
// - no layout shift from widgets, diagrams or anything else while the page is read top to bottom:
//   cumulative layout shift (PerformanceObserver 'layout-shift', shifts not caused by input) < 0.05.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import {
  checkedPages,
  jsBudget,
  koreanSample,
  layoutShifts,
  openPage,
  scrollThrough,
  useSite,
  watchLayoutShifts,
} from '../helpers/site.ts';

const KB = 1024;
const budgetFor = jsBudget;
const MAX_CLS = 0.05;
// How long a live widget gets to connect and render events before CLS is read.
const SETTLE_MS = 3000;

const site = useSite();

// Korean pages: the JavaScript budget and the layout shift at 1280 px are checked on every one by
// tests/e2e/korean-pages.test.ts in one session per page; here, the layout shift at 360 px on a sample.
const KOREAN_SAMPLE = new Set(koreanSample());
for (const path of [...checkedPages(), ...KOREAN_SAMPLE]) {
  const korean = KOREAN_SAMPLE.has(path);
  describe(`page ${path}`, () => {
    if (!korean)
      test(`loads at most ${budgetFor(path) / KB} KB of gzipped JavaScript before scrolling`, async () => {
        const { page, problems, close } = await openPage(site.browser, site.server.base, path);
        const scripts = new Map<string, number>();
        try {
          const origin = new URL(site.server.base).origin;
          // Bodies of every script the page has fetched so far (openPage has already waited for "load").
          const collect = async () => {
            const urls = await page.evaluate(() =>
              performance
                .getEntriesByType('resource')
                .filter((e) => /\.m?js(\?|$)/.test(e.name))
                .map((e) => e.name),
            );
            for (const url of urls) {
              if (scripts.has(url)) continue;
              assert.equal(new URL(url).origin, origin, `a third-party script: ${url}`);
              const body = Buffer.from(await (await fetch(url)).arrayBuffer());
              scripts.set(url, gzipSync(body, { level: 9 }).length);
            }
          };
          // Islands in the first screen hydrate right after load; give them a moment to fetch their chunks.
          await page.waitForTimeout(1500);
          await collect();
          const inline = await page.evaluate(() =>
            [...document.querySelectorAll('script:not([src])')].map((s) => s.textContent ?? '').join('\n'),
          );
          const inlineBytes = gzipSync(Buffer.from(inline), { level: 9 }).length;
          const total = [...scripts.values()].reduce((a, b) => a + b, 0) + inlineBytes;
          const detail = [...scripts].map(([url, bytes]) => `${new URL(url).pathname} ${bytes} B`).join(', ');
          console.log(
            `[budget] ${path}: ${(total / KB).toFixed(1)} KB gzipped JS (${scripts.size} files + ${inlineBytes} B inline)`,
          );
          assert.ok(total <= budgetFor(path), `${(total / KB).toFixed(1)} KB > ${budgetFor(path) / KB} KB: ${detail}`);
          assert.ok(
            ![...scripts.keys()].some((url) => /mermaid|pagefind/.test(url)),
            `mermaid or search loaded up front: ${detail}`,
          );
          assert.deepEqual(problems, []);
        } finally {
          await close();
        }
      });

    for (const width of korean ? [360] : [1280, 360]) {
      test(`no layout shift while reading it top to bottom at ${width}px (CLS < ${MAX_CLS})`, async () => {
        const { page, problems, close } = await openPage(site.browser, site.server.base, path, {
          viewport: { width, height: width === 360 ? 780 : 900 },
        });
        try {
          await watchLayoutShifts(page);
          await scrollThrough(page, 250);
          // Widgets seen on the way have hydrated and are receiving events; let them render a few.
          await page.waitForTimeout(SETTLE_MS);
          await page.evaluate(() => window.scrollTo(0, 0));
          await page.waitForTimeout(300);
          const { cls, shifts } = await layoutShifts(page);
          console.log(`[cls] ${path} @${width}px: ${cls.toFixed(4)}`);
          assert.ok(cls < MAX_CLS, `CLS ${cls.toFixed(4)} >= ${MAX_CLS}; shifts: ${shifts.join('; ')}`);
          assert.deepEqual(problems, []);
        } finally {
          await close();
        }
      });
    }
  });
}
