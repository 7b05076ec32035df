import { test } from 'node:test';
import assert from 'node:assert/strict';
import { proseWords, readingTime, WORDS_PER_MINUTE } from './reading-time.ts';

test('prose counts; code, imports, tags, comments and link targets do not', () => {
  const mdx = [
    "import Quiz from '../../src/components/Quiz.astro';",
    '',
    'One two [three](https://example.com/four/five) `four`.',
    '',
    '```sh',
    'curl -N http://127.0.0.1:4321/api/channels/ticker/sse',
    '```',
    '',
    '<SourcePanel code={x} file="api/transports/sse.ts" region="sse-stream" />',
    '{/* an authoring note */}',
    '<PostClaim id="S1">five six</PostClaim>',
  ].join('\n');
  assert.equal(proseWords(mdx), 6);
});

test('an {expression} is one word, and a prop holding an arrow function does not leak its text', () => {
  assert.equal(proseWords('It took {ms(raced("poll").latency.p50)} on average.'), 5);
  assert.equal(proseWords('<Race client:visible codeLines={lines.map((l) => l > 2)} />\nDone.'), 1);
});

test('table delimiter rows and markup signs are not words', () => {
  assert.equal(proseWords('| a | b |\n| --- | :-: |\n| c d | e |\n\n> **Note** ## x'), 7);
});

test('quiz prompts and options count, their explanations do not', () => {
  const mdx = [
    'export const quiz = [',
    "  { kind: 'single', id: 'q', prompt: 'Why is it so?', options: [",
    "    { text: 'Because.', correct: true, explain: 'Shown only once answered, so not counted.' },",
    "    { text: 'It isn\\'t.', explain: 'Neither.' },",
    '  ] },',
    '];',
  ].join('\n');
  assert.equal(proseWords(mdx), 7);
});

test('Deep dives are counted apart, and the minutes are rounded at the stated rate', () => {
  const path = Array.from({ length: WORDS_PER_MINUTE * 2 }, () => 'word').join(' ');
  const deep = Array.from({ length: 40 }, () => 'deep').join(' ');
  const t = readingTime(`${path}\n\n<DeepDive title="RFC details">\n\n## Heading\n\n${deep}\n\n</DeepDive>\n`);
  assert.equal(t.words, WORDS_PER_MINUTE * 2);
  assert.equal(t.deepDiveWords, 41);
  assert.equal(t.minutes, 2);
  assert.equal(t.deepDiveMinutes, 1);
  assert.deepEqual(readingTime('Short.'), { words: 1, deepDiveWords: 0, minutes: 1, deepDiveMinutes: 0 });
});
