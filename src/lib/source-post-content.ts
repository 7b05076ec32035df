/**
 * The source post as the site reads it at build time: content/source-post.md, parsed once. The race's
 * catalogues (src/i18n/) must agree with it cell for cell; the build stops when they do not, naming the
 * cell, so the site never shows a table the file does not have (tests/content/source-post.test.ts
 * checks the same, and the rest, without a build).
 */
import { SOURCE_POST_EN } from '../i18n/en/source-post.ts';
import { SOURCE_POST_KO } from '../i18n/ko/source-post.ts';
import { POST_ROWS } from '../i18n/source-post.ts';
import { POST_TECHNIQUES } from '../widgets/race/claims.ts';
import text from '../../content/source-post.md?raw';
import { parseSourcePost } from './source-post.ts';

export const SOURCE_POST = parseSourcePost(text);

for (const [language, words] of [
  ['ko', SOURCE_POST_KO],
  ['en', SOURCE_POST_EN],
] as const) {
  const table = SOURCE_POST.table[language];
  for (const [i, row] of POST_ROWS.entries())
    for (const [j, t] of POST_TECHNIQUES.entries()) {
      const file = table.rows[i]?.cells[j];
      if (words.rows[row.id].cells[t.id] !== file)
        throw new Error(
          `src/i18n/${language}/source-post.ts says "${words.rows[row.id].cells[t.id]}" for ${row.claim}/${t.id}; content/source-post.md says "${file}".`,
        );
    }
}

/** The English wording of claim `id` (P1 … W7, T1 … T7), from the file. */
export function claimText(id: string): string {
  const claim = SOURCE_POST.claims.find((c) => c.id === id);
  if (!claim)
    throw new Error(
      `content/source-post.md has no claim ${id}; it has ${SOURCE_POST.claims.map((c) => c.id).join(', ')}.`,
    );
  return claim.text;
}
