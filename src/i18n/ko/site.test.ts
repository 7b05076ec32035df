// The site's Korean words (./site.ts, ./site-client.ts): whole, Korean, in the chosen terms and register.
// Every string leaf is read, and every function is called with sample values and its answer read too,
// through findTermViolations and findRegisterViolations (./terms.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { siteClientStrings as enClient } from '../en/site-client.ts';
import { siteStrings as enSite } from '../en/site.ts';
import { claimReasons as enClaims } from '../en/site-claims.ts';
import { claimReasons } from './site-claims.ts';
import { apiStrings as enApi } from '../en/site-api.ts';
import { apiStrings } from './site-api.ts';
import { siteClientStrings } from './site-client.ts';
import { siteStrings } from './site.ts';
import { findRegisterViolations, findTermViolations } from './terms.ts';

/** Every text of a catalogue by its path: strings as they are, functions called with sample values. */
function texts(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (typeof value === 'function') {
    const args = Array.from({ length: value.length }, (_, i) => (i % 2 === 0 ? 3 : 'SSE'));
    return [[`${path}()`, String(value(...args))]];
  }
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => texts(v, path ? `${path}.${k}` : k));
}

const HANGUL = /[가-힣]/;
/** Whether a text has words outside its code spans (an answer that is all code, a status, is the same in both). */
const hasWords = (text: string) => /\p{L}/u.test(text.replace(/`[^`]*`/g, ''));
/** Texts that are the same in both languages on purpose: names, and the other language's own name. */
const SAME = new Set([
  'name',
  'nav.api',
  'language.otherName',
  'language.otherShort',
  'techniqueNames.sse',
  'verdict.confirmed',
  'verdict.nuanced',
  'verdict.corrected',
  // Punctuation around a value the page puts in.
  'lesson.youWill()',
  'progress.statusAfter()',
]);

describe('the site’s Korean words', () => {
  for (const [name, ko, en] of [
    ['site', siteStrings, enSite],
    ['siteClient', siteClientStrings, enClient],
    ['siteClaims', claimReasons, enClaims],
    ['siteApi', apiStrings, enApi],
  ] as const) {
    it(`${name}: the English catalogue's paths, every text Korean`, () => {
      const koTexts = texts(ko);
      assert.deepEqual(
        koTexts.map(([p]) => p),
        texts(en).map(([p]) => p),
      );
      for (const [path, text] of koTexts)
        if (!SAME.has(path) && !path.startsWith('techniqueNames.') && !path.startsWith('verdict.') && hasWords(text))
          assert.match(text, HANGUL, `${name}.${path} is not Korean: ${text}`);
    });

    it(`${name}: the terms of src/i18n/ko/terms.ts, in 해라체 or as noun phrases`, () => {
      const problems = texts(ko).flatMap(([path, text]) => [
        ...findTermViolations(text).map((v) => `${path}: "${v.forbidden}" (write ${v.term}): ${text}`),
        ...findRegisterViolations(text).map((v) => `${path}: ending "${v.ending}": ${text}`),
      ]);
      assert.deepEqual(problems, []);
    });
  }

  it('the Korean verdict marks and technique names', () => {
    assert.deepEqual(siteStrings.verdict, { confirmed: '✓ 맞음', nuanced: '~ 조건부', corrected: '✗ 바로잡음' });
    assert.equal(siteStrings.techniqueNames['long-poll'], '롱 폴링');
  });

  it('sentences with values: no particle right after a value', () => {
    assert.equal(siteStrings.lesson.readingTime(12, 4), '읽는 데 약 12분, 선택 심화 내용에 4분 더.');
    assert.equal(siteStrings.lesson.readingTime(7, 0), '읽는 데 약 7분.');
    assert.equal(siteClientStrings.search.found(12, '재연결', 8), '“재연결” 검색 결과: 페이지 12개, 처음 8개 표시.');
    assert.equal(
      siteClientStrings.progress.summary(2, 9, 3, 18, '연습 문제 6개 중 1개 해결').startsWith('강의 9개 중 2개 읽음'),
      true,
    );
    assert.equal(siteStrings.home.length(9, 3, 75, 230, 40, 6).includes('**1시간 15분**'), true);
  });
});
