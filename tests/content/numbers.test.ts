// Numbers that stay true. Every quantity a lesson states (a number with a unit: "553 ms", "16 KiB",
// "5 events/s", "9%"; src/lib/lesson-numbers.ts says what counts) must have a source: computed at build
// time from a committed result (an MDX {expression}), wrapped in <Measured source="…">, or listed in
// content/number-sources.ts as documented (a citation, and the file that holds the value when there is
// one), a setting of this server (compared with api/config.ts's default here), or an example (a value
// the learner chooses, or arithmetic on one). A measured figure typed into the prose fails; so does an
// allow-list entry no lesson uses any more, or one whose value no longer matches its source.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadConfig } from '../../api/config.ts';
import { NUMBER_SOURCES } from '../../content/number-sources.ts';
import { numbersInLesson } from '../../src/lib/lesson-numbers.ts';
import { projectRoot } from '../helpers/server.ts';

const LESSONS = join(projectRoot, 'content', 'lessons');
const lessons = readdirSync(LESSONS)
  .filter((f) => f.endsWith('.mdx'))
  .map((f) => ({ slug: f.replace(/\.mdx$/, ''), text: readFileSync(join(LESSONS, f), 'utf8') }));
const defaults = loadConfig({});

/** A quantity in milliseconds or bytes, for comparison with a setting: "65 seconds" → 65000. */
function value(phrase: string): { amount: number; unit: 'ms' | 'bytes' } | null {
  const m = /^([\d,.]+)\s*(ms|s|seconds?|minutes?|B|bytes?|KiB|MiB)$/.exec(phrase);
  if (!m) return null;
  const n = Number(m[1]!.replace(/,/g, ''));
  const factor: Record<string, [number, 'ms' | 'bytes']> = {
    ms: [1, 'ms'],
    s: [1000, 'ms'],
    second: [1000, 'ms'],
    seconds: [1000, 'ms'],
    minute: [60_000, 'ms'],
    minutes: [60_000, 'ms'],
    B: [1, 'bytes'],
    byte: [1, 'bytes'],
    bytes: [1, 'bytes'],
    KiB: [1024, 'bytes'],
    MiB: [1024 * 1024, 'bytes'],
  };
  const [f, unit] = factor[m[2]!]!;
  return { amount: n * f, unit };
}

describe('every quantity in a lesson has a source', () => {
  for (const { slug, text } of lessons) {
    it(`${slug}: each number with a unit is computed, <Measured>, or in content/number-sources.ts`, () => {
      const sources = NUMBER_SOURCES[slug] ?? {};
      const missing = numbersInLesson(text).filter((f) => !(f.phrase in sources));
      assert.deepEqual(
        missing.map((f) => `line ${f.line}: "${f.phrase}"`),
        [],
        `content/lessons/${slug}.mdx states quantities with no source. Compute a measured one from its committed result ({…}), wrap it in <Measured source="…">, or list a documented value, a setting or an example in content/number-sources.ts.`,
      );
    });
  }
});

describe('content/number-sources.ts', () => {
  it('names only lessons that exist, and only quantities they still state', () => {
    const stale: string[] = [];
    for (const [slug, entries] of Object.entries(NUMBER_SOURCES)) {
      const lesson = lessons.find((l) => l.slug === slug);
      assert.ok(lesson, `no lesson ${slug}`);
      const used = new Set(numbersInLesson(lesson.text).map((f) => f.phrase));
      for (const phrase of Object.keys(entries)) if (!used.has(phrase)) stale.push(`${slug}: "${phrase}"`);
    }
    assert.deepEqual(stale, [], 'entries no lesson uses any more: remove them');
  });

  it("a setting is this server's default, in the lesson's unit", () => {
    for (const [slug, entries] of Object.entries(NUMBER_SOURCES))
      for (const [phrase, source] of Object.entries(entries)) {
        if (source.kind !== 'setting') continue;
        const stated = value(phrase);
        assert.ok(stated, `${slug}: "${phrase}" is not a duration or a size the test can compare`);
        const actual = defaults[source.setting];
        assert.equal(typeof actual, 'number', `${source.setting} is not a number setting`);
        const settingUnit = /_BYTES$/.test(source.setting) ? 'bytes' : 'ms';
        assert.equal(stated.unit, settingUnit, `${slug}: "${phrase}" against ${source.setting}`);
        assert.equal(
          stated.amount,
          actual,
          `${slug}: "${phrase}" says ${stated.amount}; ${source.setting} defaults to ${actual}`,
        );
      }
  });

  it('a documented value cites its source, and the file that holds it still does', () => {
    for (const [slug, entries] of Object.entries(NUMBER_SOURCES))
      for (const [phrase, source] of Object.entries(entries)) {
        if (source.kind === 'example') {
          assert.ok(source.why.length >= 10, `${slug}: "${phrase}" needs a reason`);
          continue;
        }
        if (source.kind !== 'documented') continue;
        // A citation (a URL, an RFC, the WHATWG, a source file), or the file of this repository that holds it.
        assert.ok(
          source.check || /https:\/\/|RFC \d+|WHATWG|[\w-]+\/[\w.-]+\.\w+/.test(source.source),
          `${slug}: "${phrase}" cites nothing: ${source.source}`,
        );
        if (!source.check) continue;
        const file = join(projectRoot, source.check.file);
        assert.ok(existsSync(file), `${slug}: "${phrase}": ${source.check.file} is gone`);
        assert.ok(
          readFileSync(file, 'utf8').includes(source.check.contains),
          `${slug}: "${phrase}": ${source.check.file} no longer contains ${source.check.contains}`,
        );
      }
  });
});

describe('<Measured source="…">', () => {
  it('names a committed file that exists, or a URL', () => {
    for (const { slug, text } of lessons)
      for (const m of text.matchAll(/<Measured\s+source="([^"]*)"/g)) {
        const source = m[1]!;
        assert.ok(
          /^https:\/\//.test(source) || existsSync(join(projectRoot, source)),
          `${slug}: <Measured source="${source}"> is neither a URL nor a file of the repository`,
        );
      }
  });
});
