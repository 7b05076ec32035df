// The gap story as a learner on a phone sees it, in Chromium against the real server: after "Fall too
// far behind" the replayed backlog is one burst on the timeline, the fault and the server's gap notice
// stay on the drawing, the connection lane shows the open connection, the status line's sum comes to
// the "Gaps announced" counter, no widget text says "1 events", and the WebSocket inspector's
// handshake walkthrough does not wait forever on "computing…".
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Locator } from 'playwright-core';
import { launchChromium } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { live, showWidget, waitForWidget } from '../helpers/widgets.ts';

let server: TestServer;
let browser: Browser;
let context: BrowserContext;

before(async () => {
  server = await startTestServer();
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 360, height: 780 }, isMobile: true, hasTouch: true });
});

after(async () => {
  // The browser first: its open streams would otherwise hold the server's graceful shutdown.
  await browser?.close();
  await server?.close();
});

/** Opens a lesson's demo, waits for it to be live, then falls too far behind and waits for the replay. */
async function gapped(lesson: string, technique: string): Promise<Locator> {
  const page = await context.newPage();
  await page.goto(new URL(lesson, server.base).href, { waitUntil: 'load' });
  // The lesson's demo waits for its prediction (tests/e2e/predict-first.test.ts): skip it, as a reader may.
  const skip = page.locator(`#${technique}-demo [data-gate-skip]`);
  if ((await skip.count()) > 0) {
    await skip.scrollIntoViewIfNeeded();
    await skip.click();
  }
  const widget = await showWidget(page, `[data-demo="${technique}"]`);
  const before = await waitForWidget(widget, live(2), `${technique} live`);
  await widget.getByRole('button', { name: 'Fall too far behind' }).click();
  await waitForWidget(
    widget,
    (a) => a.state === 'live' && Number(a.received) >= Number(before.received) + 1000,
    'the retained events replayed after the gap',
  );
  // The status line tells the gap once the server's answer and its notice are both in.
  await widget.locator('.w-status', { hasText: ' published − ' }).waitFor({ timeout: 10_000 });
  return widget;
}

/** The on-screen box of `inner`, and whether it lies inside the drawing's own box. */
async function inside(drawing: Locator, inner: Locator): Promise<string> {
  const [outer, box] = await Promise.all([drawing.boundingBox(), inner.boundingBox()]);
  assert.ok(outer && box, 'both are drawn');
  const within =
    box.x >= outer.x - 0.5 &&
    box.x + box.width <= outer.x + outer.width + 0.5 &&
    box.y >= outer.y - 0.5 &&
    box.y + box.height <= outer.y + outer.height + 0.5;
  return within ? '' : `${JSON.stringify(box)} is not within ${JSON.stringify(outer)}`;
}

describe('falling too far behind, on a phone', () => {
  test('SSE: the gap, the fault and the open connection stay on the timeline; status and counter agree', async () => {
    const widget = await gapped('/lessons/sse/', 'sse');
    // A second on: the reconnected stream has a length on its lane, the notices are still in the window.
    await widget.page().waitForTimeout(1000);
    const drawing = widget.locator('.w-tl-plot > svg');
    for (const mark of ['flood', 'gap']) {
      const marker = drawing.locator(`[data-mark="${mark}"]`);
      assert.equal(await marker.count(), 1, `one ${mark} marker on the timeline`);
      assert.equal(await inside(drawing, marker), '', `the ${mark} marker (line and word) is inside the drawing`);
    }
    assert.equal(await drawing.locator('.w-tl-burst').count(), 1, 'the replayed backlog is drawn as one burst');
    assert.match(
      (await drawing.locator('.w-tl-burst text').textContent()) ?? '',
      /^×\d{3,4}$/,
      'the burst is labelled with its count',
    );
    // The connection lane: the reconnected stream is a line that reaches "now".
    const open = await drawing.locator('.w-tl-link line').last().boundingBox();
    assert.ok(open && open.width > 10, 'the open connection is drawn on its lane');

    const counter =
      (await widget.locator('.w-counts div', { hasText: 'Gaps announced' }).locator('dd').textContent()) ?? '';
    const missed = Number(/^(\d+) missed$/.exec(counter)?.[1]);
    const status = (await widget.locator('.w-status').textContent()) ?? '';
    const sum = /Gap announced: (\d+) missed = (\d+) published − (\d+) kept(?: \+ (\d+) ticks?)?\./.exec(status);
    assert.ok(sum, `the status tells the gap as a sum: "${status}"`);
    const [, told, published, kept, ticks] = sum.map(Number);
    assert.equal(told, missed, `the status says ${told} missed, the counter "${counter}"`);
    assert.equal(published! - kept! + (ticks || 0), missed, `the sum in "${status}" comes to ${missed}`);

    // The same story in words: the gap notice and the burst, in a list without numbers.
    await widget.locator('.w-tl-text summary').click();
    const words = widget.locator('.w-log');
    assert.equal(await words.evaluate((el) => getComputedStyle(el).listStyleType), 'none', 'no item is numbered');
    const text = (await words.textContent()) ?? '';
    assert.match(text, new RegExp(`Gap: the server says ${missed} events were evicted`));
    assert.match(text, /\d+ events at once, seq \d+ to \d+/);
    // biome-ignore lint/performance/useDomNodeTextContent: what is on screen, not the hidden room Reserve keeps
    assert.doesNotMatch(await widget.innerText(), /\b1 (events|requests|connections|duplicates|ticks)\b/);
  });

  test('WebSocket: the inspector opened after a gap says where the handshake went, not "computing…" for ever', async () => {
    const widget = await gapped('/lessons/websocket/', 'websocket');
    await widget.locator('.w-inspector summary').click();
    const result = widget.locator('.w-handshake li').last().locator('strong .w-reserve-shown');
    await widget
      .page()
      .waitForFunction((el) => el !== null && !/computing/.test(el.textContent ?? ''), await result.elementHandle(), {
        timeout: 10_000,
      });
    assert.match(
      (await result.textContent()) ?? '',
      /the same value, computed in this page ✓|not in the capture any more/,
      'the walkthrough either checks the handshake or says it is gone from the capture',
    );
    // biome-ignore lint/performance/useDomNodeTextContent: what is on screen, not the hidden room Reserve keeps
    assert.doesNotMatch(await widget.innerText(), /\b1 (events|requests|connections|duplicates|ticks)\b/);
  });
});
