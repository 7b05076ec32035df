// The widgets with lang="ko" in real Chromium against the real server: each is rendered on the server
// (as Astro renders an island), hydrated in the page with the same props, and must show the same Korean
// words both times, then go live with Korean labels, states and announcements. The Korean lesson pages
// are not needed for it: the server is started with a site directory of the test's own (in the system's
// temporary folder, removed afterwards) that holds one page, so the widgets reach the real /api/ from
// the same origin, as they do on a lesson.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/browser.ts';
import { projectRoot, startChildServer, type ChildServer } from '../helpers/server.ts';
import { live, WIDGET_TIMEOUT_MS, waitForWidget, type WidgetPage } from '../helpers/widgets.ts';
import { TECHNIQUE_IDS } from '../../protocol/techniques.ts';
import { t } from '../../src/i18n/catalogue.ts';

const ko = t('ko');
const PAGE = '/widgets-ko/';

/** What the page mounts: a demo per technique, the teaser and the lab widgets, all with lang="ko". */
const WIDGETS = `
import { h } from 'preact';
import TechniqueDemo from './src/widgets/technique-demo/TechniqueDemo.tsx';
import TechniqueTeaser from './src/widgets/teaser/TechniqueTeaser.tsx';
import TwoWayChat from './src/widgets/two-way/TwoWayChat.tsx';
import ConnectionLimitLab from './src/widgets/connection-limit/ConnectionLimitLab.tsx';
import BrowserSupport from './src/widgets/browser-support/BrowserSupport.tsx';
import Race from './src/widgets/race/Race.tsx';
import Exercise from './src/widgets/exercise/Exercise.tsx';
import { exerciseView } from './src/widgets/exercise/view.ts';

// The exercise as Exercise.astro gives it to the widget on a Korean page.
const view = exerciseView('poll-cursor', 'ko');
import { TECHNIQUE_IDS } from './protocol/techniques.ts';
export const islands = [
  ...TECHNIQUE_IDS.map((technique) => ['demo-' + technique, () => h(TechniqueDemo, { technique, lang: 'ko' })]),
  ['teaser', () => h(TechniqueTeaser, { lang: 'ko' })],
  ['two-way', () => h(TwoWayChat, { lang: 'ko' })],
  ['connection-limit', () => h(ConnectionLimitLab, { lang: 'ko' })],
  ['browser-support', () => h(BrowserSupport, { lang: 'ko' })],
  ['race', () => h(Race, { lang: 'ko' })],
  ['exercise', () => h(Exercise, { exercise: view, lang: 'ko' })],
];
`;

/** Bundles `contents` (resolved from the project root) for the browser or for this process. */
async function bundle(contents: string, platform: 'browser' | 'node') {
  const result = await build({
    stdin: { contents, resolveDir: projectRoot, loader: 'tsx', sourcefile: `widgets-ko-${platform}.tsx` },
    bundle: true,
    write: false,
    outdir: '/widgets-ko',
    format: 'esm',
    platform,
    jsx: 'automatic',
    jsxImportSource: 'preact',
    logLevel: 'error',
  });
  const js = result.outputFiles.find((f) => f.path.endsWith('.js'))!.text;
  const css = result.outputFiles.find((f) => f.path.endsWith('.css'))?.text ?? '';
  return { js, css };
}

/** The page: each island server-rendered into its own root, then hydrated by app.js. */
async function widgetPage(): Promise<{ html: string; js: string; css: string }> {
  const server = await bundle(
    `${WIDGETS}
import { renderToString } from 'preact-render-to-string';
export const rendered = islands.map(([id, make]) => [id, renderToString(make())]);`,
    'node',
  );
  const { rendered } = (await import(`data:text/javascript;base64,${Buffer.from(server.js).toString('base64')}`)) as {
    rendered: [string, string][];
  };
  const client = await bundle(
    `${WIDGETS}
import { hydrate } from 'preact';
// One island per page (?only=<id>): a page of its own has the browser's 6 connections to itself.
const only = new URLSearchParams(location.search).get('only');
for (const [id, make] of islands) if (id === only) hydrate(make(), document.getElementById(id));
document.documentElement.dataset.hydrated = 'true';`,
    'browser',
  );
  const roots = rendered.map(([id, html]) => `<div id="${id}">${html}</div>`).join('\n');
  const html = `<!doctype html><html lang="ko"><head><meta charset="utf-8"><title>위젯</title>
<link rel="stylesheet" href="${PAGE}app.css"></head><body><main>${roots}</main>
<script type="module" src="${PAGE}app.js"></script></body></html>`;
  return { html, js: client.js, css: client.css };
}

