// Predict, then observe: a lesson's predict question comes before its demo, and the demo does not run
// (no island hydrated, no connection to the server) until the learner locks in a prediction or skips
// it; a prediction made earlier opens the demo at once on the next visit. In Chromium, real server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, useSite } from '../helpers/site.ts';
import { live, waitForWidget } from '../helpers/widgets.ts';

const site = useSite();
const LESSON = '/lessons/long-polling/';
const QUIZ = 'section.quiz[data-quiz="long-polling-predict"]';
const GATE = '#long-poll-demo [data-predict-gate]';

/** Requests the page made to a technique endpoint of the API (a demo that runs makes them at once). */
const feedRequests = (requests: string[]) =>
  requests.filter((u) => /\/api\/channels\/[^/]+\/(poll|long-poll|sse|ws|stream)\b/.test(new URL(u).pathname));

test('the predict question comes first and the demo waits for it, then runs', async () => {
  const { page, problems, requests, close } = await openPage(site.browser, site.server.base, LESSON);
  try {
    const questionTop = await page.locator(QUIZ).evaluate((el) => el.getBoundingClientRect().top);
    const demoTop = await page.locator(GATE).evaluate((el) => el.getBoundingClientRect().top);
    assert.ok(questionTop < demoTop, `the question (${questionTop}px) is above the demo (${demoTop}px)`);

    const gate = page.locator(GATE);
    await gate.scrollIntoViewIfNeeded();
    await page.waitForTimeout(2500);
    const cover = gate.locator('[data-gate-cover]');
    assert.equal(await cover.isVisible(), true, 'the demo is covered');
    assert.match((await cover.textContent()) ?? '', /lock in your answer/);
    assert.equal(await gate.locator('astro-island[ssr]').count(), 1, 'the demo is not hydrated');
    assert.deepEqual(feedRequests(requests), [], 'the demo opened no connection before the prediction');

    // The learner predicts: the cover goes and the demo goes live on its own.
    const form = page.locator(`${QUIZ} form[data-question="requests-per-event"]`);
    await form.locator('input').first().check();
    await form.locator('[data-action="predict"]').click();
    await waitForWidget(gate.locator('[data-demo]'), live(1), 'the demo live after the prediction');
    assert.equal(await cover.isVisible(), false);
    assert.ok(feedRequests(requests).length > 0, 'the demo reads its channel now');

    // The prediction is kept: on the next visit the demo is not held.
    await page.reload({ waitUntil: 'load' });
    await page.locator(GATE).scrollIntoViewIfNeeded();
    assert.equal(await page.locator(`${GATE} [data-gate-cover]`).isVisible(), false);
    await waitForWidget(page.locator(`${GATE} [data-demo]`), live(1), 'the demo live on a later visit');
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});

test('Skip starts the demo without a prediction, from the keyboard, and leaves the question open', async () => {
  const { page, problems, close } = await openPage(site.browser, site.server.base, '/lessons/sse/');
  try {
    const gate = page.locator('#sse-demo [data-predict-gate]');
    const skip = gate.locator('[data-gate-skip]');
    await skip.focus();
    await page.keyboard.press('Enter');
    await waitForWidget(gate.locator('[data-demo]'), live(1), 'the SSE demo live after Skip');
    assert.equal(await gate.locator('[data-gate-cover]').isVisible(), false);
    const predict = page.locator('section.quiz[data-quiz="sse-predict"] [data-action="predict"]');
    assert.equal(await predict.isVisible(), true, 'the prediction can still be made');
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});
