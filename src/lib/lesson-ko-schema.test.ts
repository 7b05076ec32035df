import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lessonKoSchema } from './lesson-ko-schema.ts';

const good = {
  title: 'SSE',
  description: '서버가 계속 써 내려가는 긴 HTTP 응답 하나.',
  order: 4,
  goal: '이벤트 스트림을 필드별로 읽고 EventSource가 재연결하는 방식을 설명할 수 있다',
  youWill: '라이브 이벤트 스트림을 열고 끊어 본다',
  techniques: ['sse'],
  translatedFrom: 'a'.repeat(64),
};

test('a Korean lesson’s frontmatter', () => {
  assert.equal(lessonKoSchema.safeParse(good).success, true);
});

for (const [field, value, why] of [
  ['goal', '이벤트 스트림을 읽을 수 있다.', 'a final full stop'],
  ['goal', 'Read an event stream', 'not Korean'],
  ['youWill', '스트림을 열어 본다.', 'a final full stop'],
  ['translatedFrom', 'abc', 'not a sha256'],
  ['extra', 1, 'an unknown field'],
] as const)
  test(`refused: ${field} with ${why}`, () => {
    assert.equal(lessonKoSchema.safeParse({ ...good, [field]: value }).success, false);
  });

test('refused: no translatedFrom', () => {
  const { translatedFrom: _, ...rest } = good;
  assert.equal(lessonKoSchema.safeParse(rest).success, false);
});
