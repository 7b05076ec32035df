import { readFileSync } from 'node:fs';
// The issue's quality bars, on every page of the built site (home, every lesson, glossary, API page,
// and whatever page is added later: the list comes from dist/), in Debian's Chromium:
// axe-core (no serious or critical violation, light, dark and phone), no console error or failed
// request, keyboard reachability with a visible focus ring and a skip link.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { checkedPages, koreanSample, openPage, scrollThrough, sitePages, useSite } from '../helpers/site.ts';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const PAGES = checkedPages();

const VIEWS: { name: string; options: BrowserContextOptions }[] = [
  { name: 'light 1280px', options: { colorScheme: 'light' } },
  { name: 'dark 1280px', options: { colorScheme: 'dark' } },
  {
    name: 'phone 360px',
    options: { colorScheme: 'light', viewport: { width: 360, height: 780 }, isMobile: true, hasTouch: true },
  },
];

const site = useSite();

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol: an injected <script> would be refused by the page's CSP,
  // which allows only the page's own inline scripts.
  await page.evaluate(readFileSync(AXE, 'utf8'));
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: AxeViolation[] }> } }
    ).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact} ${v.id} (${v.help}): ${v.nodes
          .slice(0, 3)
          .map((n) => `${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`)
          .join(' | ')}${v.nodes.length > 3 ? ` (+${v.nodes.length - 3} more)` : ''}`,
    );
}

test('the built site has the pages the course promises', () => {
  for (const required of ['/', '/glossary/', '/api-reference/'])
    assert.ok(PAGES.includes(required), `${required} in ${PAGES.join(', ')}`);
  assert.ok(
    PAGES.some((p) => p.startsWith('/lessons/')),
    'at least one lesson',
  );
});

test('every same-site link on every page leads to a page that answers 200, and to its #fragment', async () => {
  const html = new Map<string, string>();
  const get = async (path: string) => {
    if (!html.has(path)) {
      const res = await fetch(new URL(path, site.server.base));
      assert.equal(res.status, 200, `GET ${path}`);
      html.set(path, await res.text());
    }
    return html.get(path)!;
  };
  const broken: string[] = [];
  let links = 0;
  for (const page of sitePages()) {
    const text = await get(page);
    for (const [, href] of text.matchAll(/<a\b[^>]*\shref="([^"]+)"/g)) {
      const url = new URL(href!.replaceAll('&amp;', '&'), new URL(page, site.server.base));
      if (url.origin !== new URL(site.server.base).origin) continue;
      links++;
      const target = await get(url.pathname).catch((err: Error) => {
        broken.push(`${page} → ${href}: ${err.message}`);
        return '';
      });
      const id = decodeURIComponent(url.hash.slice(1));
      if (id && !new RegExp(`\\sid="${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`).test(target))
        broken.push(`${page} → ${href}: no element with id "${id}"`);
    }
  }
  assert.ok(links > 50, `only ${links} same-site links found: is the link pattern still right?`);
  assert.deepEqual(broken, []);
});

// Korean pages: axe, the skip link and nothing erring are checked on every one by
// tests/e2e/korean-pages.test.ts (one session per page); the full Tab walk on a sample of them here.
const KOREAN_SAMPLE = new Set(koreanSample());
for (const path of [...PAGES, ...KOREAN_SAMPLE]) {
  describe(`page ${path}`, () => {
    const korean = KOREAN_SAMPLE.has(path);
    for (const view of korean ? [] : VIEWS) {
      test(`axe finds no serious or critical violation (${view.name}), and nothing errs`, async () => {
        const { page, problems, close } = await openPage(site.browser, site.server.base, path, view.options);
        try {
          // Scroll through so islands hydrate and lazy content is in the page axe checks.
          await scrollThrough(page);
          await page.waitForTimeout(500);
          assert.deepEqual(await seriousViolations(page), []);
          assert.deepEqual(problems, []);
        } finally {
          await close();
        }
      });
    }

    if (!korean)
      test('the skip link is the first tab stop, is visible when focused and moves focus to the content', async () => {
        const { page, close } = await openPage(site.browser, site.server.base, path);
        try {
          await page.keyboard.press('Tab');
          const skip = await page.evaluate(() => {
            const el = document.activeElement as HTMLElement;
            const box = el.getBoundingClientRect();
            return {
              text: el.textContent?.trim(),
              href: el.getAttribute('href'),
              visible: box.top >= 0 && box.height > 0 && box.bottom <= innerHeight,
            };
          });
          assert.deepEqual(skip, { text: 'Skip to content', href: '#main', visible: true });
          await page.keyboard.press('Enter');
          assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
        } finally {
          await close();
        }
      });

    test('every interactive element is reachable with Tab and shows a focus ring', async () => {
      const { page, close } = await openPage(site.browser, site.server.base, path);
      try {
        await scrollThrough(page, 100);
        await page.evaluate(() => window.scrollTo(0, 0));
        // Tab through the whole page once, recording each stop and whether its focus is visible.
        await page.evaluate(() => {
          const w = window as unknown as { __stops: { key: string; ring: boolean }[] };
          w.__stops = [];
          let n = 0;
          for (const el of document.querySelectorAll<HTMLElement>('*')) el.dataset.tabKey = String(n++);
          document.addEventListener('focusin', (e) => {
            const el = e.target as HTMLElement;
            const style = getComputedStyle(el);
            const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
            w.__stops.push({ key: el.dataset.tabKey ?? '?', ring: outline || style.boxShadow !== 'none' });
          });
        });
        const MAX_STOPS = 400;
        for (let i = 0; i < MAX_STOPS; i++) {
          await page.keyboard.press('Tab');
          const done = await page.evaluate(
            () => document.activeElement === document.body || document.activeElement === null,
          );
          if (done && i > 0) break;
        }
        const result = await page.evaluate(() => {
          const stops = (window as unknown as { __stops: { key: string; ring: boolean }[] }).__stops;
          const reached = new Set(stops.map((s) => s.key));
          const describe = (el: Element) =>
            `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} "${(el.textContent ?? '').trim().slice(0, 40)}"${el.getAttribute('href') ? ` ${el.getAttribute('href')}` : ''}`;
          const interactive = [
            ...document.querySelectorAll<HTMLElement>(
              'a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])',
            ),
          ].filter(
            (el) =>
              !(el as HTMLButtonElement).disabled &&
              el.checkVisibility({ visibilityProperty: true }) &&
              !el.closest('[inert], dialog:not([open])'),
          );
          const reachedRadioGroups = new Set(
            interactive
              .filter((el) => reached.has(el.dataset.tabKey!) && el instanceof HTMLInputElement && el.type === 'radio')
              .map((el) => (el as HTMLInputElement).name),
          );
          const unreachable = interactive
            .filter((el) => !reached.has(el.dataset.tabKey!))
            // Arrow keys move within a radio group; the group is one tab stop.
            .filter((el) => !(el instanceof HTMLInputElement && el.type === 'radio' && reachedRadioGroups.has(el.name)))
            .map(describe);
          const noRing = stops
            .filter((s) => !s.ring)
            .map((s) => describe(document.querySelector(`[data-tab-key="${s.key}"]`)!));
          return { stops: stops.length, unreachable, noRing };
        });
        assert.ok(result.stops > 3, `only ${result.stops} tab stops`);
        assert.deepEqual(result.unreachable, [], 'interactive elements Tab never reached');
        assert.deepEqual(result.noRing, [], 'focused elements without a visible focus ring');
      } finally {
        await close();
      }
    });
  });
}
