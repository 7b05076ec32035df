import assert from 'node:assert/strict';
import { test } from 'node:test';
import { wordsOfPath } from './not-found.ts';

test('the missing path’s words, without the language prefix or the lessons folder', () => {
  assert.equal(wordsOfPath('/lessons/web-sockets/'), 'web sockets');
  assert.equal(wordsOfPath('/ko/lessons/%EC%9B%B9%EC%86%8C%EC%BC%93/'), '웹소켓');
  assert.equal(wordsOfPath('/ko/glossary-old.html'), 'glossary old');
  assert.equal(wordsOfPath('/docs/ko/'), 'docs ko');
});
