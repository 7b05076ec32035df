// The race on the comparison lesson, in real Chromium against the real server process: a 10-second
// race at 5 events/s ends with every technique at lost = duplicates = 0, the polling client's request
// count consistent with its interval, bytes per event ordered as the framing predicts, the table
// filled, the chart loaded only once the race started, and the run exported. Then a race with a cut
// and a restart: every technique comes back, with nothing lost silently and nothing repeated.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { TECHNIQUE_IDS, TECHNIQUES, type Technique, type TechniqueId, technique } from '../../protocol/techniques.ts';
import { launchChromium } from '../helpers/browser.ts';
import { startChildServer, type ChildServer } from '../helpers/server.ts';
import { attrs, openWidgetPage, showWidget, waitForWidget } from '../helpers/widgets.ts';

const ids = (keep: (t: Technique) => boolean): TechniqueId[] => TECHNIQUES.filter(keep).map((t) => t.id);
/** The techniques among `list` that the source post compares: only their cells judge a claim. */
const judged = (list: readonly TechniqueId[]) => list.filter((id) => technique(id).inSourcePost);
/** The techniques that hold a connection open, which every cut drops. */
const HELD = ids((t) => t.heldByServer);
/** Short polling: one request per interval, and nothing held between two of them. */
const POLLED = ids((t) => t.connection === 'request-per-answer');
/** One request for the whole race (an event stream, a WebSocket) while nothing breaks it. */
const PERSISTENT = ids((t) => t.connection === 'persistent');
const onWire = (wire: Technique['wire']) => ids((t) => t.wire === wire);
/** Bytes per event at 10-byte payloads, cheapest first: a frame header < SSE lines + chunk framing < an HTTP exchange. */
const WIRES_BY_COST = [
  'websocket-frames',
  'event-stream',
  'json-answers',
] as const satisfies readonly Technique['wire'][];
/** A 10 s race, its lead, the slowest technique's catch-up and the final byte count, on a busy machine. */
const RACE_TIMEOUT_MS = 60_000;

let server: ChildServer;
let browser: Browser;

let stopping = false;

before(async () => {
  server = await startChildServer();
  // A server that dies under a race is the failure to explain: say so, with what it printed.
  void server.exited.then((code) => {
    if (!stopping) console.error(`the server exited during the race tests (${code}):\n${server.output()}`);
  });
  browser = await launchChromium();
});

after(async () => {
  stopping = true;
  // The browser first: its open streams would otherwise hold the server's graceful shutdown.
  await browser?.close();
  server?.kill();
  await server?.exited;
});

interface Row {
  delivered: number;
  lost: number;
  announced: number;
  duplicates: number;
  requests: number;
  empty: number | null;
  connections: number;
  reconnects: number;
  resets: number;
  bytesPerEvent: number;
}

/** The live table's column of one technique: its header carries the figures as data-* attributes. */
const column = (widget: Locator, t: string) => widget.locator(`.w-race-table th[data-technique="${t}"]`);

async function rows(widget: Locator): Promise<Record<TechniqueId, Row>> {
  const out: Partial<Record<TechniqueId, Row>> = {};
  for (const t of TECHNIQUE_IDS) {
    const a = await attrs(column(widget, t));
    out[t] = {
      delivered: Number(a.delivered),
      lost: Number(a.lost),
      announced: Number(a['announced-loss']),
      duplicates: Number(a.duplicates),
      requests: Number(a.requests),
      empty: a.empty === '' ? null : Number(a.empty),
      connections: Number(a.connections),
      reconnects: Number(a.reconnects),
      resets: Number(a.resets),
      bytesPerEvent: Number(a['bytes-per-event']),
    };
  }
  return out as Record<TechniqueId, Row>;
}

async function openRace(query: string): Promise<{ page: Page; widget: Locator; errors: string[]; requests: string[] }> {
  const { page, errors } = await openWidgetPage(browser, `${server.base}/lessons/comparison/?${query}`);
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  const widget = await showWidget(page, '[data-demo="race"]');
  await widget
    .getByRole('button', { name: 'Start the race' })
    .and(widget.locator(':enabled'))
    .waitFor({ timeout: 20_000 });
  return { page, widget, errors, requests };
}

const verdict = (widget: Locator, row: string, technique: string) =>
  widget.locator(`tr[data-row="${row}"] td[data-technique="${technique}"]`).getAttribute('data-verdict');

