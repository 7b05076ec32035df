// The Korean glossary (content/glossary.ko.yaml): a Korean term and definition per entry of the English
// glossary, under the same id. What is not words (the lesson, the cross-references, the source) comes
// from the English entry, so the two cannot drift; a `source` written here anyway must be the English one.
// Apart from src/content.config.ts so plain `node --test` can check it: tests/content/glossary-ko.test.ts.
import { z } from 'astro/zod';
import type { GlossaryEntry } from './glossary-schema.ts';

export const glossaryKoEntrySchema = z
  .object({
    term: z
      .string()
      .trim()
      .min(1)
      .describe('The Korean term of src/i18n/ko/terms.ts, with the English original: "롱 폴링 (long polling)".'),
    definition: z
      .string()
      .trim()
      .min(20, 'a definition of fewer than 20 characters explains nothing')
      .describe('One short paragraph of Korean (해라체); `backticks` mark code, which stays as it is.'),
    source: z.url().optional().describe("The English entry's source, if repeated here; the English one is used."),
  })
  .strict();

export type GlossaryKoEntry = z.infer<typeof glossaryKoEntrySchema>;

/**
 * The Korean entry as a whole glossary entry: its words, the English entry's lesson, cross-references
 * and source. A repeated source that differs from the English one is an error, naming both.
 */
export function koreanGlossaryEntry(id: string, en: GlossaryEntry, ko: GlossaryKoEntry): GlossaryEntry {
  if (ko.source !== undefined && ko.source !== en.source)
    throw new Error(
      `content/glossary.ko.yaml: "${id}" has source ${ko.source}, but the English entry has ${en.source ?? 'none'}.`,
    );
  return { ...en, term: ko.term, definition: ko.definition };
}
