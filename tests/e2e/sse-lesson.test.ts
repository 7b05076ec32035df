// The SSE lesson, end to end: the built site and the real API on one port, driven by the system
// Chromium. Run: node --test tests/e2e/sse-lesson.test.ts (after a build; `npm run test:e2e` builds).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/browser.ts';
import { startTestServer } from '../helpers/server.ts';

// The ticker publishes once per second; 10 s leaves room for a slow CI machine to hydrate the island.
const LIVE_TIMEOUT_MS = 10_000;

let server: { base: string; close(): Promise<void> };
let browser: Browser;

before(async () => {
  server = await startTestServer();
  browser = await launchChromium();
});

after(async () => {
  // Browser first: its open EventSource would otherwise hold the server's shutdown.
  await browser?.close();
  await server?.close();
});

/** Opens a page and records what a reader would never want: console errors and failed requests. */
async function openPage(path: string): Promise<{ page: Page; problems: string[]; scripts: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems: string[] = [];
  const scripts: string[] = [];
  page.on('request', (req) => {
    if (req.resourceType() === 'script') scripts.push(req.url());
  });
  const origin = new URL(server.base).origin;
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`uncaught: ${err.message}`));
  page.on('requestfailed', (req) => {
    // A stream cut short by navigation or page close is not a failure of the page.
    if (new URL(req.url()).origin === origin && req.failure()?.errorText !== 'net::ERR_ABORTED') {
      problems.push(`request failed: ${req.url()} (${req.failure()?.errorText})`);
    }
  });
  page.on('response', (res) => {
    if (new URL(res.url()).origin === origin && res.status() >= 400) {
      problems.push(`HTTP ${res.status()}: ${res.url()}`);
    }
  });
  const response = await page.goto(new URL(path, server.base).href, { waitUntil: 'load' });
  assert.equal(response?.status(), 200, `GET ${path}`);
  return { page, problems, scripts };
}

describe('SSE lesson', () => {
  test('the home page lists the SSE lesson and links to it', async () => {
    const { page, problems } = await openPage('/');
    try {
      const link = page.locator('main a[href="/lessons/sse/"]');
      assert.ok((await link.count()) >= 1, 'a link to /lessons/sse/ in <main>');
      assert.match((await link.first().textContent()) ?? '', /Server-Sent Events/);
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  });

  test('the lesson loads cleanly, its demo goes live and its source panel shows real code', async () => {
    const { page, problems } = await openPage('/lessons/sse/');
    try {
      assert.equal(await page.locator('h1').textContent(), 'Server-Sent Events');
      assert.equal(await page.locator('nav[aria-label="Lessons"] a[aria-current="page"]').getAttribute('href'), '/lessons/sse/');

      const demo = page.locator('[data-demo="sse"]');
      await demo.scrollIntoViewIfNeeded(); // client:visible hydrates on sight
      await page.waitForFunction(
        () => {
          const el = document.querySelector('[data-demo="sse"]');
          return el?.getAttribute('data-state') === 'live' && Number(el.getAttribute('data-received')) >= 2;
        },
        undefined,
        { timeout: LIVE_TIMEOUT_MS },
      ).catch(async (err: unknown) => {
        const state = await demo.getAttribute('data-state');
        const received = await demo.getAttribute('data-received');
        const status = await demo.locator('[role="status"]').textContent();
        throw new Error(`demo not live with >= 2 events after ${LIVE_TIMEOUT_MS} ms: state=${state} received=${received} status="${status}"`, { cause: err });
      });

      const code = await page.locator('figure.source-panel pre').allTextContents();
      assert.ok(code.some((text) => text.includes('text/event-stream')), 'a source panel shows the handler that sets text/event-stream');

      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  });

  test('mermaid is fetched only when the diagram comes near, then renders', async () => {
    const { page, problems, scripts } = await openPage('/lessons/sse/');
    try {
      assert.ok(scripts.length > 0, 'the page loaded its (island and diagram) scripts');
      // The library chunk (mermaid.core.*), not our tiny Mermaid.astro loader script.
      const isMermaidLib = (url: string) => /\/mermaid\.(core|esm)[^/]*\.js$/.test(url);
      assert.deepEqual(scripts.filter(isMermaidLib), [], 'no mermaid chunk before the diagram is near');

      const figure = page.locator('figure[data-mermaid]');
      await figure.scrollIntoViewIfNeeded();
      await figure.locator('svg').first().waitFor({ timeout: LIVE_TIMEOUT_MS });
      assert.ok(scripts.some(isMermaidLib), `the mermaid chunk was loaded on demand (scripts: ${scripts.join(', ')})`);
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  });
});
