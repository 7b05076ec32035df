// The newcomer path through the course: every lesson's reading time outside its Deep dives (the one
// definition in src/lib/reading-time.ts, which the home page and the lesson header show) adds up to
// under an hour, the Deep dives are well formed and hold no quiz or exercise (those count towards
// progress, so a newcomer must meet them), and the built pages show the same minutes.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { projectRoot } from '../helpers/server.ts';
import { readingTime, WORDS_PER_MINUTE } from '../../src/lib/reading-time.ts';

const LESSONS = join(projectRoot, 'content', 'lessons');
const bodies = readdirSync(LESSONS)
  .filter((f) => f.endsWith('.mdx'))
  .map((f) => ({
    id: f.replace(/\.mdx$/, ''),
    body: readFileSync(join(LESSONS, f), 'utf8').replace(/^---\n[\s\S]*?\n---\n/, ''),
  }));

test(`the newcomer path through the whole course is under an hour at ${WORDS_PER_MINUTE} words a minute`, (t) => {
  let words = 0;
  for (const { id, body } of bodies) {
    const time = readingTime(body);
    t.diagnostic(`${id}: ${time.words} words, ${time.minutes} min (+${time.deepDiveMinutes} min of deep dives)`);
    words += time.words;
  }
  const minutes = words / WORDS_PER_MINUTE;
  t.diagnostic(`course: ${words} words, ${minutes.toFixed(1)} min`);
  assert.ok(minutes < 60, `${words} words take ${minutes.toFixed(1)} min`);
});

test('Deep dives open and close in pairs, have a title, and hold no quiz or exercise', () => {
  for (const { id, body } of bodies) {
    const opens = [...body.matchAll(/<DeepDive\b([^>]*)>/g)];
    assert.equal(opens.length, [...body.matchAll(/<\/DeepDive>/g)].length, `${id}: unbalanced <DeepDive>`);
    for (const open of opens) assert.match(open[1]!, /title="[^"]+"/, `${id}: a Deep dive without a title`);
    for (const inner of body.matchAll(/<DeepDive\b[^>]*>([\s\S]*?)<\/DeepDive>/g)) {
      assert.doesNotMatch(inner[1]!, /<DeepDive\b/, `${id}: a Deep dive inside another`);
      assert.doesNotMatch(inner[1]!, /<(Quiz|Exercise)\b/, `${id}: a quiz or exercise inside a Deep dive`);
    }
  }
});

test('each built lesson shows the reading time its source gives, and keeps its Deep dives closed', () => {
  for (const { id, body } of bodies) {
    const html = readFileSync(join(projectRoot, 'dist', 'lessons', id, 'index.html'), 'utf8');
    const time = readingTime(body);
    assert.match(html, new RegExp(`About ${time.minutes} min to read`), `${id}: the header's reading time`);
    const dives = [...html.matchAll(/<details class="deep-dive[^"]*"[^>]*>/g)].map((m) => m[0]);
    assert.ok(
      dives.every((d) => !/\sopen\b/.test(d)),
      `${id}: a Deep dive open by default`,
    );
  }
});
