// Every page of the built site on a 360 px phone, in Chromium: nothing makes the page scroll sideways,
// and the text a learner reads inside the live widgets, their timelines and the lesson diagrams is at
// least 12 px as rendered (an SVG's text is measured through its scale on screen, a diagram's through
// its image's, full-screen when the figure offers it). The pages come from dist/ (sitePages), so a new
// page is checked without touching this file. The wide tables are checked at 1280 px too: every
// technique's column or card is in view, none cut off at the box's edge. The benchmark charts are
// measured like the diagrams: in the page, or full size where they open.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { BrowserContextOptions, Locator, Page } from 'playwright-core';
import { TECHNIQUES } from '../../protocol/techniques.ts';
import { projectRoot } from '../helpers/server.ts';
import { koreanPages, openPage, scrollThrough, sitePages, useSite } from '../helpers/site.ts';

const PHONE: BrowserContextOptions = { viewport: { width: 360, height: 780 }, isMobile: true, hasTouch: true };
const MIN_TEXT_PX = 12;
/** Where the rule holds: the live widgets (their SVG timelines included) and the lesson diagrams. */
const READ_INSIDE = '.w-demo, .w-widget, figure.diagram';

const site = useSite();

/** Elements wider than the viewport that make the page scroll: the outermost ones, not their children. */
async function overflow(page: Page): Promise<{ scrollWidth: number; viewport: number; culprits: string[] }> {
  return page.evaluate(() => {
    const viewport = document.documentElement.clientWidth;
    const scrollWidth = document.documentElement.scrollWidth;
    const culprits: string[] = [];
    if (scrollWidth > viewport) {
      // Inside a box that scrolls or clips within the viewport, a wide child widens nothing.
      const contained = (el: Element) => {
        for (let p = el.parentElement; p && p !== document.body; p = p.parentElement)
          if (getComputedStyle(p).overflowX !== 'visible' && p.getBoundingClientRect().right <= viewport + 0.5)
            return true;
        return false;
      };
      const sticksOut = (el: Element) => el.getBoundingClientRect().right > viewport + 0.5 && !contained(el);
      for (const el of document.querySelectorAll('body *')) {
        if (sticksOut(el) && !(el.parentElement && sticksOut(el.parentElement)))
          culprits.push(
            `<${el.tagName.toLowerCase()} class="${el.getAttribute('class') ?? ''}"> right edge at ${Math.round(el.getBoundingClientRect().right)} px`,
          );
      }
    }
    return { scrollWidth, viewport, culprits: culprits.slice(0, 6) };
  });
}

/** Visible text under the floor inside widgets and diagrams: rendered size, selector and the text. */
async function smallText(page: Page): Promise<{ smallest: number; small: string[] }> {
  return page.evaluate(
    ({ inside, min }) => {
      let smallest = Number.POSITIVE_INFINITY;
      const small: string[] = [];
      for (const el of document.querySelectorAll(`:is(${inside}) *`)) {
        const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim());
        if (!own || !el.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
        const box = el.getBoundingClientRect();
        if (box.width === 0 || box.height === 0) continue;
        let size = Number.parseFloat(getComputedStyle(el).fontSize);
        // An SVG's text is drawn at its font size times the drawing's scale on screen.
        if (el instanceof SVGGraphicsElement) {
          const m = el.getScreenCTM();
          if (m) size *= Math.hypot(m.a, m.b);
        }
        smallest = Math.min(smallest, size);
        if (size < min)
          small.push(
            `${size.toFixed(1)} px <${el.tagName.toLowerCase()} class="${el.getAttribute('class') ?? ''}"> "${el.textContent?.trim().slice(0, 30)}"`,
          );
      }
      return { smallest, small: small.slice(0, 8) };
    },
    { inside: READ_INSIDE, min: MIN_TEXT_PX },
  );
}

/** The smallest font size a cached diagram SVG declares (mermaid writes them as CSS: font-size:16px). */
function smallestFont(src: string): number {
  const svg = readFileSync(join(projectRoot, 'dist', src), 'utf8');
  const sizes = [...svg.matchAll(/font-size:\s*([\d.]+)px/g)].map((m) => Number(m[1]));
  assert.ok(sizes.length > 0, `${src} declares its font sizes`);
  return Math.min(...sizes);
}

