// Links that land, in Chromium against the built site and the real server (on a port of its own, so
// never the lessons' default 127.0.0.1:4321): a chat room's link opens at the chat, an unknown address
// gets a helpful 404 page with status 404, lesson commands show this server's origin and copy from a
// keyboard-operable button that announces "Copied", and search ranks the section that teaches a term
// above the quizzes that mention it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { openPage, useSite } from '../helpers/site.ts';
import { WIDGET_TIMEOUT_MS } from '../helpers/widgets.ts';

const site = useSite();

test("a chat room's link opens the lesson at the chat, on a phone", async () => {
  const { page, problems, close } = await openPage(
    site.browser,
    site.server.base,
    '/lessons/websocket/#room=linkedroom1',
    { viewport: { width: 360, height: 740 } },
  );
  try {
    const chat = page.locator('[data-demo="two-way"]');
    await page.waitForFunction(
      () => document.querySelector('[data-demo="two-way"]')?.getAttribute('data-room') === 'linkedroom1',
      undefined,
      { timeout: WIDGET_TIMEOUT_MS },
    );
    const top = await chat.evaluate((el) => el.getBoundingClientRect().top);
    assert.ok(top > -2 && top < 740 / 2, `the chat starts in the upper half of the screen (top ${top}px)`);
    assert.ok((await page.evaluate(() => scrollY)) > 2000, 'the page was scrolled down to it');
    assert.match((await chat.textContent()) ?? '', /linkedroom1/);
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});

test('an unknown address gets the 404 page, with status 404, search, the lessons and home', async () => {
  const context = await site.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    const response = await page.goto(`${site.server.base}/lessons/web-sockets/`, { waitUntil: 'load' });
    assert.equal(response?.status(), 404);
    assert.equal(await page.locator('h1').textContent(), 'Page not found');
    assert.equal(await page.locator('[data-missing-path]').textContent(), '/lessons/web-sockets/');
    const lessonLinks = await page.locator('main ol a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.ok(lessonLinks.includes('/lessons/websocket/') && lessonLinks.length >= 9, lessonLinks.join(', '));
    assert.equal(await page.locator('main a[href="/"]').count(), 1, 'a link home');

    // Search opens with the missing path's words and finds the lesson meant.
    const search = page.locator('[data-not-found-search]');
    assert.match((await search.textContent()) ?? '', /web sockets/);
    await search.click();
    assert.equal(await page.locator('dialog.search-dialog input').inputValue(), 'web sockets');
    await page.locator('[data-search-results] a[href^="/lessons/websocket/"]').first().waitFor({ timeout: 10_000 });

    // The other pages' axe check (quality.test.ts) visits index.html pages only; this is 404.html.
    await page.evaluate(readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'));
    const serious = await page.evaluate(async () => {
      const { axe } = window as unknown as {
        axe: { run(d: Document): Promise<{ violations: { id: string; impact: string | null }[] }> };
      };
      return (await axe.run(document)).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    });
    assert.deepEqual(serious, [], 'no serious or critical accessibility violation');

    // An API path that does not exist is still an API answer, not a page.
    const api = await fetch(`${site.server.base}/api/no-such-thing`);
    assert.equal(api.status, 404);
    assert.doesNotMatch(await api.text(), /Page not found/);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("lesson commands show this server's origin and copy from the keyboard, announcing Copied", async () => {
  const { page, problems, close } = await openPage(site.browser, site.server.base, '/lessons/introduction/', {
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  try {
    const origin = new URL(site.server.base).origin;
    assert.notEqual(origin, 'http://127.0.0.1:4321', 'the test server runs elsewhere than the default');
    // The terminal commands are in a Deep dive: open it as a reader would.
    const dive = page.locator('details.deep-dive', { hasText: 'from a terminal' });
    await dive.locator('summary').click();
    const block = dive.locator('.code-block', { hasText: 'ticker/poll' }).first();
    const code = (await block.locator('pre').textContent()) ?? '';
    assert.ok(code.includes(`curl '${origin}/api/channels/ticker/poll'`), code);
    assert.ok(!code.includes('127.0.0.1:4321'), code);

    const button = block.getByRole('button', { name: 'Copy this code' });
    await button.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('[data-copy-status]')?.textContent === 'Copied');
    assert.equal(await button.textContent(), 'Copied');
    assert.equal(await page.locator('[data-copy-status]').getAttribute('role'), 'status');
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), code);
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});

test('search for "Last-Event-ID" leads to the SSE section that teaches it, not to a quiz', async () => {
  const { page, problems, close } = await openPage(site.browser, site.server.base, '/');
  try {
    await page.locator('[data-search-open]').first().click();
    await page.keyboard.type('Last-Event-ID');
    const first = page.locator('[data-search-results] a').first();
    await first.waitFor({ timeout: 10_000 });
    const href = (await first.getAttribute('href')) ?? '';
    assert.match(href, /^\/lessons\/sse\/#/, `the first result: ${href}`);
    assert.doesNotMatch(href, /#quiz-/, `the first result is not a quiz: ${href}`);
    assert.match((await first.locator('.result-title').textContent()) ?? '', /Last-Event-ID/);
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});

test('Deep dives are closed on arrival, and a link to a heading inside one opens it there', async () => {
  // Wide enough for the side table of contents (course.css shows it from 84rem).
  const { page, problems, close } = await openPage(site.browser, site.server.base, '/lessons/sse/', {
    viewport: { width: 1440, height: 900 },
  });
  try {
    const dives = page.locator('details.deep-dive');
    assert.ok((await dives.count()) > 0);
    assert.deepEqual(
      await dives.evaluateAll((ds) => ds.filter((d) => (d as HTMLDetailsElement).open).length),
      0,
      'every Deep dive starts closed',
    );
    const heading = page.locator('details.deep-dive h2', { hasText: 'The wire format, field by field' });
    assert.equal(await heading.isVisible(), false);
    await page.locator('nav.toc-side a[href="#the-wire-format-field-by-field"]').click();
    await heading.waitFor({ state: 'visible' });
    const top = await heading.evaluate((el) => el.getBoundingClientRect().top);
    assert.ok(top >= -2 && top < 300, `the heading is at the top of the screen (${top}px)`);
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});