describe('the race on the comparison lesson', () => {
  test('a 10 s race at 5 events/s: nothing lost or repeated, polling paced by its interval, bytes ordered by framing; table, chart and export', async () => {
    const { page, widget, errors, requests } = await openRace('rate=5&interval=1000&payload=10&duration=10000');
    // The shared link's settings are the ones on screen.
    assert.equal(await widget.getByLabel('Event rate').inputValue(), '5');
    assert.equal(await widget.getByLabel('Payload').inputValue(), '10');
    assert.ok(
      !requests.some((u) => /uPlot|\/chart\.[\w-]+\.js/.test(u)),
      'the chart library is not loaded before the race',
    );

    await widget.getByRole('button', { name: 'Start the race' }).click();
    await waitForWidget(widget, (a) => a.phase === 'racing', 'the race to start');
    await widget.locator('.w-race-plot canvas').first().waitFor({ timeout: 20_000 });
    assert.ok(
      requests.some((u) => /\/chart\.[\w-]+\.js/.test(u)),
      'the chart module came with the race',
    );
    await waitForWidget(widget, (a) => a.phase === 'done' || a.phase === 'error', 'the race to end', RACE_TIMEOUT_MS);
    assert.equal(
      (await attrs(widget)).phase,
      'done',
      (await widget.locator('[role="status"]').first().textContent()) ?? '',
    );

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      widget.getByRole('button', { name: 'Download the run (JSON)' }).click(),
    ]);
    const run = JSON.parse(await readFile((await download.path())!, 'utf8'));
    assert.equal(run.format, 'realtime-lab-race/2');
    assert.equal(run.race.planned, 50);
    assert.equal(run.race.published, 50);
    assert.deepEqual(run.faults, []);

    const r = await rows(widget);
    for (const t of TECHNIQUE_IDS) {
      assert.equal(r[t].delivered, 50, `${t}: every published event delivered`);
      assert.equal(r[t].lost, 0, `${t}: lost`);
      assert.equal(r[t].announced, 0, `${t}: no gap or reset in a race without faults`);
      assert.equal(r[t].duplicates, 0, `${t}: duplicates`);
      assert.equal(run.techniques[t].delivered, r[t].delivered, `${t}: the export says what the table says`);
      assert.ok(run.techniques[t].latency.p50 !== null, `${t}: latency measured`);
    }

    // Polling: one request per interval (plus the round trip) while the clients were open.
    const windowMs = run.windowMs;
    const fewest = Math.floor(windowMs / (1000 + 250));
    const most = Math.ceil(windowMs / 1000) + 1;
    assert.ok(POLLED.length > 0, 'the registry has a technique that polls');
    for (const t of POLLED) {
      assert.ok(
        r[t].requests >= fewest && r[t].requests <= most,
        `${t} made ${r[t].requests} requests in ${windowMs} ms at a 1 s interval (expected ${fewest}–${most})`,
      );
      assert.equal(
        r[t].requests,
        run.techniques[t].requestsSeenByPage,
        `${t}: the server counted the requests the page made, no more`,
      );
      assert.ok(
        r[t].connections < r[t].requests,
        `${t}: keep-alive, ${r[t].requests} polls over ${r[t].connections} connections`,
      );
    }
    for (const t of PERSISTENT) assert.equal(r[t].requests, 1, `${t}: one request for the whole race`);

    // Per delivered event at 10-byte payloads: a frame header < SSE lines + chunk framing < an HTTP exchange.
    const b = Object.fromEntries(TECHNIQUE_IDS.map((t) => [t, r[t].bytesPerEvent]));
    assert.deepEqual(
      TECHNIQUES.filter((t) => !(WIRES_BY_COST as readonly string[]).includes(t.wire)).map((t) => t.id),
      [],
      'every wire is ranked',
    );
    for (let i = 1; i < WIRES_BY_COST.length; i++) {
      const cheaper = onWire(WIRES_BY_COST[i - 1]!);
      const dearer = onWire(WIRES_BY_COST[i]!);
      assert.ok(
        Math.max(...cheaper.map((t) => b[t]!)) < Math.min(...dearer.map((t) => b[t]!)),
        `per event, ${cheaper.map((t) => `${t} ${b[t]} B`).join(', ')} < ${dearer.map((t) => `${t} ${b[t]} B`).join(', ')}`,
      );
    }
    console.log(
      `[race] bytes per event: ${JSON.stringify(b)}; ${POLLED.map((t) => `${t} ${r[t].requests} requests over ${r[t].connections} connections`).join(', ')} in ${windowMs} ms; latency p50 ${TECHNIQUE_IDS.map((t) => `${t} ${run.techniques[t].latency.p50.toFixed(1)} ms`).join(', ')}`,
    );

    // The table: every row, every technique, a verdict; the ones these numbers settle.
    assert.equal(await widget.locator('tr[data-row] td[data-verdict]').count(), 7 * TECHNIQUES.length);
    // A technique the post does not compare has no claim to judge: its cells show the evidence alone.
    for (const t of TECHNIQUES.filter((x) => !x.inSourcePost))
      for (const row of ['protocol', 'connections', 'error-handling'])
        assert.equal(await verdict(widget, row, t.id), 'measured', `${t.id}: ${row}, not in the post`);
    // The WebSocket handshake is HTTP: the post's "TCP" is corrected; its "built-in mechanism" for errors too (no reconnection).
    for (const t of judged(onWire('websocket-frames'))) {
      assert.equal(await verdict(widget, 'protocol', t), 'corrected', `${t}: protocol`);
      assert.equal(await verdict(widget, 'error-handling', t), 'corrected', `${t}: error handling`);
    }
    // Keep-alive: many polls over few connections corrects "a new connection per request".
    for (const t of judged(POLLED))
      assert.equal(await verdict(widget, 'connections', t), 'corrected', `${t}: connections`);
    for (const t of judged(PERSISTENT))
      assert.equal(await verdict(widget, 'connections', t), 'confirmed', `${t}: one connection, no fault`);
    assert.deepEqual(
      run.table.map((row: { id: string }) => row.id),
      ['direction', 'protocol', 'difficulty', 'connections', 'scalability', 'browser-support', 'error-handling'],
    );

    const summary = (await widget.locator('.w-race-summary').textContent()) ?? '';
    assert.match(summary, /5 events\/s for 10 s, 10 B of data per event, polling every 1 s; no fault injected\./);
    assert.match(
      summary,
      new RegExp(
        `Run it yourself: ${server.base.replace(/[.]/g, '\\.')}/lessons/comparison/\\?rate=5&payload=10&duration=10000&interval=1000#race`,
      ),
    );

    // Racing again starts from nothing: a lab of its own, so the server's counts are this race's alone.
    await widget.getByLabel('Duration').selectOption('5000');
    await widget.getByRole('button', { name: 'Race again' }).click();
    await waitForWidget(
      widget,
      (a) => a.phase === 'done' || a.phase === 'error',
      'the second race to end',
      RACE_TIMEOUT_MS,
    );
    const again = await rows(widget);
    for (const t of TECHNIQUE_IDS)
      assert.deepEqual(
        [again[t].delivered, again[t].lost, again[t].duplicates],
        [25, 0, 0],
        `${t}: the second race alone`,
      );
    for (const t of PERSISTENT)
      assert.equal(again[t].requests, 1, `${t}: the first race's connection is not counted again`);
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  test('cut and restart during a race: the held connections come back, every technique reads the new history, nothing lost silently or repeated', async () => {
    const { page, widget, errors } = await openRace('rate=5&interval=500&payload=100&duration=10000');
    await widget.getByRole('button', { name: 'Start the race' }).click();
    const liveAll = async () => {
      for (const t of TECHNIQUE_IDS)
        await waitForWidget(
          column(widget, t),
          (a) => a.state === 'live' && Number(a.delivered) >= 3,
          `${t} live with events`,
        );
    };
    await liveAll();
    await widget.getByRole('button', { name: 'Cut all connections' }).click();
    // A poll between two requests holds no connection, so a cut may not touch it at all.
    for (const t of HELD)
      await waitForWidget(column(widget, t), (a) => Number(a.reconnects) >= 1, `${t} to notice the cut and reconnect`);
    await liveAll();
    await widget.getByRole('button', { name: 'Restart the server (new epoch)' }).click();
    await waitForWidget(widget, (a) => a.phase === 'done' || a.phase === 'error', 'the race to end', RACE_TIMEOUT_MS);
    assert.equal((await attrs(widget)).phase, 'done');

    const r = await rows(widget);
    for (const t of TECHNIQUE_IDS) {
      assert.equal(r[t].lost, 0, `${t}: nothing lost without the server saying so`);
      assert.equal(r[t].duplicates, 0, `${t}: nothing delivered twice`);
      assert.equal(r[t].resets, 1, `${t}: told once that the history it read was gone`);
      assert.ok(
        r[t].delivered > 0 && r[t].delivered + r[t].announced === 50,
        `${t}: ${r[t].delivered} delivered + ${r[t].announced} gone with the restart (announced) = the 50 published`,
      );
    }
    for (const t of HELD)
      assert.ok(
        r[t].reconnects >= 2,
        `${t}: came back after the cut and after the restart (${r[t].reconnects} reconnects)`,
      );
    for (const t of judged(onWire('websocket-frames')))
      assert.equal(await verdict(widget, 'error-handling', t), 'corrected', `${t}: error handling`);
    // EventSource reconnects by itself; a fetch stream's client does it with its own code.
    for (const t of ids((x) => x.browserReconnects))
      assert.match(
        (await widget.locator(`tr[data-row="error-handling"] td[data-technique="${t}"]`).textContent()) ?? '',
        /reconnected by itself/,
        `${t}: error handling`,
      );
    const summary = (await widget.locator('.w-race-summary').textContent()) ?? '';
    assert.match(summary, /cut at \d+\.\d s, restart at \d+\.\d s/);
    assert.deepEqual(errors, []);
    await page.context().close();
  });
});
