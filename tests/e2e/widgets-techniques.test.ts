// The technique demos in real Chromium against the real server process (api/server.ts, as
// `npm start` runs it): each goes live and counts, recovers from a cut with every event exactly once,
// shows the reset and gap paths, lets go of its connection when the tab is hidden, and its wire
// inspector shows the WebSocket handshake and a decoded masked client frame.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Locator } from 'playwright-core';
import { request } from '../helpers/clients.ts';
import { launchChromium } from '../helpers/browser.ts';
import { startChildServer, type ChildServer } from '../helpers/server.ts';
import {
  TECHNIQUE_IDS as TECHNIQUES,
  technique as techniqueInfo,
  type TechniqueId,
} from '../../protocol/techniques.ts';
import {
  attrs,
  live,
  openWidgetPage,
  showWidget,
  WIDGET_TIMEOUT_MS,
  waitForWidget,
  type WidgetPage,
} from '../helpers/widgets.ts';

let server: ChildServer;
let browser: Browser;
let lab: WidgetPage;

before(async () => {
  // A faster tick than the default second: the same server, less waiting.
  server = await startChildServer({ TICK_MS: '400' });
  browser = await launchChromium();
  lab = await openWidgetPage(browser, `${server.base}/lab/`);
});

after(async () => {
  // The browser first: its open streams would otherwise hold the server's graceful shutdown.
  await browser?.close();
  server?.kill();
  await server?.exited;
});

const demo = (technique: string) => showWidget(lab.page, `[data-demo="${technique}"]`);

/** The counter shown under `label` (the same numbers a learner reads). */
const counter = async (widget: Locator, label: string) =>
  Number((await widget.locator('.w-counts div', { hasText: label }).locator('dd').textContent())?.replace(/\D+$/, ''));

/** Everything was received exactly once: from seq 1 (a fresh channel, read from the start) to the last. */
function assertExactlyOnce(a: Record<string, string>, technique: string) {
  assert.equal(a.lost, '0', `${technique}: events lost without notice`);
  assert.equal(a.duplicates, '0', `${technique}: duplicates`);
  assert.equal(a.received, a['last-seq'], `${technique}: received ${a.received} events for seqs 1..${a['last-seq']}`);
}

/**
 * The capture shows how the technique came back: EventSource's own reconnect carries Last-Event-ID;
 * the WebSocket client and the polling clients carry ?after= with a seq the demo had already received;
 * the fetch stream sends it in its POST body.
 */
async function assertResumedFromCursor(technique: TechniqueId, channel: string, seenBeforeCut: number) {
  const { entries } = (await request(server.base, `/api/lab/${channel.slice('lab-'.length)}/wire`)).json;
  const up = (kind: string): string[] =>
    entries.filter((e: any) => e.kind === kind && e.dir === 'up').map((e: any) => e.text);
  const info = techniqueInfo(technique);
  const cursors =
    info.method === 'POST'
      ? up('http-body').map((body) => Number(JSON.parse(body).after ?? NaN))
      : up('http-head').map((h) =>
          Number(
            (info.browserReconnects ? /\r\nLast-Event-ID: [\w-]+:(\d+)\r\n/i : /[?&]after=(\d+)/).exec(h)?.[1] ?? NaN,
          ),
        );
  assert.ok(
    cursors.some((seq) => seq >= seenBeforeCut),
    `${technique}: a request after the cut resumed from seq >= ${seenBeforeCut}: ${JSON.stringify(cursors)}`,
  );
}