/**
 * A figure that opens full size (a lesson diagram, a benchmark chart): its smallest text as rendered in
 * the page and, where that is under the floor, in the full-size view, which must fit the screen and pan.
 * `shown` is the picture in the page, `full` the one in the view, `textSize` how a picture's text is measured.
 */
async function readableFigure(
  figure: Locator,
  name: string,
  shown: string,
  full: string,
  textSize: (picture: Locator) => Promise<number>,
): Promise<string[]> {
  const inPage = await textSize(figure.locator(shown));
  if (inPage >= MIN_TEXT_PX) return [];
  const open = figure.locator('button.diagram-open');
  if ((await open.count()) === 0) return [`${name}: ${inPage.toFixed(1)} px text and no way to open it full size`];
  const problems: string[] = [];
  await open.click();
  const view = figure.locator(full);
  await view.waitFor({ timeout: 5000 });
  const fullSize = await textSize(view);
  if (fullSize < MIN_TEXT_PX) problems.push(`${name}: ${fullSize.toFixed(1)} px text even full size`);
  const { fits, pans } = await figure.locator('.diagram-full').evaluate((el) => ({
    fits: el.getBoundingClientRect().width <= window.innerWidth + 0.5,
    pans: el.scrollWidth <= el.clientWidth || getComputedStyle(el).overflowX === 'auto',
  }));
  if (!fits || !pans) problems.push(`${name}: the full-size view is wider than the screen or cannot be panned`);
  await figure.locator('.diagram-close').click();
  await view.waitFor({ state: 'hidden', timeout: 5000 });
  return problems;
}

/** Rendered text size of every diagram shown, and full-screen for those too small in the page. */
async function diagramText(page: Page): Promise<string[]> {
  const problems: string[] = [];
  const figures = page.locator('figure.diagram');
  for (let i = 0; i < (await figures.count()); i++) {
    const figure = figures.nth(i);
    const src = (await figure.locator('.diagram-open img.diagram-img:visible').getAttribute('src')) ?? '';
    const font = smallestFont(src);
    // An <img>'s text is the SVG's declared size times the image's scale on screen.
    const textSize = async (img: Locator) =>
      font * (await img.evaluate((el) => el.getBoundingClientRect().width / Number(el.getAttribute('width'))));
    problems.push(
      ...(await readableFigure(
        figure,
        src,
        '.diagram-open img.diagram-img:visible',
        '.diagram-full img.diagram-img:visible',
        textSize,
      )),
    );
  }
  return problems;
}

/** The smallest text an inline SVG draws, as rendered: its font size times the drawing's scale on screen. */
function smallestSvgText(svg: Locator): Promise<number> {
  return svg.evaluate((root) => {
    let smallest = Number.POSITIVE_INFINITY;
    for (const el of root.querySelectorAll<SVGGraphicsElement>('text, tspan')) {
      const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim());
      const m = el.getScreenCTM();
      if (own && m)
        smallest = Math.min(smallest, Number.parseFloat(getComputedStyle(el).fontSize) * Math.hypot(m.a, m.b));
    }
    return smallest;
  });
}

/** Benchmark charts: their text in the page, and full size (a popover, panned) where the page's is too small. */
async function chartText(page: Page): Promise<string[]> {
  const problems: string[] = [];
  const figures = page.locator('figure.bench-chart');
  for (let i = 0; i < (await figures.count()); i++) {
    const figure = figures.nth(i);
    const name = `chart ${await figure.getAttribute('data-chart')}`;
    problems.push(...(await readableFigure(figure, name, '.diagram-open svg', '.diagram-full svg', smallestSvgText)));
  }
  return problems;
}

/** Lets every island in view hydrate: widgets hydrate when visible, so the page is scrolled through first. */
async function settle(page: Page): Promise<void> {
  await scrollThrough(page, 120);
  await page.waitForFunction(() => document.querySelectorAll('astro-island[ssr]').length === 0, null, {
    timeout: 20_000,
  });
  // A widget's first figures arrive a moment after it hydrates; the layout is measured with them.
  await page.waitForTimeout(800);
}

