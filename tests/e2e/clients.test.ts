// The browser clients of src/client/, exactly as the widgets run them (openFeed, bundled for the browser),
// in real Chromium on a page of the real site, against the real server. For every technique of the
// registry, one lab and one feed on the lab's private channel, broken on purpose through the lab API, and
// checked for what a learner would notice: events in order and each once; after a cut the client comes
// back by itself and resumes from its cursor; after a provoked gap it says so and carries on; after a lab
// restart it says reset (with the new epoch) and delivers the new history from its start; close() stops
// it, the server holds nothing for it any more, and it asks for nothing again.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { build } from 'esbuild';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  labChannel,
  type CutAnswer,
  type GapAnswer,
  type LabConnections,
  type RestartAnswer,
} from '../../protocol/lab.ts';
import { TECHNIQUE_IDS, type TechniqueId } from '../../protocol/techniques.ts';
import type { OpenFeedOptions } from '../../src/client/open-feed.ts';
import { launchChromium } from '../helpers/browser.ts';
import { request, sleep } from '../helpers/clients.ts';
import { projectRoot, startTestServer, type TestServer } from '../helpers/server.ts';

/** The lab channel ticks this often: about ten events a second, so every phase is quick. */
const TICK_MS = 100;
/** Small, so that a provoked gap (RETENTION + 5 publishes) is cheap. */
const RETENTION = 50;
/** Above the lab's 300 ms refusal window after a cut, as the clients' own retries are. */
const SSE_RETRY_MS = 500;
/** Short polling: time between two requests (the widgets' default, 2 s, would only slow the test). */
const POLL_INTERVAL_MS = 200;
/** A bound for every wait: far above what any phase needs, so a time-out means a broken client. */
const WAIT_MS = 15_000;
/**
 * "Asks for nothing after close()" can only be checked over a span of time. The span is counted in the
 * server's own ticks and is twice the longest pause any client makes between two requests on its own
 * (the poll interval, the SSE retry, the first WebSocket backoff of at most 1 s): a client still running
 * would have asked at least once during it.
 */
const QUIET_TICKS = Math.ceil((2 * Math.max(POLL_INTERVAL_MS, SSE_RETRY_MS, 1000)) / TICK_MS);

/** What the page records from the client's callbacks, in the order they were called. */
type Entry =
  | { kind: 'event'; seq: number }
  | { kind: 'gap'; missed: number }
  | { kind: 'reset'; epoch: string | undefined }
  | { kind: 'reconnect'; count: number }
  | { kind: 'state'; state: string; detail: string | undefined };

/** What the test reads back from the page. */
interface Snapshot {
  log: Entry[];
  /** URLs of every fetch, EventSource and WebSocket the page's code created, in order. */
  made: string[];
  /** `made.length` when close() returned, once it has been called. */
  madeAtClose: number | undefined;
  epoch: string | undefined;
  reconnects: number;
}

/** The page's globals this test adds: the bundled module, and one feed with its records. */
interface PageGlobals {
  realtime: typeof import('../../src/client/open-feed.ts');
  harness: {
    log: Entry[];
    made: string[];
    madeAtClose: number | undefined;
    client: ReturnType<typeof import('../../src/client/open-feed.ts').openFeed>;
  };
}

let server: TestServer;
let browser: Browser;
/** src/client/open-feed.ts and everything it imports, as one ES module for the browser. */
let bundle: string;

before(async () => {
  const built = await build({
    entryPoints: [join(projectRoot, 'src/client/open-feed.ts')],
    bundle: true,
    format: 'esm',
    write: false,
    platform: 'browser',
  });
  bundle = built.outputFiles[0]!.text;
  server = await startTestServer({ TICK_MS, RETENTION, SSE_RETRY_MS });
  browser = await launchChromium();
});

after(async () => {
  // Browser first: an open EventSource would otherwise hold the server's shutdown.
  await browser?.close();
  await server?.close();
});

type Of<K extends Entry['kind']> = Extract<Entry, { kind: K }>;
const events = (log: readonly Entry[]) => log.filter((e): e is Of<'event'> => e.kind === 'event');
const notices = (log: readonly Entry[]) =>
  log.filter((e): e is Of<'gap'> | Of<'reset'> => e.kind === 'gap' || e.kind === 'reset');
/** The entries after the last one of `kind` (all of them when there is none). */
function since(log: readonly Entry[], kind: Entry['kind']): Entry[] {
  for (let i = log.length - 1; i >= 0; i--) if (log[i]!.kind === kind) return log.slice(i + 1);
  return [...log];
}

/** What the client last said about its connection ('connecting', 'live' or 'error'). */
const lastState = (log: readonly Entry[]) => log.findLast((e): e is Of<'state'> => e.kind === 'state')?.state;

