// The Korean edition in Chromium: the language switcher and hreflang lead to the twin page (same
// #section) both ways, the choice is remembered (only the English home page acts on it), progress is
// one record per lesson whichever language it was read in, and search on a Korean page searches the
// Korean index: 웹소켓 재연결 finds Korean lessons first. The search is tested on a Korean fixture lesson
// added to a copy of the built site (so it runs before the Korean lessons exist), and on the real site
// once content/ko/lessons/websocket.mdx is built.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { openPage, sitePages, useSite } from '../helpers/site.ts';
import { projectRoot, startTestServer } from '../helpers/server.ts';

const site = useSite();
const DIST = join(projectRoot, 'dist');
const PAGES = sitePages();
/** English lessons with a Korean twin in the built site. */
const TWINNED = PAGES.filter((p) => p.startsWith('/lessons/') && PAGES.includes(`/ko${p}`));

const alternatesOf = (html: string) =>
  Object.fromEntries(
    [...html.matchAll(/<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"/g)].map((m) => [m[1]!, m[2]!]),
  );

test('every page with a twin names it with hreflang (en, ko, x-default), and the twin names it back', async () => {
  const problems: string[] = [];
  let pairs = 0;
  for (const path of PAGES) {
    const html = await (await fetch(new URL(path, site.server.base))).text();
    const lang = /<html lang="([^"]+)"/.exec(html)?.[1];
    const expected = path.startsWith('/ko/') ? 'ko' : 'en';
    if (lang !== expected) problems.push(`${path}: <html lang="${lang}">, expected ${expected}`);
    const alt = alternatesOf(html);
    const twin = expected === 'ko' ? path.slice('/ko'.length) : path === '/' ? '/ko/' : `/ko${path}`;
    if (!PAGES.includes(twin)) {
      // A lesson not yet translated: no alternate may point at a page that is not there.
      if (Object.keys(alt).length > 0) problems.push(`${path}: alternates ${JSON.stringify(alt)} but no twin ${twin}`);
      continue;
    }
    const en = expected === 'en' ? path : twin;
    const want = { en, ko: expected === 'ko' ? path : twin, 'x-default': en };
    if (JSON.stringify(alt) !== JSON.stringify(want))
      problems.push(`${path}: alternates ${JSON.stringify(alt)}, expected ${JSON.stringify(want)}`);
    pairs++;
  }
  assert.deepEqual(problems, []);
  assert.ok(pairs >= 12, `only ${pairs} pages with a twin`);
});

/** The switcher's link, clicked; resolves once the twin page has loaded. */
async function switchLanguage(page: Page): Promise<void> {
  const before = page.url();
  await page.locator('a[data-language-switch]').click();
  await page.waitForURL((u) => u.pathname !== new URL(before).pathname, { waitUntil: 'load' });
}

test('the switcher leads to the twin page and section both ways, and the choice is remembered', async () => {
  const lesson = TWINNED[0] ?? '/glossary/';
  const { page, problems, close } = await openPage(site.browser, site.server.base, lesson);
  try {
    // A section of the page, as a learner reaches it from the table of contents.
    const hash = await page.evaluate(
      () => document.querySelector('h2[id], dt, .glossary-entry[id]')?.closest('[id]')?.id ?? '',
    );
    assert.ok(hash, 'a section to keep');
    await page.evaluate((id) => {
      location.hash = id;
    }, hash);
    await switchLanguage(page);
    const ko = new URL(page.url());
    assert.equal(ko.pathname, `/ko${lesson}`);
    assert.equal(ko.hash, `#${hash}`);
    assert.equal(await page.getAttribute('html', 'lang'), 'ko');
    assert.ok(await page.locator(`[id="${hash}"]`).count(), `the Korean page has the section #${hash}`);
    assert.equal(await page.evaluate(() => localStorage.getItem('realtime-lab:language')), 'ko');

    // Remembered: the English home page sends this learner to the Korean one; other English pages stay.
    await page.goto(new URL('/', site.server.base).href, { waitUntil: 'load' });
    assert.equal(new URL(page.url()).pathname, '/ko/');
    await page.goto(new URL('/glossary/', site.server.base).href, { waitUntil: 'load' });
    assert.equal(new URL(page.url()).pathname, '/glossary/');

    // And back: English chosen, English home stays English.
    await page.goto(new URL(`/ko${lesson}#${hash}`, site.server.base).href, { waitUntil: 'load' });
    await switchLanguage(page);
    assert.equal(new URL(page.url()).pathname, lesson);
    assert.equal(new URL(page.url()).hash, `#${hash}`);
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    await page.goto(new URL('/', site.server.base).href, { waitUntil: 'load' });
    assert.equal(new URL(page.url()).pathname, '/');
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});

test('progress is one record per lesson: read or answered in Korean, it counts in English, and back', {
  skip: TWINNED.length === 0 && 'no Korean lesson is built yet (content/ko/lessons/ is empty)',
}, async () => {
  const english = TWINNED[0]!;
  const slug = english.split('/')[2]!;
  const readTo = async (page: Page, path: string) => {
    await page.goto(new URL(path, site.server.base).href, { waitUntil: 'load' });
    await page.locator('[data-lesson-end]').scrollIntoViewIfNeeded();
    await page.waitForFunction(
      (s) => s in (JSON.parse(localStorage.getItem('realtime-lab:progress:v1') ?? '{}').read ?? {}),
      slug,
    );
  };
  const statusOn = async (page: Page, home: string) => {
    await page.goto(new URL(home, site.server.base).href, { waitUntil: 'load' });
    return page.locator(`.lesson-list [data-progress-lesson="${slug}"]`).getAttribute('data-status');
  };
  for (const [from, home] of [
    [`/ko${english}`, '/'],
    [english, '/ko/'],
  ] as const) {
    const context = await site.browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const page = await context.newPage();
      await readTo(page, from);
      assert.match((await statusOn(page, home)) ?? '', /^(read|complete)$/, `${from} read, then ${home}`);
      // A quiz answered on one side shows its answer on the other.
      await page.goto(new URL(from, site.server.base).href, { waitUntil: 'load' });
      const question = page.locator('section.quiz form.quiz-question[data-kind="single"]').first();
      if ((await question.count()) === 0) continue;
      const quiz = await question.evaluate((f) => f.closest('section.quiz')!.getAttribute('data-quiz'));
      const qid = await question.getAttribute('data-question');
      await question.locator('.quiz-option[data-correct] input').first().check();
      await question.locator('[data-action="check"]').click();
      // The quiz speaks the page's language: its button, and the verdict its script writes.
      const feedback = (await question.locator('[data-feedback]').textContent()) ?? '';
      assert.match(feedback, from.startsWith('/ko/') ? /[가-힣]/ : /^Correct/, `the quiz's verdict on ${from}`);
      const other = from.startsWith('/ko/') ? english : `/ko${english}`;
      await page.goto(new URL(other, site.server.base).href, { waitUntil: 'load' });
      const twin = page
        .locator(`section.quiz[data-quiz="${quiz}"] form[data-question="${qid}"] .quiz-option[data-correct] input`)
        .first();
      assert.equal(await twin.isChecked(), true, `${quiz}/${qid} answered on ${from} is answered on ${other}`);
      const keys = await page.evaluate(() =>
        Object.keys(JSON.parse(localStorage.getItem('realtime-lab:progress:v1')!).quizzes),
      );
      assert.deepEqual(keys, [`${slug}/${quiz}`], 'stored under the slug, not the Korean path');
    } finally {
      await context.close();
    }
  }
});