let server: ChildServer;
let browser: Browser;
/** The server-rendered words of each island, read with scripts off. */
let serverText: Record<string, string>;
/** Each island hydrated in a page (and a browser context: a connection pool) of its own. */
const pages = new Map<string, WidgetPage>();

const ISLANDS = [
  ...TECHNIQUE_IDS.map((x) => `demo-${x}`),
  'teaser',
  'two-way',
  'connection-limit',
  'browser-support',
  'race',
  'exercise',
];

/** The words of an island's stable parts (labels and headings), which must not change on hydration. */
const labels = (page: Page, id: string) =>
  page
    .locator(
      [
        ' dt',
        ' legend',
        ' summary',
        ' caption',
        ' tr:not(.w-bytes-per-event) > th',
        ' label',
        ' .w-tl-lane',
        ' h3',
        ' h4',
        ' .ex-task',
      ]
        .map((part) => `#${id}${part}`)
        .join(', '),
    )
    .allTextContents();

/** The page with island `id` hydrated (opened once). */
async function island(id: string): Promise<WidgetPage> {
  const open = pages.get(id);
  if (open) return open;
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto(`${server.base}${PAGE}?only=${id}`, { waitUntil: 'load' });
  await page.waitForSelector('html[data-hydrated="true"]');
  const opened = { page, errors };
  pages.set(id, opened);
  return opened;
}

let site: string;

before(async () => {
  const { html, js, css } = await widgetPage();
  site = mkdtempSync(join(tmpdir(), 'widgets-ko-'));
  mkdirSync(join(site, PAGE), { recursive: true });
  writeFileSync(join(site, 'index.html'), '<!doctype html><title>test</title>');
  writeFileSync(join(site, PAGE, 'index.html'), html);
  writeFileSync(join(site, PAGE, 'app.js'), js);
  writeFileSync(join(site, PAGE, 'app.css'), css);
  server = await startChildServer({ TICK_MS: '400', SITE_DIR: site });
  browser = await launchChromium();
  const context = await browser.newContext({ javaScriptEnabled: false });
  const still = await context.newPage();
  await still.goto(`${server.base}${PAGE}?only=none`);
  serverText = {};
  for (const id of ISLANDS) serverText[id] = (await labels(still, id)).join(' | ');
  await context.close();
});

after(async () => {
  await browser?.close();
  server?.kill();
  await server?.exited;
  if (site) rmSync(site, { recursive: true, force: true });
});

