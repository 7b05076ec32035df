// The Korean edition kept in step with the English one (docs/i18n.md, src/lib/twin-check.ts): every
// English lesson has a Korean twin, every twin keeps its English lesson's structure and records the hash
// of the English file it was translated from, its Korean is in the chosen terms and register, and in the
// built site both languages give every heading the same id. The build itself fails on a broken twin and
// warns about a missing or stale one; `npm run twins` lists them.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { findRegisterViolations, findTermViolations } from '../../src/i18n/ko/terms.ts';
import { englishHeadingIds } from '../../src/lib/heading-ids.ts';
import { describeReport } from '../../src/lib/twin-check.ts';
import { ENGLISH_LESSONS, KOREAN_LESSONS, projectTwinReport } from '../../src/lib/twin-files.ts';
import { projectRoot } from '../helpers/server.ts';

const report = projectTwinReport(projectRoot);
const { errors, warnings } = describeReport(report);
const mdxIn = (dir: string) =>
  existsSync(join(projectRoot, dir))
    ? readdirSync(join(projectRoot, dir))
        .filter((f) => f.endsWith('.mdx'))
        .sort()
    : [];

describe('the Korean lessons', () => {
  it('every English lesson has its Korean twin', () => {
    assert.deepEqual(
      report.missing.map((s) => `${KOREAN_LESSONS}/${s}.mdx`),
      [],
      'English lessons without a Korean twin',
    );
  });

  it('every twin keeps its English lesson’s structure, and no Korean lesson lacks an English one', () => {
    assert.deepEqual(errors, []);
  });

  it('no twin is stale: each was translated from the English file as it is now', () => {
    assert.deepEqual(
      warnings.filter((w) => w.includes('is stale')),
      [],
    );
  });

  it("they ask the helpers that write words for Korean: raceProvenance('ko'), consoleProvenance('ko')", () => {
    // src/lib/measurements.ts: without the locale these write an English sentence into the Korean page.
    const problems: string[] = [];
    for (const file of mdxIn(KOREAN_LESSONS)) {
      const text = readFileSync(join(projectRoot, KOREAN_LESSONS, file), 'utf8');
      for (const m of text.matchAll(/\b(raceProvenance|consoleProvenance)\(([^)]*)\)/g))
        if (m[2]!.trim() !== "'ko'") problems.push(`${file}: ${m[0]} (write ${m[1]}('ko'))`);
    }
    assert.deepEqual(problems, []);
  });

  it('their Korean uses the terms of src/i18n/ko/terms.ts and the 해라체 register', () => {
    const problems: string[] = [];
    for (const file of mdxIn(KOREAN_LESSONS)) {
      const text = readFileSync(join(projectRoot, KOREAN_LESSONS, file), 'utf8');
      for (const v of findTermViolations(text)) problems.push(`${file}: "${v.forbidden}" (write ${v.term})`);
      for (const v of findRegisterViolations(text)) problems.push(`${file}: ending "${v.ending}" at ${v.index}`);
    }
    assert.deepEqual(problems, []);
  });
});

const built = (...path: string[]) => join(projectRoot, 'dist', ...path, 'index.html');
/**
 * The ids of a built lesson's own headings: those in its prose, less the titles that components give
 * themselves (a quiz's, an exercise's), which are no Markdown heading.
 */
const idsIn = (file: string) => {
  const html = readFileSync(file, 'utf8');
  const prose = html.slice(html.indexOf('<div class="prose'), html.lastIndexOf('</article>'));
  return [...prose.matchAll(/<h[1-6]\b[^>]*\sid="([^"]+)"/g)]
    .map((m) => m[1]!)
    .filter((id) => !/^(quiz|exercise)-.*-title$/.test(id));
};

describe('heading ids in the built site', { skip: !existsSync(built()) && 'no built site in dist/' }, () => {
  for (const file of mdxIn(ENGLISH_LESSONS)) {
    const slug = file.replace(/\.mdx$/, '');
    it(`${slug}: the ids the Korean twin is given are the English page's`, () => {
      const source = readFileSync(join(projectRoot, ENGLISH_LESSONS, file), 'utf8');
      assert.deepEqual(englishHeadingIds(source), idsIn(built('lessons', slug)));
    });
    it(`${slug}: the Korean page's heading ids are the English page's`, {
      skip: !existsSync(built('ko', 'lessons', slug)) && 'no Korean twin built yet',
    }, () => {
      assert.deepEqual(idsIn(built('ko', 'lessons', slug)), idsIn(built('lessons', slug)));
    });
  }
});