describe('technique demos', () => {
  for (const technique of TECHNIQUES) {
    test(`${technique}: hydrates when visible, goes live and counts events`, async () => {
      const widget = await demo(technique);
      const a = await waitForWidget(widget, live(2), `${technique} live with 2 events`);
      assertExactlyOnce(a, technique);
      assert.ok((await counter(widget, 'Requests made')) >= 1);
      assert.ok((await counter(widget, 'Bytes received')) > 0);
      assert.match(
        (await widget.locator('svg[role="img"]').getAttribute('aria-label')) ?? '',
        /Timeline of the last 20 seconds: \d+ requests?\b/,
        'the timeline has a text summary',
      );
    });
  }

  for (const technique of TECHNIQUES) {
    test(`${technique}: cut the connection (by keyboard), recover, every event exactly once`, async () => {
      const widget = await demo(technique);
      const before = await waitForWidget(widget, live(2), `${technique} live`);
      const reconnectsBefore = await counter(widget, 'Reconnects');
      const cut = widget.getByRole('button', { name: 'Cut the connection' });
      await cut.focus();
      await lab.page.keyboard.press('Enter');
      // The client itself must see the connection go and come back: wait for that first, since events
      // already on their way (a poll answer carries several) may arrive before the cut takes effect.
      let reconnects = reconnectsBefore;
      for (const deadline = Date.now() + WIDGET_TIMEOUT_MS; reconnects <= reconnectsBefore && Date.now() < deadline; ) {
        await lab.page.waitForTimeout(50);
        reconnects = await counter(widget, 'Reconnects');
      }
      assert.ok(reconnects > reconnectsBefore, `${technique}: the client itself saw the connection go and came back`);
      const afterCut = await attrs(widget);
      await waitForWidget(
        widget,
        (a) => Number(a.received) >= Number(afterCut.received) + 3 && a.state === 'live',
        `${technique} to recover`,
      );
      await lab.page.waitForTimeout(500);
      const a = await attrs(widget);
      assertExactlyOnce(a, technique);
      // The server's own log agrees: it holds seqs 1 to at least the last one the demo shows, which the
      // demo received once each (received = last seq, no duplicate, no hole).
      const log = (await request(server.base, `/api/channels/${a.channel}/poll?after=0&limit=1000`)).json;
      assert.equal(log.events[0]?.seq, 1, `the log of ${a.channel} starts at 1`);
      assert.ok(
        log.cursor >= Number(a['last-seq']),
        `the server published ${log.cursor}, the demo saw up to ${a['last-seq']}`,
      );
      assert.match((await widget.locator('[role="status"]').textContent()) ?? '', /Recovered .* 0 lost, 0 duplicates/);
      await assertResumedFromCursor(technique, a.channel!, Number(before['last-seq']));
    });
  }

  test('sse: restart the server shows the reset path; delivery goes on with nothing lost', async () => {
    const widget = await demo('sse');
    const before = await waitForWidget(widget, live(2), 'sse live');
    await widget.getByRole('button', { name: 'Restart the server' }).click();
    const a = await waitForWidget(
      widget,
      (x) => x.state === 'live' && Number(x.received) >= Number(before.received) + 2 && (x['last-seq'] ?? '') !== '',
      'events of the new history',
    );
    assert.equal(await counter(widget, 'Resets'), 1);
    assert.equal(a.lost, '0');
    assert.equal(a.duplicates, '0');
    assert.ok(
      Number(a['last-seq']) <= Number(a.received) - Number(before.received),
      `the new history counts from 1 again (last seq ${a['last-seq']})`,
    );
  });

  test('long-poll: falling too far behind shows the gap path, announced, not silent', async () => {
    const widget = await demo('long-poll');
    const before = await waitForWidget(widget, live(2), 'long-poll live');
    await widget.getByRole('button', { name: 'Fall too far behind' }).click();
    const a = await waitForWidget(
      widget,
      (x) => x.state === 'live' && Number(x.received) >= Number(before.received) + 1000,
      'the retained events after the gap',
    );
    assert.ok(
      Number(
        (await widget.locator('.w-counts div', { hasText: 'Gaps announced' }).locator('dd').textContent())?.split(
          ' ',
        )[0],
      ) >= 5,
      'at least 5 missed, announced',
    );
    assert.equal(a.lost, '0', 'every hole was announced by the server');
    assert.equal(a.duplicates, '0');
  });

  test("a hidden tab closes the demo's connection; visible again, it resumes from its cursor", async () => {
    const widget = await demo('sse');
    await waitForWidget(widget, live(1), 'sse live');
    const channel = (await attrs(widget)).channel!;
    const labId = channel.slice('lab-'.length);
    const setHidden = (hidden: boolean) =>
      lab.page.evaluate((h) => {
        Object.defineProperty(document, 'hidden', { configurable: true, get: () => h });
        document.dispatchEvent(new Event('visibilitychange'));
      }, hidden);
    await setHidden(true);
    await waitForWidget(widget, (a) => a.state === 'idle', 'idle while hidden');
    let held = -1;
    for (let i = 0; i < 50 && held !== 0; i++) {
      held = (await request(server.base, `/api/lab/${labId}/connections`)).json.live;
      if (held !== 0) await lab.page.waitForTimeout(100);
    }
    assert.equal(held, 0, 'the server holds no connection of the hidden demo');
    const hiddenAt = await attrs(widget);
    await lab.page.waitForTimeout(1500);
    await setHidden(false);
    const a = await waitForWidget(
      widget,
      (x) => x.state === 'live' && Number(x.received) > Number(hiddenAt.received) + 2,
      'live again',
    );
    assert.equal(a.lost, '0', 'the events published while hidden were replayed');
    assert.equal(a.duplicates, '0');
  });

  test('websocket wire inspector: the 101 handshake with the accept value recomputed, and a decoded masked client frame', async () => {
    const widget = await demo('websocket');
    await waitForWidget(widget, live(1), 'websocket live');
    const inspector = widget.locator('[data-inspector="websocket"]');
    await inspector.locator('summary').click();
    await widget.getByRole('button', { name: 'Send a message up the socket' }).click();
    const handshake = inspector.locator('.w-handshake[data-accept-match="true"]');
    await handshake.waitFor({ timeout: 10_000 });
    assert.match((await handshake.textContent()) ?? '', /HTTP\/1\.1 101 Switching Protocols/);
    const upFrame = inspector.locator('li[data-kind="ws-frame"][data-dir="up"][data-masked="true"]', {
      hasText: 'sent by you over the WebSocket',
    });
    await upFrame.first().waitFor({ timeout: 10_000 });
    const text = (await upFrame.first().textContent()) ?? '';
    assert.match(text, /MASK\s*1/);
    assert.match(text, /masking key\s*[0-9a-f]{8}/, 'the 4-byte key the browser chose');
    assert.match(text, /opcode\s*0x1 \(text\)/);
    assert.match(text, /"type":"publish"/, 'the payload, unmasked by the server');
    const downFrame = inspector.locator('li[data-kind="ws-frame"][data-dir="down"]').first();
    assert.match((await downFrame.textContent()) ?? '', /MASK\s*0/, 'server frames are not masked');
    assert.match((await inspector.locator('.w-bytes').textContent()) ?? '', /per event received/);
  });

  test('sse wire inspector: the raw text/event-stream as it arrived', async () => {
    const widget = await demo('sse');
    const inspector = widget.locator('[data-inspector="sse"]');
    await inspector.locator('summary').click();
    await inspector
      .locator('li[data-kind="http-head"][data-dir="down"]', { hasText: 'Content-Type: text/event-stream' })
      .first()
      .waitFor({ timeout: 10_000 });
    await inspector
      .locator('li[data-kind="http-body"]', { hasText: /id: [\w-]+:\d+\s+data: \{"seq"/ })
      .first()
      .waitFor({ timeout: 10_000 });
  });

  test('no widget threw in the page', () => {
    assert.deepEqual(lab.errors, []);
  });
});
