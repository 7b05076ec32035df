import { defineCollection } from 'astro:content';
import { file, glob } from 'astro/loaders';
import { glossaryKoEntrySchema } from './lib/glossary-ko-schema.ts';
import { glossaryEntrySchema } from './lib/glossary-schema.ts';
import { lessonSchema } from './lib/lesson-schema.ts';

// Lessons live at the project root (content/lessons/), beside api/, not under src/: they are the
// product, and they import real source files from both trees with `?raw`.
const lessons = defineCollection({
  loader: glob({ pattern: '*.mdx', base: './content/lessons' }),
  schema: lessonSchema,
});

// One YAML file, keyed by term id: `<Term id="epoch">` in a lesson links to /glossary/#epoch.
const glossary = defineCollection({
  loader: file('./content/glossary.yaml'),
  schema: glossaryEntrySchema,
});

// Its Korean twin, words only (the lesson, cross-references and source are the English entry's:
// koreanGlossaryEntry in src/lib/glossary-ko-schema.ts). No page reads it yet.
const glossaryKo = defineCollection({
  loader: file('./content/glossary.ko.yaml'),
  schema: glossaryKoEntrySchema,
});

export const collections = { lessons, glossary, glossaryKo };
