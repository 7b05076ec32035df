// The introduction's teaser in real Chromium against the real server: every technique reads the same
// channel at once, each counts every event exactly once, the figures tell the techniques apart (one
// request for a whole stream, batches and lag for short polling), a new polling interval reopens polling
// without a hole, and a hidden tab or Stop lets go of every connection at the server, then resumes.
import {
  holdsOneConnection,
  TECHNIQUE_IDS,
  type TechniqueId,
  technique as techniqueInfo,
} from '../../protocol/techniques.ts';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Locator } from 'playwright-core';
import { launchChromium } from '../helpers/browser.ts';
import { request } from '../helpers/clients.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import {
  attrs,
  openWidgetPage,
  showWidget,
  waitForWidget,
  WIDGET_TIMEOUT_MS,
  type WidgetPage,
} from '../helpers/widgets.ts';

const TECHNIQUES = TECHNIQUE_IDS;
type Technique = TechniqueId;
/** The techniques that hold a connection (or a request) while nothing happens. */
const HELD = TECHNIQUES.filter((t) => techniqueInfo(t).heldByServer);
/** The technique that asks on a timer: its figures show lag and a new interval. */
const POLLED = TECHNIQUES.find((t) => techniqueInfo(t).connection === 'request-per-answer')!;
/** The technique that holds each request until there is news. */
const LONG_POLLED = TECHNIQUES.find((t) => techniqueInfo(t).connection === 'held-request')!;

let server: TestServer;
let browser: Browser;
let intro: WidgetPage;
let teaser: Locator;

before(async () => {
  // A faster ticker than the default second: the same behaviour, less waiting.
  server = await startTestServer({ TICK_MS: 400 });
  browser = await launchChromium();
  // The home page's copy of the teaser: the introduction's waits for a prediction first
  // (tests/e2e/predict-first.test.ts), the home page's runs as soon as it is seen.
  intro = await openWidgetPage(browser, `${server.base}/`);
  teaser = await showWidget(intro.page, '[data-demo="teaser"]');
});

after(async () => {
  // The browser first: its open streams would otherwise hold the server's graceful shutdown.
  await browser?.close();
  await server?.close();
});

type Column = Record<string, string>;

/** Every figure of every column, read from the table as a learner sees it (data-* of each cell). */
async function columns(): Promise<Record<Technique, Column>> {
  const byIndex = await teaser.evaluate((root) => {
    const out: Record<string, string>[] = [];
    for (const row of root.querySelectorAll('tbody tr')) {
      row.querySelectorAll('td').forEach((cell, i) => {
        out[i] ??= {};
        for (const a of cell.attributes) if (a.name.startsWith('data-')) out[i]![a.name.slice(5)] = a.value;
        out[i]![`text:${row.querySelector('th')?.textContent}`] = cell.textContent ?? '';
      });
    }
    return out;
  });
  return Object.fromEntries(TECHNIQUES.map((t, i) => [t, byIndex[i]!])) as Record<Technique, Column>;
}

async function waitForColumns(
  check: (c: Record<Technique, Column>) => boolean,
  what: string,
): Promise<Record<Technique, Column>> {
  const started = Date.now();
  let last = await columns();
  while (Date.now() - started < WIDGET_TIMEOUT_MS) {
    if (check(last)) return last;
    await intro.page.waitForTimeout(150);
    last = await columns();
  }
  throw new Error(`timed out waiting for ${what}: ${JSON.stringify(last)}`);
}

const everyColumn = (check: (c: Column) => boolean) => (all: Record<Technique, Column>) =>
  TECHNIQUES.every((t) => check(all[t]));
const liveWith = (min: number) => everyColumn((c) => c.state === 'live' && Number(c.received) >= min);

function assertExactlyOnce(all: Record<Technique, Column>) {
  for (const t of TECHNIQUES) {
    assert.equal(all[t].lost, '0', `${t}: events lost without notice`);
    assert.equal(all[t].duplicates, '0', `${t}: duplicates`);
  }
}

/** Held connections open at the server now, per technique (the contract's /metrics gauge). */
async function openAtServer(): Promise<Record<string, number>> {
  const text = (await request(server.base, '/metrics')).text;
  return Object.fromEntries(
    [...text.matchAll(/^realtime_open_connections\{technique="([a-z-]+)"\} (\d+)$/gm)].map((m) => [
      m[1]!,
      Number(m[2]),
    ]),
  );
}

async function waitForNothingHeld(what: string) {
  let held: Record<string, number> = {};
  for (let i = 0; i < 100; i++) {
    held = await openAtServer();
    if (Object.values(held).every((n) => n === 0)) return;
    await intro.page.waitForTimeout(100);
  }
  assert.fail(`${what}: the server still holds connections: ${JSON.stringify(held)}`);
}