/**
 * The one property every phase keeps: the feed started at `after: 0` on a fresh channel, so its events
 * are 1, 2, 3, … with nothing lost and nothing repeated, except where the client was told otherwise: a
 * gap of `missed` skips exactly that many, and a reset starts the new history again at 1 (the retention
 * is not reached so soon after a restart, so the new history's oldest event is its first).
 */
function assertInOrder(log: readonly Entry[], technique: TechniqueId): void {
  let next = 1;
  for (const [i, entry] of log.entries()) {
    if (entry.kind === 'gap') next += entry.missed;
    else if (entry.kind === 'reset') next = 1;
    else if (entry.kind === 'event') {
      if (entry.seq !== next) {
        const around = log
          .slice(Math.max(0, i - 5), i + 2)
          .map((e) => JSON.stringify(e))
          .join(' ');
        assert.fail(`${technique}: expected seq ${next}, got ${entry.seq} (entry ${i}): … ${around}`);
      }
      next = entry.seq + 1;
    }
  }
}

async function snapshot(page: Page): Promise<Snapshot> {
  return page.evaluate(() => {
    const { harness } = globalThis as unknown as PageGlobals;
    return {
      log: harness.log,
      made: harness.made,
      madeAtClose: harness.madeAtClose,
      epoch: harness.client.epoch,
      reconnects: harness.client.reconnects,
    };
  });
}

/** Waits (bounded) until `check` holds for what the page recorded; on time-out, says what it had. */
async function untilPage(page: Page, check: (s: Snapshot) => boolean, what: string): Promise<Snapshot> {
  const started = Date.now();
  for (;;) {
    const s = await snapshot(page);
    if (check(s)) return s;
    if (Date.now() - started > WAIT_MS) {
      const tail = s.log
        .slice(-12)
        .map((e) => JSON.stringify(e))
        .join(' ');
      throw new Error(`timed out after ${WAIT_MS} ms waiting for ${what}; the last entries: ${tail}`);
    }
    await sleep(50);
  }
}

/** The same for something the server says. */
async function untilServer<T>(read: () => Promise<T>, check: (v: T) => boolean, what: string): Promise<T> {
  const started = Date.now();
  for (;;) {
    const v = await read();
    if (check(v)) return v;
    if (Date.now() - started > WAIT_MS)
      throw new Error(`timed out after ${WAIT_MS} ms waiting for ${what}: ${JSON.stringify(v)}`);
    await sleep(50);
  }
}

