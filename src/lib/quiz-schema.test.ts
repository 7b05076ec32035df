// The quiz schema: one good quiz, and each way an author can get it wrong. Run: node --test "src/**/*.test.ts"
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codeSpans, parseQuiz, questionSchema } from './quiz-schema.ts';

const option = (text: string, correct = false) => ({ text, correct, explain: `Because ${text}.` });
const single = {
  kind: 'single',
  id: 'stops',
  prompt: 'What stops `EventSource`?',
  options: [option('a 204', true), option('a drop')],
};
const multiple = {
  kind: 'multiple',
  id: 'does',
  prompt: 'Which?',
  options: [option('x', true), option('y', true), option('z')],
};
const predict = {
  kind: 'predict',
  id: 'hidden',
  prompt: 'Guess',
  widget: 'sse-demo',
  observe: 'Hide the tab.',
  options: [option('a', true), option('b')],
};

test('a quiz with the three kinds parses, and `correct` defaults to false', () => {
  const parsed = parseQuiz([single, multiple, predict], 'Quiz "q" in lesson "sse"');
  assert.equal(parsed.length, 3);
  assert.equal(
    parseQuiz(
      [
        {
          ...single,
          options: [
            { text: 'a', explain: 'why a', correct: true },
            { text: 'b', explain: 'why b' },
          ],
        },
      ],
      'q',
    )[0]!.options[1]!.correct,
    false,
  );
});

function refused(question: unknown, expected: RegExp) {
  assert.throws(
    () => parseQuiz([single, question], 'Quiz "basics" in lesson "sse"'),
    (err: Error) => {
      assert.match(err.message, /Quiz "basics" in lesson "sse" is not a valid quiz/);
      assert.match(err.message, /question 2/, 'names the question by position');
      assert.match(err.message, expected);
      return true;
    },
  );
}

test('a single or predict question needs exactly one correct option', () => {
  refused(
    { ...single, id: 'two', options: [option('a', true), option('b', true)] },
    /\("two"\), options: a single question needs exactly one correct option; it has 2/,
  );
  refused(
    { ...predict, options: [option('a'), option('b')] },
    /a predict question needs exactly one correct option; it has 0/,
  );
});
test('a multiple question needs at least one correct option', () =>
  refused({ ...multiple, options: [option('a'), option('b')] }, /at least one correct/));
test('every option needs an explanation', () =>
  refused({ ...single, id: 'x', options: [{ text: 'a', correct: true }, option('b')] }, /options\.0\.explain/));
test('at least two options', () =>
  refused({ ...single, id: 'x', options: [option('a', true)] }, /at least two options/));
test('a predict question names its widget and what to observe', () => {
  refused({ ...predict, widget: undefined }, /widget/);
  refused({ ...predict, observe: ' ' }, /observe must not be empty/);
});
test('ids are slugs and unique', () => {
  refused({ ...single, id: 'Has Spaces' }, /lowercase words joined by dashes/);
  refused({ ...single }, /question id "stops" is used twice/);
});
test('an unknown kind or field is refused', () => {
  refused({ ...single, kind: 'essay' }, /kind/);
  refused({ ...single, id: 'x', hint: 'typo' }, /hint|Unrecognized/i);
});
test('an empty quiz or a non-array is refused', () => {
  assert.throws(() => parseQuiz([], 'q'), /at least one question/);
  assert.throws(() => parseQuiz({ questions: [] }, 'q'), /not a valid quiz/);
});
test('questionSchema fields are described', () => {
  for (const variant of questionSchema.options) {
    for (const [name, field] of Object.entries(variant.shape))
      assert.ok(
        (field as { description?: string }).description || name === 'kind',
        `field "${name}" has no .describe()`,
      );
  }
});
test('codeSpans splits `code` from text', () => {
  assert.deepEqual(codeSpans('Send `Last-Event-ID` back'), [
    { code: false, text: 'Send ' },
    { code: true, text: 'Last-Event-ID' },
    { code: false, text: ' back' },
  ]);
  assert.deepEqual(codeSpans('a `` b'), [{ code: false, text: 'a `` b' }]);
});
