// The SSE lesson, end to end: the built site and the real API on one port, driven by the system
// Chromium. Run: node --test tests/e2e/sse-lesson.test.ts (after a build; `npm run test:e2e` builds).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage as openSitePage, useSite } from '../helpers/site.ts';

// The ticker publishes once per second; 10 s leaves room for a slow CI machine to hydrate the island.
const LIVE_TIMEOUT_MS = 10_000;

const site = useSite();
const openPage = (path: string) => openSitePage(site.browser, site.server.base, path);

describe('SSE lesson', () => {
  test('the home page lists the SSE lesson and links to it', async () => {
    const { page, problems } = await openPage('/');
    try {
      const link = page.locator('main a[href="/lessons/sse/"]');
      assert.ok((await link.count()) >= 1, 'a link to /lessons/sse/ in <main>');
      assert.match((await link.first().textContent()) ?? '', /Server-Sent Events/);
      assert.deepEqual(problems, []);
    } finally {
      await page.context().close();
    }
  });

  test('the lesson loads cleanly, its demo goes live and its source panel shows real code', async () => {
    const { page, problems } = await openPage('/lessons/sse/');
    try {
      assert.equal(await page.locator('h1').textContent(), 'Server-Sent Events');
      assert.equal(await page.locator('.lesson-nav-side a[aria-current="page"]').getAttribute('href'), '/lessons/sse/');

      const demo = page.locator('[data-demo="sse"]');
      // The demo waits for its prediction (tests/e2e/predict-first.test.ts): lock one in, as a reader would.
      const predict = page.locator('section.quiz[data-quiz="sse-predict"] form').first();
      await predict.locator('input').first().check();
      await predict.locator('[data-action="predict"]').click();
      await demo.scrollIntoViewIfNeeded(); // client:predict hydrates on sight once predicted
      await page
        .waitForFunction(
          () => {
            const el = document.querySelector('[data-demo="sse"]');
            return el?.getAttribute('data-state') === 'live' && Number(el.getAttribute('data-received')) >= 2;
          },
          undefined,
          { timeout: LIVE_TIMEOUT_MS },
        )
        .catch(async (err: unknown) => {
          const state = await demo.getAttribute('data-state');
          const received = await demo.getAttribute('data-received');
          const status = await demo.locator('[role="status"]').textContent();
          throw new Error(
            `demo not live with >= 2 events after ${LIVE_TIMEOUT_MS} ms: state=${state} received=${received} status="${status}"`,
            { cause: err },
          );
        });

      const code = await page.locator('figure.source-panel pre').allTextContents();
      assert.ok(
        code.some((text) => text.includes('text/event-stream')),
        'a source panel shows the handler that sets text/event-stream',
      );

      assert.deepEqual(problems, []);
    } finally {
      await page.context().close();
    }
  });

  test('the diagram is a pre-rendered SVG, fetched only when near and only in the current theme', async () => {
    const { page, problems, requests } = await openPage('/lessons/sse/');
    try {
      const diagramRequests = () => requests.filter((url) => new URL(url).pathname.startsWith('/diagrams/'));
      assert.deepEqual(diagramRequests(), [], 'no diagram fetched before it is near');
      assert.ok(!requests.some((url) => /mermaid/i.test(url)), 'mermaid itself is never loaded by a lesson');

      const figure = page.locator('figure.diagram').first();
      await figure.scrollIntoViewIfNeeded();
      // The picture in the page; the full-size view (a popover) holds a second copy, loaded only when opened.
      const img = figure.locator('.diagram-open img[data-variant="light"]');
      await page.waitForFunction(
        (el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0,
        await img.elementHandle(),
        { timeout: LIVE_TIMEOUT_MS },
      );
      assert.ok(
        diagramRequests().length >= 1 && diagramRequests().every((url) => url.endsWith('.light.svg')),
        `only light SVGs: ${diagramRequests().join(', ')}`,
      );
      assert.equal(await figure.locator('.diagram-open img[data-variant="dark"]').isVisible(), false);
      assert.match((await img.getAttribute('alt')) ?? '', /Last-Event-ID/);
      assert.deepEqual(problems, []);
    } finally {
      await page.context().close();
    }
  });
});
