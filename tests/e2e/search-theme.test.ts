// Search (Pagefind, loaded only when opened, "/" shortcut) and the theme switch (remembered, applied
// before paint, followed by code and diagrams), in Chromium against the built site.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, useSite } from '../helpers/site.ts';

const site = useSite();

test('"/" opens search, which loads Pagefind only then, finds a lesson section, and Escape closes it', async () => {
  const { page, problems, requests, close } = await openPage(site.browser, site.server.base, '/glossary/');
  try {
    const pagefindRequests = () => requests.filter((u) => new URL(u).pathname.startsWith('/pagefind/'));
    assert.deepEqual(pagefindRequests(), [], 'nothing of Pagefind before the learner asks');

    await page.keyboard.press('/');
    const input = page.locator('dialog.search-dialog input[type="search"]');
    await input.waitFor({ state: 'visible' });
    assert.equal(await input.evaluate((el) => el === document.activeElement), true, 'focus is in the search field');
    await page.keyboard.type('Last-Event-ID');
    const first = page.locator('[data-search-results] a').first();
    await first.waitFor({ timeout: 10_000 });
    assert.ok(pagefindRequests().length > 0, 'Pagefind loaded on open');
    const hrefs = await page
      .locator('[data-search-results] a')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    assert.ok(
      hrefs.some((h) => h.startsWith('/lessons/sse/')),
      `a result in the SSE lesson: ${hrefs.join(', ')}`,
    );
    assert.match((await page.locator('[data-search-status]').textContent()) ?? '', /match/);
    assert.ok((await page.locator('[data-search-results] mark').count()) > 0, 'matches are highlighted');

    // Enter in the field moves to the first result; Escape closes and gives focus back.
    await page.keyboard.press('Enter');
    assert.equal(await first.evaluate((el) => el === document.activeElement), true);
    await page.keyboard.press('Escape');
    assert.equal(await page.locator('dialog.search-dialog').evaluate((d) => (d as HTMLDialogElement).open), false);
    assert.equal(await page.evaluate(() => document.activeElement?.hasAttribute('data-search-open')), true);

    // "/" typed in a text field is text, not the shortcut.
    await page.locator('[data-search-open]').click();
    await page.keyboard.type('a/b');
    assert.equal(await input.inputValue(), 'a/b');
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});

test('search finds glossary terms and says so when nothing matches', async () => {
  const { page, close } = await openPage(site.browser, site.server.base, '/');
  try {
    await page.locator('[data-search-open]').click();
    await page.keyboard.type('backpressure');
    await page.locator('[data-search-results] a[href^="/glossary/"]').first().waitFor({ timeout: 10_000 });
    await page.locator('dialog input[type="search"]').fill('zzqqxxnothing');
    await page.waitForFunction(
      () => /No results/.test(document.querySelector('[data-search-status]')?.textContent ?? ''),
      undefined,
      { timeout: 10_000 },
    );
  } finally {
    await close();
  }
});

test('the theme follows the system, a choice is remembered, and code and diagrams follow it', async () => {
  const { page, problems, close } = await openPage(site.browser, site.server.base, '/lessons/sse/', {
    colorScheme: 'light',
  });
  try {
    const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const codeBg = () =>
      page
        .locator('.astro-code')
        .first()
        .evaluate((el) => getComputedStyle(el).backgroundColor);
    const lightBg = await bg();
    const lightCode = await codeBg();
    assert.equal(await page.locator('#theme-choice').inputValue(), 'system');

    await page.locator('#theme-choice').selectOption('dark');
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
    assert.notEqual(await bg(), lightBg, 'the page turns dark at once');
    assert.notEqual(await codeBg(), lightCode, 'code blocks follow the theme');

    await page.reload();
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark', 'remembered over a reload');
    assert.equal(await page.locator('#theme-choice').inputValue(), 'dark');
    const figure = page.locator('figure.diagram').first();
    await figure.scrollIntoViewIfNeeded();
    assert.equal(
      await figure.locator('.diagram-open img[data-variant="dark"]').isVisible(),
      true,
      'the dark diagram is shown',
    );
    assert.equal(await figure.locator('.diagram-open img[data-variant="light"]').isVisible(), false);

    await page.locator('#theme-choice').selectOption('system');
    await page.reload();
    assert.equal(
      await page.evaluate(() => document.documentElement.dataset.theme),
      undefined,
      'back to following the system',
    );
    assert.equal(await bg(), lightBg);
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});

test('printing drops navigation and live widgets and keeps the lesson', async () => {
  const { page, close } = await openPage(site.browser, site.server.base, '/lessons/sse/');
  try {
    await page.emulateMedia({ media: 'print' });
    const shown = (selector: string) => page.locator(selector).first().isVisible();
    for (const gone of ['.site-tools', '.lesson-nav-side', '.toc-side', '.pager', '[data-demo]', '.quiz-actions']) {
      assert.equal(await shown(gone), false, `${gone} is not printed`);
    }
    for (const kept of ['h1', '.prose', 'figure.source-panel', 'figure.diagram img[data-variant="light"]']) {
      assert.equal(await shown(kept), true, `${kept} is printed`);
    }
  } finally {
    await close();
  }
});