describe('every page at 360 px', () => {
  // Every English page, and every Korean one (its /ko/source/ file pages represented by the first:
  // the same template with the same code, only the chrome around it is Korean).
  const pages = [...sitePages().filter((p) => !p.startsWith('/ko/')), ...koreanPages()];
  test('the built site has pages to check', () => {
    assert.ok(pages.length > 10, `pages found in dist/: ${pages.join(', ')}`);
  });
  for (const path of pages) {
    test(`${path}: no sideways scroll, no text under ${MIN_TEXT_PX} px in widgets or diagrams`, async () => {
      const { page, close } = await openPage(site.browser, site.server.base, path, PHONE);
      try {
        // Deep dives are closed on a first read, but a reader opens them: their widgets and diagrams
        // must fit a phone too.
        // A demo behind its prediction hydrates once the question is answered or skipped: skip them all.
        await page.evaluate(() => {
          for (const d of document.querySelectorAll('details')) d.open = true;
          for (const skip of document.querySelectorAll<HTMLButtonElement>('[data-gate-skip]')) skip.click();
        });
        await settle(page);
        const { scrollWidth, viewport, culprits } = await overflow(page);
        assert.ok(
          scrollWidth <= viewport,
          `the page is ${scrollWidth} px wide on a ${viewport} px screen: ${culprits.join('; ')}`,
        );
        const { small } = await smallText(page);
        assert.deepEqual(small, [], `text under ${MIN_TEXT_PX} px`);
        assert.deepEqual(await diagramText(page), [], 'diagrams readable');
        assert.deepEqual(await chartText(page), [], 'benchmark charts readable');
        const after = await overflow(page);
        assert.ok(after.scrollWidth <= after.viewport, `after opening the diagrams: ${after.culprits.join('; ')}`);
      } finally {
        await close();
      }
    });
  }
});

describe('wide tables keep every technique in view', () => {
  for (const [name, options] of [
    ['360 px', PHONE],
    ['1280 px', { viewport: { width: 1280, height: 900 } }],
  ] as const) {
    test(`${name}: the comparison lesson's claims tables and the race's figures show every technique`, async () => {
      const { page, close } = await openPage(site.browser, site.server.base, '/lessons/comparison/', options);
      try {
        await settle(page);
        // What is cut off is what lies past the right edge of the box that holds it (a scroll box hides it).
        const cut = await page.evaluate(() => {
          const cut: string[] = [];
          const boxOf = (el: Element) => {
            for (let p = el.parentElement; p; p = p.parentElement)
              if (getComputedStyle(p).overflowX !== 'visible') return p.getBoundingClientRect();
            return document.documentElement.getBoundingClientRect();
          };
          const cells = document.querySelectorAll('td[data-technique], th[data-technique], [data-card]');
          for (const cell of cells) {
            if (!cell.checkVisibility()) continue;
            const r = cell.getBoundingClientRect();
            const box = boxOf(cell);
            if (r.right > Math.min(box.right, window.innerWidth) + 1)
              cut.push(
                `${cell.getAttribute('data-technique') ?? cell.getAttribute('data-card')} at ${Math.round(r.right)} px`,
              );
          }
          return cut;
        });
        assert.deepEqual(cut, [], 'technique columns or cards past the edge of their box');
        // Every technique has its figures in view: the table's columns, or one card each.
        const shown = await page.evaluate(() =>
          [...document.querySelectorAll('.w-race-table th[data-technique], [data-card]')]
            .filter((el) => el.checkVisibility())
            .map((el) => el.getAttribute('data-technique') ?? el.getAttribute('data-card')),
        );
        assert.deepEqual(
          [...shown].sort(),
          TECHNIQUES.map((t) => t.id).sort(),
          'the race shows each technique once, all of them',
        );
      } finally {
        await close();
      }
    });
  }
});

