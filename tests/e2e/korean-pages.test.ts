// The quality bars of the English pages (quality.test.ts, budgets.test.ts), on every Korean page, in
// one Chromium session per page so the Korean edition adds a page load per page, not six: the page is
// Korean (<html lang="ko">, Korean chrome), its JavaScript before scrolling stays in budget, the skip
// link is the first tab stop, nothing shifts while it is read top to bottom at 1280 px, and axe finds
// no serious or critical violation in light, in dark and at 360 px. The full Tab walk and layout shift
// at 360 px run on a sample of Korean pages (helpers/site.ts koreanSample: quality.test.ts and
// budgets.test.ts), and phone-layout.test.ts lays out every Korean page at 360 px.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import {
  jsBudget,
  koreanPages,
  layoutShifts,
  openPage,
  scrollThrough,
  useSite,
  watchLayoutShifts,
} from '../helpers/site.ts';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const KB = 1024;
const MAX_CLS = 0.05;
const site = useSite();
const PAGES = koreanPages();

async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            ctx: Document,
            o: object,
          ): Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[] }>;
        };
      }
    ).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.nodes
          .slice(0, 3)
          .map((n) => JSON.stringify(n.target))
          .join(' | ')}`,
    );
}

async function scriptBytes(page: Page): Promise<number> {
  const urls = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .filter((e) => /\.m?js(\?|$)/.test(e.name))
      .map((e) => e.name),
  );
  let total = 0;
  for (const url of new Set(urls))
    total += gzipSync(Buffer.from(await (await fetch(url)).arrayBuffer()), { level: 9 }).length;
  const inline = await page.evaluate(() =>
    [...document.querySelectorAll('script:not([src])')].map((s) => s.textContent ?? '').join('\n'),
  );
  return total + gzipSync(Buffer.from(inline), { level: 9 }).length;
}

test('the Korean edition has its pages', () => {
  for (const required of [
    '/ko/',
    '/ko/glossary/',
    '/ko/api-reference/',
    '/ko/lab/',
    '/ko/benchmarks/',
    '/ko/source-post/',
  ])
    assert.ok(PAGES.includes(required), `${required} in ${PAGES.join(', ')}`);
  assert.ok(
    PAGES.some((p) => p.startsWith('/ko/source/')),
    'a Korean source file page',
  );
});

for (const path of PAGES) {
  test(`${path}: Korean, in budget, skip link first, no layout shift, axe light, dark and 360 px, nothing errs`, async () => {
    const { page, problems, close } = await openPage(site.browser, site.server.base, path, { colorScheme: 'light' });
    try {
      await watchLayoutShifts(page);
      assert.equal(await page.getAttribute('html', 'lang'), 'ko');
      assert.match(
        (await page.locator('.site-nav').textContent()) ?? '',
        /강의.*용어집/s,
        'the site navigation is Korean',
      );

      // JavaScript before scrolling, as budgets.test.ts counts it.
      await page.waitForTimeout(1500);
      const budget = jsBudget(path);
      const js = await scriptBytes(page);
      console.log(`[budget] ${path}: ${(js / KB).toFixed(1)} KB gzipped JS`);
      assert.ok(js <= budget, `${(js / KB).toFixed(1)} KB > ${budget / KB} KB`);

      await page.keyboard.press('Tab');
      const skip = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const box = el.getBoundingClientRect();
        return { text: el.textContent?.trim(), href: el.getAttribute('href'), visible: box.top >= 0 && box.height > 0 };
      });
      assert.deepEqual(skip, { text: '본문으로 건너뛰기', href: '#main', visible: true });
      await page.keyboard.press('Enter');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');

      await scrollThrough(page, 200);
      // Widgets seen on the way have hydrated; let them render their first events.
      await page.waitForTimeout(1000);
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.waitForTimeout(300);
      const { cls, shifts } = await layoutShifts(page);
      console.log(`[cls] ${path} @1280px: ${cls.toFixed(4)}`);
      assert.ok(cls < MAX_CLS, `CLS ${cls.toFixed(4)}: ${shifts.join('; ')}`);

      assert.deepEqual(await seriousViolations(page), [], 'axe, light 1280 px');
      await page.emulateMedia({ colorScheme: 'dark' });
      assert.deepEqual(await seriousViolations(page), [], 'axe, dark 1280 px');
      await page.emulateMedia({ colorScheme: 'light' });
      await page.setViewportSize({ width: 360, height: 780 });
      await page.waitForTimeout(300);
      assert.deepEqual(await seriousViolations(page), [], 'axe, light 360 px');
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });
}