describe('widgets with lang="ko"', () => {
  test('the server-rendered HTML is Korean, and hydration keeps the same words', async () => {
    for (const [id, text] of Object.entries(serverText)) {
      assert.match(text, /[가-힣]/, `${id} rendered on the server in Korean: ${text}`);
      const { page } = await island(id);
      assert.equal((await labels(page, id)).join(' | '), text, `${id}: the same words once hydrated`);
    }
    assert.ok(serverText['demo-sse']!.includes(ko.widgets.demo.counters.received));
    assert.ok(serverText.teaser!.includes(ko.widgetsTeaser.rows.requests));
  });

  for (const technique of TECHNIQUE_IDS)
    test(`${technique}: goes live with Korean labels, state and announcement`, async () => {
      const { page } = await island(`demo-${technique}`);
      const widget = page.locator(`#demo-${technique} [data-demo="${technique}"]`);
      await widget.scrollIntoViewIfNeeded();
      await waitForWidget(widget, live(2), `${technique} live with 2 events`);
      const d = ko.widgets.demo;
      assert.equal(await widget.getAttribute('aria-label'), d.aria(ko.techniques[technique].inProse));
      assert.equal((await widget.locator('.w-state .w-reserve-shown').textContent())?.trim(), d.states.live);
      assert.equal((await widget.locator('.w-head button .w-reserve-shown').textContent())?.trim(), d.buttons.stop);
      assert.equal(
        (await widget.locator('[role="status"]').textContent())?.trim(),
        d.liveOver(ko.techniques[technique].inProse),
      );
      const count = widget.locator('.w-counts div', { hasText: d.counters.received }).locator('dd');
      assert.ok(Number(await count.textContent()) >= 2);
      assert.match(
        (await widget.locator('svg[role="img"]').getAttribute('aria-label')) ?? '',
        /^최근 20초의 타임라인: 요청 \d+개/,
      );
      // A cut, then the recovery told in Korean, with every event once.
      await widget.getByRole('button', { name: d.faultButtons.cut }).click();
      const recovered = /^장애 [\d.]+초 만에 복구했다\. 잃은 이벤트 0개, 중복 0개\.$/;
      let status = '';
      for (const deadline = Date.now() + WIDGET_TIMEOUT_MS; !recovered.test(status) && Date.now() < deadline; ) {
        await page.waitForTimeout(100);
        status = (await widget.locator('[role="status"]').textContent())?.trim() ?? '';
      }
      assert.match(status, recovered);
    });

  test('the teaser goes live with Korean column headings and rows', async () => {
    const { page } = await island('teaser');
    const widget = page.locator('[data-demo="teaser"]');
    await widget.scrollIntoViewIfNeeded();
    await waitForWidget(widget, (a) => a.state === 'live', 'the teaser live');
    const s = ko.widgetsTeaser;
    assert.equal((await widget.locator('[role="status"]').textContent())?.trim(), s.allLive(TECHNIQUE_IDS.length));
    const headings = await widget.locator('thead th').allTextContents();
    assert.deepEqual(
      headings,
      TECHNIQUE_IDS.map((x) => s.names[x]),
    );
    assert.deepEqual(
      (await widget.locator('tbody td[data-state]').allTextContents()).map((x) => x.trim()),
      TECHNIQUE_IDS.map(() => s.states.live),
    );
  });

  test('the wire inspector speaks Korean and reads the capture', async () => {
    const { page } = await island('demo-websocket');
    const widget = page.locator('[data-demo="websocket"]');
    const inspector = widget.locator('details.w-inspector');
    await inspector.locator('summary').click();
    await page.waitForFunction((el) => Number(el?.getAttribute('data-entries')) > 0, await inspector.elementHandle());
    const w = ko.widgets.inspector;
    assert.equal(await inspector.locator('table caption').textContent(), w.caption);
    await page.waitForFunction(
      (el) => el?.getAttribute('data-accept-match') === 'true',
      await inspector.locator('.w-handshake').elementHandle(),
    );
    assert.equal(
      (await inspector.locator('.w-handshake strong .w-reserve-shown').textContent())?.trim(),
      w.accept.same,
    );
    assert.ok((await inspector.locator('.w-entry-head').first().textContent())?.includes('#'));
  });

  test('the two-way chat connects both ways and answers a message in Korean', async () => {
    const { page } = await island('two-way');
    const widget = page.locator('[data-demo="two-way"]');
    await waitForWidget(widget, (a) => a.state === 'live', 'both ways connected');
    const w = ko.widgetsLab.twoWay;
    assert.equal((await widget.locator('[role="status"]').textContent())?.trim(), w.live);
    const panel = widget.locator('[data-panel="websocket"]');
    await panel.getByLabel(w.inputLabel('websocket')).fill('안녕');
    await panel.getByRole('button', { name: w.send('websocket') }).click();
    await page.waitForFunction(
      (el) => /^소켓에서 \d+ms 만에 seq \d+ 이벤트로 확인받았다\.$/.test(el?.textContent?.trim() ?? ''),
      await panel.locator('[aria-live="polite"]').elementHandle(),
    );
    assert.match((await panel.locator('.w-messages li').first().textContent()) ?? '', /\(나\)|\(웹소켓으로 보냄\)/);
  });

  test('the connection-limit lab and the support table speak Korean', async () => {
    const lab = (await island('connection-limit')).page.locator('[data-demo="connection-limit"]');
    const c = ko.widgetsLab.connectionLimit;
    assert.equal((await lab.locator('[role="status"] .w-reserve-shown').textContent())?.trim(), c.intro);
    assert.ok(await lab.getByRole('button', { name: c.open(7) }).isVisible());
    const support = (await island('browser-support')).page.locator('[data-demo="browser-support"]');
    await waitForWidget(support, (a) => a.state === 'live', 'the support table checked');
    const b = ko.widgetsLab.browserSupport;
    assert.equal((await support.locator('[role="status"] .w-reserve-shown').textContent())?.trim(), b.checked(6));
    assert.equal(
      (await support.locator('[data-feature="EventSource"] .w-answer .w-reserve-shown').textContent())?.trim(),
      b.answers.yes,
    );
  });

  test('a short race runs in Korean and its verdicts are worded in Korean', async () => {
    const { page } = await island('race');
    const widget = page.locator('[data-demo="race"]');
    const r = ko.widgetsRace;
    await widget.getByLabel(r.race.labels.durationMs).selectOption('5000');
    await widget.getByRole('button', { name: r.race.start }).and(widget.locator(':enabled')).click();
    await waitForWidget(widget, (a) => a.phase === 'done' || a.phase === 'error', 'the race to end', 60_000);
    const status = (await widget.locator('.w-status').textContent())?.trim() ?? '';
    assert.match(status, /^끝: 5초 동안 이벤트 \d+개를 발행했다\./, status);
    assert.equal((await widget.locator('.w-state').textContent())?.trim(), r.race.phases.done);
    assert.equal(await widget.locator('.w-race-verdicts caption').textContent(), r.verdicts.caption);
    const marks = await widget.locator('.w-race-verdicts .w-verdict').allTextContents();
    assert.ok(marks.length > 0 && marks.every((m) => Object.values(r.verdicts.marks).includes(m)), marks.join(', '));
    // The evidence is Korean, and the post's claims are its own Korean only (no English translation beside them).
    for (const text of await widget.locator('.w-race-verdicts td[data-verdict] > span').allTextContents())
      assert.match(text, /[가-힣]/, text);
    assert.equal(await widget.locator('.w-race-verdicts q:not([lang="ko"])').count(), 0);
    assert.match(
      (await widget.locator('.w-race-table caption').textContent()) ?? '',
      /^기법별 이번 경주 수치 \(최종\)$/,
    );
  });

  test('an exercise in Korean: task, hints, progress and the grader lines; the solution passes', async () => {
    const { page } = await island('exercise');
    const root = page.locator('[data-exercise="poll-cursor"]');
    await root.locator('.cm-editor').waitFor({ timeout: 15_000 });
    const x = ko.exercises;
    assert.equal(
      await root.locator('.ex-title').textContent(),
      '연습 문제: 페이지를 넘겨 가며 읽고, 물러설 줄 아는 폴링 클라이언트',
    );
    assert.match((await root.locator('.ex-kicker').textContent()) ?? '', /^연습 문제 · 숏 폴링/);
    await root.getByRole('button', { name: x.hint(0, 3) }).click();
    assert.match((await root.locator('.ex-hint').first().textContent()) ?? '', /^힌트 1\. /);
    await root.getByRole('button', { name: x.showSolution }).click();
    await root.getByRole('button', { name: x.copySolution }).click();
    await root.getByRole('button', { name: x.run }).click();
    await page.waitForFunction(
      (el) => ['passed', 'failed'].includes(el?.getAttribute('data-state') ?? ''),
      await root.elementHandle(),
      { timeout: 90_000, polling: 200 },
    );
    const state = (await root.locator('.ex-state').textContent())?.trim() ?? '';
    assert.match(state, /^통과: 모든 요구 사항 충족 \([\d.]+초\)$/, state);
    const evidence = await root.locator('.ex-evidence li').allTextContents();
    assert.ok(evidence.length > 0);
    for (const line of evidence) assert.match(line, /[가-힣]/, line);
    assert.match(
      (await root.locator('.ex-console').textContent()) ?? '',
      /코드가 채널 lab-[0-9a-f]+에서 실행 중이다\./,
    );
  });

  test('nothing threw in any page', () => {
    for (const [id, { errors }] of pages) assert.deepEqual(errors, [], id);
  });
});
