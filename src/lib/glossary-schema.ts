// The glossary entry schema (content/glossary.yaml), apart from src/content.config.ts so plain
// `node --test` can check it: src/lib/glossary-schema.test.ts.
import { z } from 'astro/zod';

export const TERM_ID = /^[a-z0-9][a-z0-9-]*$/;

export const glossaryEntrySchema = z
  .object({
    term: z.string().trim().min(1).describe('The term as a heading shows it, e.g. "Last-Event-ID".'),
    definition: z
      .string()
      .trim()
      .min(20, 'a definition of fewer than 20 characters explains nothing')
      .describe('One short paragraph in plain words; `backticks` mark code.'),
    lesson: z
      .string()
      .regex(TERM_ID)
      .optional()
      .describe('Id of the lesson that teaches the term (its file name), linked as "Learn more".'),
    see: z.array(z.string().regex(TERM_ID)).default([]).describe('Ids of related glossary entries.'),
    source: z.url().optional().describe('A primary source: an RFC section, the WHATWG spec, MDN.'),
  })
  .strict();

export type GlossaryEntry = z.infer<typeof glossaryEntrySchema>;