/** The query from a Korean page's search dialog: result links, in order. */
async function koreanSearch(browser: Browser, base: string, query: string): Promise<string[]> {
  const { page, problems, close } = await openPage(browser, base, '/ko/');
  try {
    await page.keyboard.press('/');
    await page.locator('dialog.search-dialog input[type="search"]').fill(query);
    await page.locator('[data-search-results] a').first().waitFor({ timeout: 15_000 });
    await page.waitForTimeout(400);
    const hrefs = await page
      .locator('[data-search-results] a')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    assert.match((await page.locator('[data-search-status]').textContent()) ?? '', /검색 결과/);
    assert.deepEqual(problems, []);
    return hrefs;
  } finally {
    await close();
  }
}

const QUERY = '웹소켓 재연결';

test(`search on a Korean page searches the Korean index: "${QUERY}" finds a Korean fixture lesson first`, async () => {
  // A copy of the built site with one more Korean lesson page, indexed again: the test never adds a
  // placeholder lesson to content/.
  const dir = mkdtempSync(join(tmpdir(), 'realtime-lab-ko-search-'));
  const server = { close: async () => {} };
  try {
    cpSync(DIST, dir, { recursive: true });
    rmSync(join(dir, 'pagefind'), { recursive: true, force: true });
    mkdirSync(join(dir, 'ko/lessons/search-fixture'), { recursive: true });
    writeFileSync(
      join(dir, 'ko/lessons/search-fixture/index.html'),
      `<!doctype html><html lang="ko"><head><meta charset="utf-8"><title>웹소켓 재연결 · Realtime Lab</title></head>
<body><main id="main"><article data-pagefind-body><h1>웹소켓 재연결</h1>
<h2 id="reconnect">재연결은 애플리케이션의 몫이다</h2>
<p>웹소켓은 연결이 끊겨도 스스로 재연결하지 않는다. 브라우저의 WebSocket API에는 재연결도 재개도 없으므로, 끊긴 연결을 다시 여는 재연결과 마지막으로 받은 시퀀스 번호부터 이어 받는 재개는 애플리케이션이 직접 만든다.</p>
</article></main></body></html>`,
    );
    const pagefind = await import('pagefind');
    const { index } = await pagefind.createIndex({});
    assert.ok(index);
    const added = await index.addDirectory({ path: dir });
    assert.deepEqual(added.errors, []);
    await index.writeFiles({ outputPath: join(dir, 'pagefind') });
    await pagefind.close();

    const fixtureServer = await startTestServer({ SITE_DIR: dir });
    server.close = fixtureServer.close;
    const hrefs = await koreanSearch(site.browser, fixtureServer.base, QUERY);
    console.log(`[search] ${QUERY} (fixture): ${hrefs.join(', ')}`);
    assert.ok(hrefs[0]?.startsWith('/ko/lessons/'), `a Korean lesson first: ${hrefs.join(', ')}`);
    assert.ok(
      hrefs.some((h) => h.startsWith('/ko/lessons/search-fixture/')),
      `the fixture lesson found: ${hrefs.join(', ')}`,
    );
    assert.deepEqual(
      hrefs.filter((h) => !h.startsWith('/ko/')),
      [],
      'only Korean pages: the Korean index',
    );
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test(`search on a Korean page: "${QUERY}" finds the Korean lessons first on the real site`, {
  skip: !existsSync(join(DIST, 'ko/lessons/websocket/index.html')) && 'the Korean WebSocket lesson is not built yet',
}, async () => {
  const hrefs = await koreanSearch(site.browser, site.server.base, QUERY);
  console.log(`[search] ${QUERY}: ${hrefs.join(', ')}`);
  assert.ok(hrefs[0]?.startsWith('/ko/lessons/'), `a Korean lesson first: ${hrefs.join(', ')}`);
  assert.deepEqual(
    hrefs.filter((h) => !h.startsWith('/ko/')),
    [],
    'only Korean pages',
  );
});
