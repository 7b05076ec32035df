// What counts as a quantity a lesson must source, and what does not. Run: node --test "src/**/*.test.ts"
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { numbersInLesson } from './lesson-numbers.ts';

const phrases = (mdx: string) => numbersInLesson(mdx).map((f) => f.phrase);

test('a number with a unit of time, size, rate, share or ratio is found, with its line', () => {
  assert.deepEqual(phrases('It took 553 ms.\nThen 16 KiB, 10 B, 2 to 14 bytes, 5 events/s, 9%, 3× and 0.5 to 1 s.'), [
    '553 ms',
    '16 KiB',
    '10 B',
    '2 to 14 bytes',
    '5 events/s',
    '9%',
    '3×',
    '0.5 to 1 s',
  ]);
  assert.deepEqual(
    numbersInLesson('one\ntwo 30 seconds').map((f) => f.line),
    [2],
  );
  assert.deepEqual(phrases('1,800 requests an hour, 500 requests a second, 0–30 s'), [
    '1,800 requests an hour',
    '500 requests a second',
    '0–30 s',
  ]);
});

test('numbers without a unit are not quantities: years, RFCs, sections, statuses, codes, ports, versions', () => {
  assert.deepEqual(
    phrases('In 2024, RFC 6455 §5.2 says 101; close code 1006; port 4321; Chrome 97; HTTP/1.1; seq 42; a log of 204s.'),
    [],
  );
});

test('computed, sourced and code numbers are left out: expressions, <Measured>, code, imports, exported code, links', () => {
  const mdx = [
    "import x from './x.ts';",
    'export function f() {',
    '  return 1000 / 5; // 200 ms',
    '}',
    'It took {ms(raced("poll").latency.p50)} and <Measured source="content/measurements/race.json">553 ms</Measured>.',
    'Run `sleep 5 s` or:',
    '```sh',
    'curl --max-time 12 s',
    '```',
    'See [the quotas](https://example.com/a-10-s-limit).',
  ].join('\n');
  assert.deepEqual(phrases(mdx), []);
});

test("the words of a quiz's strings are read, the code around them is not", () => {
  const mdx = [
    'export const quiz = [',
    "  { id: 'a', prompt: 'A page polls every 10 seconds.', options: [{ text: 'About 5 s on average.', correct: true }] },",
    '];',
  ].join('\n');
  assert.deepEqual(phrases(mdx), ['10 seconds', '5 s']);
});
