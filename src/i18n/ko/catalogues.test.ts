// The Korean catalogues are whole and Korean: the types make a missing key an error, and this checks
// what types cannot: that no English string was left in, and the Korean-only helpers.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exerciseStrings as enExercises } from '../en/exercises.ts';
import { techniqueStrings as enTechniques } from '../en/techniques.ts';
import { exerciseStrings, seqList } from './exercises.ts';
import { techniqueStrings } from './techniques.ts';

/** Every string leaf of a catalogue, by its path; functions are checked by calling them below. */
function strings(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => strings(v, path ? `${path}.${k}` : k));
}

const HANGUL = /[가-힣]/;
/** Strings that are the same in both languages on purpose. */
const SAME = new Set(['sse.inProse']);

describe('the Korean catalogues', () => {
  for (const [name, ko, en] of [
    ['techniques', techniqueStrings, enTechniques],
    ['exercises', exerciseStrings, enExercises],
  ] as const)
    it(`${name}: every string is Korean, with the English catalogue's paths`, () => {
      const koStrings = strings(ko);
      assert.deepEqual(
        koStrings.map(([p]) => p),
        strings(en).map(([p]) => p),
      );
      for (const [path, text] of koStrings)
        if (!SAME.has(path)) assert.match(text, HANGUL, `${name}.${path} is not Korean: ${text}`);
    });

  it('the functions answer in Korean with their values in place', () => {
    const v = exerciseStrings.verdicts;
    assert.equal(exerciseStrings.progress(2, 5, '첫 요청을 기다리는 중'), '5단계 중 2단계: 첫 요청을 기다리는 중');
    assert.equal(exerciseStrings.steps.publish(3, true), '연결을 끊은 뒤 이벤트 3개를 발행하는 중');
    assert.equal(
      exerciseStrings.steps.refuse(503, 2, false),
      '서버가 상태 코드 503, Retry-After: 2 헤더로 응답하는 중',
    );
    assert.equal(v['exactly-once'].lost([3, 4, 5, 9]), '잃어버린 이벤트(끝내 전달되지 않음): seq 3–5, 9.');
    assert.equal(
      v.backoff.flat([500, 500]),
      '시도 사이의 대기가 늘지 않았다: 500ms, 500ms. 실패할 때마다 대기 시간을 두 배로 늘려야 한다.',
    );
    assert.equal(exerciseStrings.hint(1, 3), '다음 힌트 보기(3개 중 2번째)');
    assert.equal(exerciseStrings.homeSummary(1, 4), '연습 문제 4개 중 1개 해결');
  });

  it('seqList shows runs, and counts the rest in Korean', () => {
    assert.equal(seqList([]), '');
    assert.equal(seqList([7, 3, 4, 4, 5]), '3–5, 7');
    assert.equal(seqList([1, 3, 5, 7], 2), '1, 3 외 2개 구간');
  });
});
