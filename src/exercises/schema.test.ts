// Every exercise parses; a broken one is refused with its id and field.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EXERCISES } from '../../content/exercises/index.ts';
import { TECHNIQUES } from '../../protocol/techniques.ts';
import { parseExercise } from './schema.ts';

test('one exercise per technique, in its lesson, and a capstone', () => {
  for (const t of TECHNIQUES)
    assert.ok(
      EXERCISES.some((e) => e.kind === 'technique' && e.technique === t.id && e.lesson === t.lesson),
      t.id,
    );
  assert.equal(EXERCISES.filter((e) => e.kind === 'capstone').length, 1);
  assert.equal(new Set(EXERCISES.map((e) => e.id)).size, EXERCISES.length);
});

test('a bad exercise names itself and the field', () => {
  const good = EXERCISES[0]!;
  assert.throws(
    () => parseExercise({ ...good, starterFails: 'nothing' }),
    /exercise "poll-cursor" is invalid:\n {2}starterFails/,
  );
  assert.throws(
    () =>
      parseExercise({
        ...good,
        plan: [
          { do: 'publish', count: 1 },
          { do: 'wait', ms: 1 },
        ],
      }),
    /plan/,
  );
  assert.throws(() => parseExercise({ ...good, hints: [] }), /hints/);
});
