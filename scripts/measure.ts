// `npm run measure`: the figures the lessons quote from a browser, measured in Debian's Chromium against
// the real server and committed, so that a lesson's number always has a run behind it:
//
// - content/measurements/race.json: one race of the comparison lesson (the widget's own export, with
//   a cut half way), from which the lesson's annotated copy of the source post's table is computed at
//   build time (src/lib/measurements.ts), and the figures the technique lessons quote from it;
// - content/measurements/console.json: what each console example in content/snippets/ printed, run the
//   way a learner pastes it (the DevTools console's REPL mode, on a page of the site).
//
// Both files say on what machine, under what load and in which browser they were measured. A snippet
// edited after its run fails the build and tests/content/measurements.test.ts until this is run again;
// `npm run measure -- --console-only` reruns the snippets alone, which needs no built site (the race
// does: it runs on the comparison lesson).
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem, type } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../tests/helpers/browser.ts';
import { projectRoot, startChildServer } from '../tests/helpers/server.ts';
import { attrs, openWidgetPage, showWidget, waitForWidget } from '../tests/helpers/widgets.ts';

const CONSOLE_ONLY = process.argv.includes('--console-only');
const OUT = join(projectRoot, 'content', 'measurements');
const SNIPPETS = join(projectRoot, 'content', 'snippets');
/** The race the comparison lesson quotes: its widget's own settings, as a shared link would carry them. */
const RACE_QUERY = 'rate=5&interval=1000&payload=10&duration=20000';
/** When to cut every connection, after the race has started. */
const CUT_AFTER_MS = 8000;

function machine() {
  const cores = cpus();
  return {
    cpus: cores.length,
    cpuModel: cores[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: `${type()} ${release()}`,
    node: process.version,
    loadAverage1m: +loadavg()[0]!.toFixed(2),
  };
}

async function race(browser: Browser, base: string) {
  const { page, errors } = await openWidgetPage(browser, `${base}/lessons/comparison/?${RACE_QUERY}`);
  const widget = await showWidget(page, '[data-demo="race"]');
  const start = widget.getByRole('button', { name: 'Start the race' });
  await start.and(widget.locator(':enabled')).waitFor({ timeout: 20_000 });
  const loadBefore = loadavg()[0]!;
  await start.click();
  await waitForWidget(widget, (a) => a.phase === 'racing', 'the race to start');
  await page.waitForTimeout(CUT_AFTER_MS);
  await widget.getByRole('button', { name: 'Cut all connections' }).click();
  await waitForWidget(widget, (a) => a.phase === 'done' || a.phase === 'error', 'the race to end', 90_000);
  if ((await attrs(widget)).phase !== 'done') throw new Error('The race ended in an error.');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    widget.getByRole('button', { name: 'Download the run (JSON)' }).click(),
  ]);
  const run = JSON.parse(readFileSync((await download.path())!, 'utf8'));
  const features = await page.evaluate(() => ({
    fetch: typeof fetch === 'function',
    eventSource: typeof EventSource === 'function',
    webSocket: typeof WebSocket === 'function',
  }));
  if (errors.length > 0) throw new Error(`The race page threw: ${errors.join('; ')}`);
  await page.context().close();
  return { loadAverage1m: { before: +loadBefore.toFixed(2), after: +loadavg()[0]!.toFixed(2) }, features, run };
}

/** Runs one console example as DevTools does (REPL mode) and returns what it logged within `waitMs`. */
async function snippet(browser: Browser, base: string, code: string, waitMs = 1500): Promise<string[]> {
  // A page of the site when it is built, else an API answer of the same origin: the snippets need only
  // `location.host` and the API (an API answer's CSP allows nothing, so it is bypassed there).
  const built = existsSync(join(projectRoot, 'dist', 'index.html'));
  const context = await browser.newContext({ bypassCSP: !built });
  const page = await context.newPage();
  await page.goto(`${base}${built ? '/' : '/api/health'}`, { waitUntil: 'load' });
  const printed: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'log') printed.push(m.text());
  });
  const cdp = await context.newCDPSession(page);
  const result = await cdp.send('Runtime.evaluate', { expression: code, replMode: true, awaitPromise: true });
  if (result.exceptionDetails) throw new Error(`The snippet threw: ${result.exceptionDetails.text}`);
  await page.waitForTimeout(waitMs);
  await context.close();
  return printed;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const server = await startChildServer();
const browser = await launchChromium();
try {
  const chromium = `Chromium ${browser.version()}`;
  const measuredAt = new Date().toISOString();

  const console_: Record<string, { sha256: string; printed: string[] }> = {};
  for (const file of readdirSync(SNIPPETS)
    .filter((f) => f.endsWith('.js'))
    .sort()) {
    const code = readFileSync(join(SNIPPETS, file), 'utf8');
    console_[file] = { sha256: sha256(code), printed: await snippet(browser, server.base, code) };
    console.log(`[measure] ${file}: ${JSON.stringify(console_[file].printed)}`);
  }
  writeFileSync(
    join(OUT, 'console.json'),
    `${JSON.stringify({ measuredAt, command: 'npm run measure', browser: chromium, machine: machine(), snippets: console_ }, null, 2)}\n`,
  );

  if (!CONSOLE_ONLY) {
    const recorded = await race(browser, server.base);
    writeFileSync(
      join(OUT, 'race.json'),
      `${JSON.stringify(
        {
          measuredAt,
          command: 'npm run measure',
          browser: chromium,
          query: RACE_QUERY,
          cutAfterMs: CUT_AFTER_MS,
          machine: { ...machine(), loadAverage1m: recorded.loadAverage1m },
          note: 'the server, Chromium and this script on one machine, over loopback (HTTP/1.1 on 127.0.0.1)',
          features: recorded.features,
          run: recorded.run,
        },
        null,
        2,
      )}\n`,
    );
    console.log(`[measure] race: ${recorded.run.table.map((r: { id: string }) => r.id).join(', ')} judged`);
  }
} finally {
  await browser.close();
  server.kill();
  await server.exited;
}
