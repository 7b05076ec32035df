import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertSameShape, t } from './catalogue.ts';

test('every locale has every string the English catalogue has', () => {
  assert.doesNotThrow(() => assertSameShape(t('en'), t('ko'), 'ko'));
  assert.notEqual(t('ko').exercises.run, t('en').exercises.run);
});

test('a missing string is named, with its path', () => {
  assert.throws(
    () => assertSameShape({ a: { b: 'x', c: (n: number) => `${n}` } }, { a: { b: 'y' } }, 'ko'),
    /"ko": a\.c is undefined, English has function/,
  );
  assert.throws(() => assertSameShape({ a: { b: 'x' } }, {}, 'ko'), /"ko": a is missing/);
});