for (const technique of TECHNIQUE_IDS) {
  describe(`${technique}: the browser client against the real server`, () => {
    const lab = randomBytes(16).toString('hex');
    const channel = labChannel(lab);
    let context: BrowserContext;
    let page: Page;
    const pageErrors: string[] = [];

    const labPost = async <T>(action: string): Promise<T> => {
      const res = await request(server.base, `/api/lab/${lab}/${action}`, { method: 'POST' });
      assert.equal(res.status, 200, `POST /api/lab/…/${action}: ${res.text}`);
      return res.json as T;
    };
    const connections = async () => (await request(server.base, `/api/lab/${lab}/connections`)).json as LabConnections;
    /** The lab channel's head, read without the lab tag, so the lab's own counts stay the client's. */
    const head = async () => (await request(server.base, `/api/channels/${channel}/poll`)).json.cursor as number;

    before(async () => {
      // The site's pages carry a CSP whose script-src lists the hashes of exactly their own inline
      // scripts (api/security.ts), so Chromium would refuse the bundle this test injects. bypassCSP
      // lifts that for the test's context only; the clients then talk to the page's own origin, which
      // the page's connect-src allows anyway.
      context = await browser.newContext({ bypassCSP: true });
      page = await context.newPage();
      page.on('pageerror', (err) => pageErrors.push(err.message));
      const answer = await page.goto(`${server.base}/api-reference/`, { waitUntil: 'load' });
      assert.equal(answer?.status(), 200);

      const options: OpenFeedOptions = { channel, lab, after: 0, intervalMs: POLL_INTERVAL_MS };
      await page.evaluate(
        async ({ code, technique, options }) => {
          const w = globalThis as unknown as PageGlobals;
          // Every request the page's code starts, counted where it starts, so that "nothing after
          // close()" is exact. The wrappers only count, then hand over to the browser's own.
          const made: string[] = [];
          const realFetch = globalThis.fetch;
          globalThis.fetch = (input, init) => {
            made.push(input instanceof Request ? input.url : String(input));
            return realFetch(input, init);
          };
          globalThis.EventSource = class extends EventSource {
            constructor(url: string | URL, init?: EventSourceInit) {
              made.push(String(url));
              super(url, init);
            }
          };
          globalThis.WebSocket = class extends WebSocket {
            constructor(url: string | URL, protocols?: string | string[]) {
              made.push(String(url));
              super(url, protocols);
            }
          };

          const url = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
          w.realtime = await import(url);
          URL.revokeObjectURL(url);

          const log: Entry[] = [];
          const client = w.realtime.openFeed(technique, {
            ...options,
            onEvent: (e) => log.push({ kind: 'event', seq: e.seq }),
            onGap: (g) => log.push({ kind: 'gap', missed: g.missed }),
            onReset: (r) => log.push({ kind: 'reset', epoch: r.epoch }),
            onReconnect: (count) => log.push({ kind: 'reconnect', count }),
            onState: (state, detail) => log.push({ kind: 'state', state, detail }),
          });
          w.harness = { log, made, madeAtClose: undefined, client };
        },
        { code: bundle, technique, options },
      );
    });

    after(async () => {
      await context?.close();
    });

    it('events arrive in order, each seq exactly once', async () => {
      const s = await untilPage(page, (s) => events(s.log).length >= 5, 'five events');
      assertInOrder(s.log, technique);
      assert.deepEqual(notices(s.log), [], 'a fresh channel read from 0: no gap, no reset');
      assert.equal(s.reconnects, 0);
    });

    it('after a cut it reconnects by itself and resumes from its cursor, nothing lost or repeated', async (t) => {
      const before = await snapshot(page);
      const cut = await labPost<CutAnswer>('cut');
      // With nothing in flight (short polling between two requests) the cut waits for the next request.
      assert.ok(cut.dropped > 0 || cut.armed, JSON.stringify(cut));
      const s = await untilPage(
        page,
        (s) => s.reconnects > before.reconnects && events(since(s.log, 'reconnect')).length >= 5,
        'a reconnection and five events after it',
      );
      t.diagnostic(`${technique}: ${JSON.stringify(cut)}, ${s.reconnects} reconnection(s)`);
      assertInOrder(s.log, technique);
      assert.deepEqual(notices(s.log), [], 'resumed within the retention: no gap, no reset');
      assert.equal(lastState(s.log), 'live');
    });

    it('after /gap it reports a gap (missed > 0) and carries on', async (t) => {
      const gap = await labPost<GapAnswer>('gap');
      assert.deepEqual([gap.published, gap.retention], [RETENTION + 5, RETENTION]);
      const s = await untilPage(
        page,
        (s) => notices(s.log).length >= 1 && events(since(s.log, 'gap')).length >= 5,
        'the gap notice and five events after it',
      );
      assert.equal(notices(s.log).length, 1, `one notice: ${JSON.stringify(notices(s.log))}`);
      const [notice] = notices(s.log);
      assert.ok(notice?.kind === 'gap' && notice.missed > 0, `the notice: ${JSON.stringify(notice)}`);
      t.diagnostic(`${technique}: told it missed ${notice.missed} events`);
      // The events after the notice skip exactly what it said was missed, then go on one by one.
      assertInOrder(s.log, technique);
      assert.equal(lastState(s.log), 'live');
    });

    it('after /restart it reports a reset with the new epoch and delivers the new history from its start', async () => {
      const restart = await labPost<RestartAnswer>('restart');
      const s = await untilPage(
        page,
        (s) => notices(s.log).length >= 2 && events(since(s.log, 'reset')).length >= 5,
        'the reset notice and five events after it',
      );
      assert.equal(notices(s.log).length, 2, `one more notice: ${JSON.stringify(notices(s.log))}`);
      const reset = notices(s.log)[1]!;
      assert.deepEqual(reset, { kind: 'reset', epoch: restart.epoch }, 'onReset names the new epoch');
      assert.deepEqual(events(since(s.log, 'reset'))[0], { kind: 'event', seq: 1 }, 'the new history from its start');
      assertInOrder(s.log, technique);
      assert.equal(s.epoch, restart.epoch, 'the client now reads the new history');
      assert.equal(lastState(s.log), 'live');
    });

    it('close() stops it: the server holds none of its connections and it makes no request after', async () => {
      await page.evaluate(() => {
        const { harness } = globalThis as unknown as PageGlobals;
        harness.client.close();
        harness.madeAtClose = harness.made.length;
      });
      const closedAt = await snapshot(page);
      await untilServer(connections, (c) => c.live === 0, "the lab's live connections to fall to 0");
      const requestsAfterClose = (await connections()).byTechnique[technique]?.requests;

      // The channel keeps ticking while the lab is in use: wait for QUIET_TICKS more ticks.
      const from = await head();
      await untilServer(head, (h) => h >= from + QUIET_TICKS, `${QUIET_TICKS} ticks after close()`);

      const s = await snapshot(page);
      assert.deepEqual(s.made.slice(closedAt.madeAtClose), [], 'requests the page started after close()');
      assert.equal(events(s.log).length, events(closedAt.log).length, 'no event delivered after close()');
      const held = await connections();
      assert.equal(held.live, 0, 'the server holds nothing for the closed client');
      assert.equal(held.byTechnique[technique]?.requests, requestsAfterClose, 'requests the server saw after');
      assert.deepEqual(pageErrors, [], 'no uncaught exception in the page');
    });
  });
}
