import { defineCollection } from 'astro:content';
import { file, glob } from 'astro/loaders';
import { glossaryKoEntrySchema } from './lib/glossary-ko-schema.ts';
import { glossaryEntrySchema } from './lib/glossary-schema.ts';
import { lessonKoSchema } from './lib/lesson-ko-schema.ts';
import { lessonSchema } from './lib/lesson-schema.ts';

// Lessons live at the project root (content/lessons/), beside api/, not under src/: they are the
// product, and they import real source files from both trees with `?raw`.
const lessons = defineCollection({
  loader: glob({ pattern: '*.mdx', base: './content/lessons' }),
  schema: lessonSchema,
});

// The Korean twins, one per English lesson under the same slug (docs/i18n.md): /ko/lessons/<slug>/.
// The twin check (src/lib/twin-check.ts, run by the build) holds each to its English lesson's structure.
const lessonsKo = defineCollection({
  loader: glob({ pattern: '*.mdx', base: './content/ko/lessons' }),
  schema: lessonKoSchema,
});

// One YAML file, keyed by term id: `<Term id="epoch">` in a lesson links to /glossary/#epoch.
const glossary = defineCollection({
  loader: file('./content/glossary.yaml'),
  schema: glossaryEntrySchema,
});

// Its Korean twin, words only (the lesson, cross-references and source are the English entry's:
// koreanGlossaryEntry in src/lib/glossary-ko-schema.ts): /ko/glossary/ and <Term> on Korean pages.
const glossaryKo = defineCollection({
  loader: file('./content/glossary.ko.yaml'),
  schema: glossaryKoEntrySchema,
});

export const collections = { lessons, lessonsKo, glossary, glossaryKo };
