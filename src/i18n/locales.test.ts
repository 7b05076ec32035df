import assert from 'node:assert/strict';
import { test } from 'node:test';
import { localeOfPath, localizedPath, unlocalizedPath } from './locales.ts';

test('a Korean path is the English path under /ko/, both ways', () => {
  assert.equal(localizedPath('ko', '/lessons/sse/'), '/ko/lessons/sse/');
  assert.equal(localizedPath('ko', '/'), '/ko/');
  assert.equal(localizedPath('en', '/ko/lessons/sse/'), '/lessons/sse/');
  assert.equal(localizedPath('en', '/ko/'), '/');
  assert.equal(localizedPath('ko', '/ko/glossary/'), '/ko/glossary/');
  assert.equal(unlocalizedPath('/ko'), '/');
});

test('only /ko and /ko/… are Korean; /kodak/ is not', () => {
  assert.equal(localeOfPath('/ko/'), 'ko');
  assert.equal(localeOfPath('/ko'), 'ko');
  assert.equal(localeOfPath('/kodak/'), 'en');
  assert.equal(localeOfPath('/lessons/sse/'), 'en');
});

test('the backend has one URL for every language', () => {
  assert.equal(localizedPath('ko', '/api/channels/ticker/poll'), '/api/channels/ticker/poll');
});
