import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rememberedRedirect, twinHref } from './language-choice.ts';

test('the switcher leads to the twin page, same query and section', () => {
  assert.equal(twinHref('ko', '/lessons/sse/', '', '#last-event-id'), '/ko/lessons/sse/#last-event-id');
  assert.equal(twinHref('en', '/ko/lessons/sse/', '?x=1', '#a'), '/lessons/sse/?x=1#a');
  assert.equal(twinHref('ko', '/', '', ''), '/ko/');
  assert.equal(twinHref('en', '/ko/', '', ''), '/');
});

test('only the English home sends a learner who chose Korean to /ko/', () => {
  assert.equal(rememberedRedirect('ko', '/'), '/ko/');
  assert.equal(rememberedRedirect('en', '/'), undefined);
  assert.equal(rememberedRedirect(null, '/'), undefined);
  assert.equal(rememberedRedirect('fr', '/'), undefined);
  assert.equal(rememberedRedirect('ko', '/lessons/sse/'), undefined);
  assert.equal(rememberedRedirect('ko', '/ko/'), undefined);
});
