// Progress belongs to the learner: quizzes answered with the keyboard, lessons read to the end, all of
// it kept in localStorage, surviving a reload, shown in the sidebar and on the home page, and cleared
// by the reset. Every quiz of every lesson is answered, so a new lesson's quizzes are checked too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BrowserContext, Page } from 'playwright-core';
import { lessonPages, useSite } from '../helpers/site.ts';

const site = useSite();
const LESSONS = lessonPages();

async function newLearner(): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await site.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  // The reset asks for confirmation; the learner says yes.
  page.on('dialog', (d) => void d.accept());
  return { context, page, problems };
}

const url = (path: string) => new URL(path, site.server.base).href;

/** Answers every question of every quiz on the page, right, with Space and Enter only. */
async function answerEveryQuiz(page: Page, wrongFirst: boolean): Promise<number> {
  const forms = page.locator('section.quiz form.quiz-question');
  const count = await forms.count();
  for (let i = 0; i < count; i++) {
    const form = forms.nth(i);
    const kind = await form.getAttribute('data-kind');
    const options = form.locator('.quiz-option');
    const n = await options.count();
    const correct: number[] = [];
    for (let o = 0; o < n; o++) if ((await options.nth(o).getAttribute('data-correct')) !== null) correct.push(o);

    if (wrongFirst && kind !== 'predict') {
      // A wrong answer first: the learner is told so, and sees every option's explanation.
      const wrong = [...Array(n).keys()].find((o) => !correct.includes(o))!;
      await options.nth(wrong).locator('input').focus();
      await page.keyboard.press('Space');
      await form.locator('[data-action="check"]').focus();
      await page.keyboard.press('Enter');
      assert.match((await form.locator('[data-feedback]').textContent()) ?? '', /Not quite/);
      assert.equal(await form.locator('.quiz-explain:visible').count(), n, 'every option explained after checking');
      if (kind === 'multiple') {
        await options.nth(wrong).locator('input').focus();
        await page.keyboard.press('Space'); // untick it again
      }
    }
    for (const o of correct) {
      await options.nth(o).locator('input').focus();
      await page.keyboard.press('Space');
    }
    if (kind === 'predict') {
      await form.locator('[data-action="predict"]').focus();
      await page.keyboard.press('Enter');
      assert.equal(
        await form.locator('[data-widget-link]').isVisible(),
        true,
        'after predicting, the learner is sent to the demo',
      );
      const target = (await form.locator('[data-widget-link]').getAttribute('href'))!;
      assert.equal(await page.locator(target).count(), 1, `the demo ${target} exists on the page`);
      await form.locator('[data-action="reveal"]').focus();
      await page.keyboard.press('Enter');
    } else {
      await form.locator('[data-action="check"]').focus();
      await page.keyboard.press('Enter');
      assert.match((await form.locator('[data-feedback]').textContent()) ?? '', /Correct/);
    }
    assert.equal(await form.locator('.quiz-explain:visible').count(), n, 'every option explained');
  }
  return count;
}

test('quizzes answered, lessons read, progress shown everywhere, kept over a reload, and reset', async () => {
  const { context, page, problems } = await newLearner();
  try {
    let quizzes = 0;
    const withQuizzes: string[] = [];
    for (const path of LESSONS) {
      await page.goto(url(path));
      const questions = await answerEveryQuiz(page, path === LESSONS[0]);
      if (questions > 0) {
        for (const score of await page.locator('[data-quiz-score]').allTextContents())
          assert.match(score, /Quiz passed/);
      }
      const here = await page.locator('section.quiz').count();
      quizzes += here;
      if (here > 0) withQuizzes.push(path);
      await page.locator('[data-lesson-end]').scrollIntoViewIfNeeded();
      await page.waitForFunction(() =>
        /marked as read/.test(document.querySelector('[data-lesson-end]')?.textContent ?? ''),
      );
    }
    assert.ok(quizzes >= 1, 'the course has at least one quiz');

    // A reload keeps answers, verdicts and status (on a lesson that has quizzes to restore).
    const first = withQuizzes[0] ?? LESSONS[0]!;
    await page.goto(url(first));
    for (const score of await page.locator('[data-quiz-score]').allTextContents()) assert.match(score, /Quiz passed/);
    const checked = await page.locator('section.quiz input:checked').count();
    assert.ok(quizzes === 0 || checked >= 1, 'answers restored after reload');
    assert.equal(
      await page.locator('section.quiz .quiz-explain:visible').count(),
      await page.locator('section.quiz .quiz-explain').count(),
      'explanations shown again',
    );
    assert.equal(
      await page.locator(`.lesson-nav-side [data-progress-lesson][aria-current="page"]`).getAttribute('data-status'),
      'complete',
    );
    assert.match(
      (await page.locator('.lesson-nav-side [aria-current="page"] [data-status-label]').textContent()) ?? '',
      /completed/,
    );
    assert.match((await page.locator('[data-lesson-end]').textContent()) ?? '', /marked as read/);

    // The home page: summary, per-lesson status, and where to continue.
    await page.goto(url('/'));
    const summary = (await page.locator('[data-progress-summary]').textContent()) ?? '';
    assert.match(summary, new RegExp(`read ${LESSONS.length} of ${LESSONS.length} lesson`));
    assert.match(summary, new RegExp(`passed ${quizzes} of ${quizzes} quiz`));
    for (const status of await page
      .locator('.lesson-list [data-progress-lesson]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-status')))) {
      assert.equal(status, 'complete');
    }
    const cont = page.locator('[data-continue]');
    assert.equal(await cont.isVisible(), true);
    assert.equal(await cont.getAttribute('href'), first, 'continue goes to the lesson opened last');

    // Reset clears it all, here and after a reload.
    await page.locator('[data-progress-reset]').click();
    await page.reload();
    assert.match((await page.locator('[data-progress-summary]').textContent()) ?? '', /no account needed/);
    assert.equal(await cont.isVisible(), false);
    assert.equal(await page.locator('[data-progress-reset]').isVisible(), false);
    for (const status of await page
      .locator('.lesson-list [data-progress-lesson]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-status')))) {
      assert.equal(status, 'new');
    }
    await page.goto(url(first));
    assert.equal(await page.locator('section.quiz input:checked').count(), 0, 'quiz answers forgotten');
    assert.equal(await page.locator('section.quiz .quiz-explain:visible').count(), 0);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a prediction is locked once made, and the quiz is not passed until the answer is revealed', async () => {
  const path = LESSONS.find(() => true);
  const { context, page } = await newLearner();
  try {
    await page.goto(url(path!));
    const form = page.locator('form[data-kind="predict"]').first();
    if ((await form.count()) === 0) return; // no predict question in the course yet
    await form.locator('input').first().check();
    await form.locator('[data-action="predict"]').click();
    assert.equal(await form.locator('input').first().isDisabled(), true, 'the prediction cannot be changed');
    const quiz = page.locator('section.quiz', { has: form });
    assert.doesNotMatch((await quiz.locator('[data-quiz-score]').textContent()) ?? '', /passed/);
    await page.reload();
    assert.equal(
      await form.locator('[data-action="reveal"]').isVisible(),
      true,
      'a locked prediction survives a reload',
    );
  } finally {
    await context.close();
  }
});