describe('the introduction teaser', () => {
  test('hydrates when visible and every column goes live on the same channel, each event exactly once', async () => {
    await waitForWidget(teaser, (a) => a.state === 'live', 'the teaser live');
    const all = await waitForColumns(liveWith(5), 'five events in every column');
    assertExactlyOnce(all);
    assert.equal(
      Number((await attrs(teaser)).received),
      TECHNIQUES.reduce((n, t) => n + Number(all[t].received), 0),
      'data-received counts every column',
    );
    // Every technique really used the server: the gauge shows the held ones while they run.
    const held = await openAtServer();
    for (const t of HELD) assert.ok(held[t]! <= 1, `${t}: at most one held connection: ${JSON.stringify(held)}`);
    for (const t of TECHNIQUES.filter(holdsOneConnection))
      assert.equal(held[t], 1, `the ${techniqueInfo(t).name} column holds one connection`);
  });

  test('the figures tell the techniques apart: one request per stream, a request per long-poll answer, lag for short polling', async () => {
    const all = await waitForColumns(liveWith(8), 'eight events in every column');
    assert.equal(all.sse.requests, '1', 'SSE: one request, however many events');
    assert.equal(all.websocket.requests, '1', 'WebSocket: one handshake, however many events');
    assert.equal(all.sse['text:Empty answers'], 'none');
    assert.ok(
      Number(all[LONG_POLLED].requests) >= 2,
      `long polling asks again after every answer: ${all[LONG_POLLED].requests} requests`,
    );
    assert.ok(Number(all[POLLED].requests) >= 2, `short polling asks on its timer: ${all[POLLED].requests} requests`);
    // Every column shows a measured lag. Short polling (2 s interval, a tick every 400 ms) gets several
    // events per answer, all but the newest seen earlier by the streams, so its lag cannot be 0.
    for (const t of TECHNIQUES) assert.match(all[t]['lag-ms'] ?? '', /^\d+$/, `${t}: a lag figure`);
    assert.ok(
      Number(all[POLLED]['lag-ms']) > 0,
      `short polling lags behind the first arrival: ${all[POLLED]['lag-ms']} ms`,
    );
  });

  test('a new polling interval reopens polling alone, from its cursor: nothing lost', async () => {
    const before = await waitForColumns(liveWith(3), 'live');
    await teaser.getByLabel('Polling interval').selectOption('500');
    await waitForWidget(teaser, (a) => a.interval === '500', 'the interval set to 500 ms');
    const all = await waitForColumns(
      (c) => c[POLLED].state === 'live' && Number(c[POLLED].received) >= Number(before[POLLED].received) + 5,
      'five more polling events at the new interval',
    );
    assertExactlyOnce(all);
    assert.equal(all.sse.requests, '1', 'the other columns kept their connections');
    assert.equal(all.websocket.requests, '1', 'the other columns kept their connections');
  });

  test('a hidden tab closes every connection at the server; visible again, each resumes after its last event', async () => {
    await waitForColumns(liveWith(3), 'live');
    const setHidden = (hidden: boolean) =>
      intro.page.evaluate((h) => {
        Object.defineProperty(document, 'hidden', { configurable: true, get: () => h });
        document.dispatchEvent(new Event('visibilitychange'));
      }, hidden);
    await setHidden(true);
    await waitForWidget(teaser, (a) => a.state === 'idle', 'idle while hidden');
    await waitForNothingHeld('hidden tab');
    const hidden = await columns();
    // Events go on being published meanwhile; each column must get them when it comes back.
    await intro.page.waitForTimeout(1500);
    await setHidden(false);
    const all = await waitForColumns(
      (c) => TECHNIQUES.every((t) => c[t].state === 'live' && Number(c[t].received) >= Number(hidden[t].received) + 5),
      'every column live again with the events published while hidden',
    );
    assertExactlyOnce(all);
  });

  test('Stop (by keyboard) lets go of every connection; Start resumes without a hole', async () => {
    await waitForColumns(liveWith(3), 'live');
    const button = teaser.getByRole('button', { name: 'Stop' });
    await button.focus();
    await intro.page.keyboard.press('Enter');
    await waitForWidget(teaser, (a) => a.state === 'idle', 'stopped');
    await waitForNothingHeld('after Stop');
    const stopped = await columns();
    await teaser.getByRole('button', { name: 'Start' }).click();
    const all = await waitForColumns(
      (c) => TECHNIQUES.every((t) => c[t].state === 'live' && Number(c[t].received) >= Number(stopped[t].received) + 3),
      'every column live again after Start',
    );
    assertExactlyOnce(all);
    assert.deepEqual(intro.errors, [], 'no uncaught error in the page');
  });
});