test('360 px: search results fit the search dialog', async () => {
  const { page, close } = await openPage(site.browser, site.server.base, '/', PHONE);
  try {
    await page.locator('[data-search-open]').click();
    await page.keyboard.type('Last-Event-ID');
    await page.locator('[data-search-results] a').first().waitFor({ timeout: 10_000 });
    const { dialog, cards } = await page.evaluate(() => {
      const d = document.querySelector('dialog.search-dialog')!;
      const right = d.getBoundingClientRect().right;
      return {
        dialog: { right, scrollWidth: d.scrollWidth, clientWidth: d.clientWidth },
        cards: [...d.querySelectorAll('[data-search-results] a')].map((a) => a.getBoundingClientRect().right),
      };
    });
    assert.ok(cards.length > 0, 'results shown');
    assert.ok(dialog.right <= 360, `the dialog ends at ${dialog.right} px`);
    assert.ok(dialog.scrollWidth <= dialog.clientWidth, `the dialog scrolls sideways: ${JSON.stringify(dialog)}`);
    for (const right of cards) assert.ok(right <= dialog.right, `a result card ends at ${right} px, past the dialog`);
  } finally {
    await close();
  }
});

test('360 px: the chat has text boxes a message fits in, with their send buttons in view', async () => {
  const { page, close } = await openPage(site.browser, site.server.base, '/lessons/websocket/', PHONE);
  try {
    const chat = page.locator('[data-demo="two-way"]');
    await chat.scrollIntoViewIfNeeded();
    await chat.locator('[data-panel] input:enabled').first().waitFor({ timeout: 20_000 });
    for (const panel of await chat.locator('[data-panel]').all()) {
      const [box, send, inner] = await Promise.all([
        panel.locator('input[type="text"]').boundingBox(),
        panel.getByRole('button', { name: /^Send/ }).boundingBox(),
        panel.evaluate((el) => el.getBoundingClientRect().width),
      ]);
      assert.ok(box && send, 'the text box and its button are drawn');
      // 68 px before: a dozen characters. Now the box takes the panel's width where the button leaves too little.
      assert.ok(
        box.width >= inner * 0.75,
        `the text box is ${Math.round(box.width)} px of a ${Math.round(inner)} px panel`,
      );
      assert.ok(send.x + send.width <= 360, 'the send button is on screen');
    }
  } finally {
    await close();
  }
});

describe('a lesson reaches its first live part within two screens', () => {
  // A lesson's first live part: its first demo, or the predict question that opens its experiment
  // (where the demo waits for the prediction, the covered demo follows right below it).
  const lessons = sitePages().filter((path) => /^\/(?:[a-z]{2}\/)?lessons\/[^/]+\/$/.test(path));
  for (const [name, options] of [
    ['360 px', PHONE],
    ['1280 px', { viewport: { width: 1280, height: 900 } }],
  ] as const) {
    test(`${name}: every lesson`, async () => {
      const far: string[] = [];
      for (const path of lessons) {
        const { page, close } = await openPage(site.browser, site.server.base, path, options);
        try {
          const screens = await page.evaluate(() => {
            const top = (el: Element) => el.getBoundingClientRect().top + window.scrollY;
            const starts: number[] = [];
            for (const gate of document.querySelectorAll<HTMLElement>('.prose [data-predict-gate]')) {
              const question = document.getElementById(`quiz-${gate.dataset.quiz}-title`)?.closest('section');
              starts.push(top(question ?? gate));
            }
            // A predict question right above a demo that is not gated (the race, the browser check).
            for (const quiz of document.querySelectorAll('.prose section.quiz:has(form[data-kind="predict"])'))
              starts.push(top(quiz));
            for (const island of document.querySelectorAll('.prose astro-island')) {
              const shown = island.firstElementChild;
              if (shown && !island.closest('[data-predict-gate]') && shown.getBoundingClientRect().height > 0)
                starts.push(top(shown));
            }
            return starts.length ? Math.min(...starts) / window.innerHeight : Number.POSITIVE_INFINITY;
          });
          if (!(screens <= 2)) far.push(`${path} at ${screens.toFixed(2)} screens`);
        } finally {
          await close();
        }
      }
      assert.ok(lessons.length >= 9, `lessons found: ${lessons.join(', ')}`);
      assert.deepEqual(far, [], 'lessons whose first live part is more than two screens down');
    });
  }
});
