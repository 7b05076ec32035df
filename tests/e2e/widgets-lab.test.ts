// The lab page's other widgets in real Chromium against the real server process: the two-way demo
// between two browser contexts, the connection-limit lab (stall, fix, clean-up) and browser support.
import { TECHNIQUE_IDS } from '../../protocol/techniques.ts';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { request } from '../helpers/clients.ts';
import { launchChromium } from '../helpers/browser.ts';
import { startChildServer, type ChildServer } from '../helpers/server.ts';
import { openWidgetPage, showWidget, waitForWidget, type WidgetPage } from '../helpers/widgets.ts';

let server: ChildServer;
let browser: Browser;
const pages: WidgetPage[] = [];

before(async () => {
  server = await startChildServer({ TICK_MS: '400' });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  server?.kill();
  await server?.exited;
});

async function open(path: string): Promise<WidgetPage> {
  const p = await openWidgetPage(browser, `${server.base}${path}`);
  pages.push(p);
  return p;
}

describe('lab widgets', () => {
  test('two-way: a message sent in one browser context appears in the other, over WebSocket and over SSE', async () => {
    const room = `e2e${Date.now().toString(36)}`;
    const [a, b] = [await open(`/lab/#room=${room}`), await open(`/lab/#room=${room}`)];
    const [wa, wb] = [
      await showWidget(a.page, '[data-demo="two-way"]'),
      await showWidget(b.page, '[data-demo="two-way"]'),
    ];
    await waitForWidget(wa, (x) => x.state === 'live' && x.room === room, 'A connected both ways');
    await waitForWidget(wb, (x) => x.state === 'live' && x.room === room, 'B connected both ways');

    await wa.locator('[data-panel="websocket"] input').fill('over the socket from A');
    await wa.locator('[data-panel="websocket"] input').press('Enter');
    await wb.locator('[data-panel="sse"] input').fill('posted from B');
    await wb.locator('[data-panel="sse"] button').click();

    for (const [name, w] of [
      ['A', wa],
      ['B', wb],
    ] as const) {
      for (const panel of ['websocket', 'sse']) {
        const list = w.locator(`[data-panel="${panel}"] .w-messages`);
        await list.locator('li', { hasText: 'over the socket from A' }).waitFor({ timeout: 10_000 });
        await list.locator('li', { hasText: 'posted from B' }).waitFor({ timeout: 10_000 });
        assert.equal(await list.locator('li').count(), 2, `${name}/${panel}: each message once`);
      }
    }
    assert.match(
      (await wa.locator('[data-panel="websocket"] [aria-live]').textContent()) ?? '',
      /Acknowledged on the socket as seq \d+/,
    );
    assert.match((await wb.locator('[data-panel="sse"] [aria-live]').textContent()) ?? '', /answered 201/);
    await a.page.context().close();
    await b.page.context().close();
  });

  test('connection limit: the seventh EventSource and a fetch behind it stall; one shared stream fixes it; nothing is left open', async () => {
    const p = await open('/lab/');
    // Hydrate the other widgets first: the lab must pause them for an honest count.
    for (const technique of [...TECHNIQUE_IDS, 'two-way']) {
      await waitForWidget(
        await showWidget(p.page, `[data-demo="${technique}"]`),
        (x) => x.state === 'live',
        `${technique} live`,
      );
    }
    const widget = await showWidget(p.page, '[data-demo="connection-limit"]');
    assert.equal(await widget.locator('select').inputValue(), '7');
    await widget.getByRole('button', { name: 'Open 7 streams' }).click();
    const stalled = await waitForWidget(widget, (x) => x.phase === 'stalled', 'the measurement');
    assert.deepEqual(
      [stalled.opened, stalled.stalled, stalled.fetch],
      ['6', '1', 'stalled'],
      'six open, the seventh and the fetch waiting',
    );
    // Every demo steps aside while the lab needs all of the browser's connections.
    for (const technique of [...TECHNIQUE_IDS, 'two-way']) {
      assert.equal(
        await p.page.locator(`[data-demo="${technique}"]`).getAttribute('data-state'),
        'idle',
        `${technique} paused during the lab`,
      );
    }

    await widget.getByRole('button', { name: 'Fix: share one stream' }).click();
    const fixed = await waitForWidget(
      widget,
      (x) => x.phase === 'shared' && x.fetch === 'completed' && x.opened === '7',
      'the fix',
    );
    assert.equal(fixed.stalled, '0');
    const receivedAtFix = Number(fixed.received);
    await waitForWidget(
      widget,
      (x) => Number(x.received) >= receivedAtFix + 7,
      'the shared stream feeding all seven rows',
    );

    await widget.getByRole('button', { name: 'Close everything' }).click();
    const cleaned = await waitForWidget(
      widget,
      (x) => x.phase === 'cleaned' && x['server-live'] === '0',
      'the clean-up',
    );
    const labId = cleaned.channel!.slice('lab-'.length);
    const held = (await request(server.base, `/api/lab/${labId}/connections`)).json;
    assert.equal(held.live, 0, "the server holds none of the lab's connections");
    assert.ok(held.peakLive >= 6, `the server saw ${held.peakLive} at once`);
    await waitForWidget(
      await showWidget(p.page, '[data-demo="sse"]'),
      (x) => x.state === 'live',
      'the other demos resumed',
    );
    assert.deepEqual(p.errors, []);
    await p.page.context().close();
  });

  test('browser support: six live checks, each with what it means', async () => {
    const p = await open('/lab/');
    const widget = await showWidget(p.page, '[data-demo="browser-support"]');
    await waitForWidget(widget, (x) => x.state === 'live' && x.received === '6', 'the checks');
    const rows = await widget
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-feature'), tr.getAttribute('data-supported')]));
    assert.deepEqual(
      rows.map(([f]) => f),
      [
        'EventSource',
        'WebSocket',
        'WebSocketStream',
        'WebTransport',
        'fetch response streaming',
        'fetch request streaming',
      ],
    );
    assert.deepEqual(
      rows.slice(0, 2).map(([, s]) => s),
      ['true', 'true'],
      'Chromium has EventSource and WebSocket',
    );
    await p.page.context().close();
  });
});
