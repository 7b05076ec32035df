import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getCollection, type CollectionEntry } from 'astro:content';
import { DEFAULT_LOCALE, type Locale } from '../i18n/locales.ts';
import { lessonPath } from './lesson-path.ts';
import { readingTime, type ReadingTime } from './reading-time.ts';

/** A lesson of either language: an English one (content/lessons/) or its Korean twin (content/ko/lessons/). */
export type Lesson = CollectionEntry<'lessons'> | CollectionEntry<'lessonsKo'>;

/** The locale a lesson entry is written in. */
export const lessonLocale = (lesson: Lesson): Locale => (lesson.collection === 'lessonsKo' ? 'ko' : DEFAULT_LOCALE);

/**
 * All lessons of one language in course order. Drafts are kept in `astro dev` (so authors can preview
 * them) and dropped from the production build, so a draft never leaks into the nav or prev/next links.
 * Korean lists only the lessons that have a twin: the build warns about the others
 * (src/lib/twin-integration.ts), and their Korean page does not exist until they do.
 */
export async function getLessons(locale: Locale = DEFAULT_LOCALE): Promise<Lesson[]> {
  const keep = ({ data }: { data: { draft: boolean } }) => import.meta.env.DEV || !data.draft;
  const all: Lesson[] = locale === 'ko' ? await getCollection('lessonsKo', keep) : await getCollection('lessons', keep);
  const sorted = all.sort((a, b) => a.data.order - b.data.order);
  // Two lessons with the same order would make prev/next depend on file-system order.
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1]!;
    const cur = sorted[i]!;
    if (prev.data.order === cur.data.order) {
      throw new Error(
        `Lessons "${prev.id}" and "${cur.id}" both have order ${cur.data.order}; each lesson needs its own order.`,
      );
    }
  }
  return sorted;
}

/** The URL of a lesson, in its own language: /lessons/sse/ or /ko/lessons/sse/. */
export function lessonHref(lesson: Lesson): string {
  return lessonPath(lesson.id, lessonLocale(lesson));
}

/**
 * Ids of the quizzes in a lesson, read from its MDX source (`<Quiz id="…"`), so the sidebar and the
 * home page can say "all quizzes passed" for lessons other than the one on screen.
 */
export function quizIds(lesson: Lesson): string[] {
  return [...(lesson.body ?? '').matchAll(/<Quiz\b[^>]*?\bid="([^"]+)"/g)].map((m) => m[1]!);
}

/** Ids of the exercises a lesson places (`<Exercise id="…"`), read from its source like quizIds. */
export function exerciseIds(lesson: Lesson): string[] {
  return [...(lesson.body ?? '').matchAll(/<Exercise\b[^>]*?\bid="([^"]+)"/g)].map((m) => m[1]!);
}

/**
 * The lesson's reading time (src/lib/reading-time.ts): what the home page and the lesson header show.
 * A Korean twin shows its English lesson's: the same newcomer path, and the one rate the estimate is
 * defined at (WORDS_PER_MINUTE English words), so "약 N분" and "About N min" are the same N.
 */
export function lessonReadingTime(lesson: Lesson): ReadingTime {
  if (lessonLocale(lesson) === DEFAULT_LOCALE) return readingTime(lesson.body ?? '');
  const english = readFileSync(join(process.cwd(), 'content/lessons', `${lesson.id}.mdx`), 'utf8');
  return readingTime(english.replace(/^---\r?\n[\s\S]*?\r?\n---\r?\n/, ''));
}

/**
 * Every lesson by id for linking from a page of `locale`: the lesson in that language, or, while a
 * Korean twin is missing, the English lesson (the build warns about it), so no link is left dangling.
 */
export async function lessonsForLinks(locale: Locale): Promise<Map<string, Lesson>> {
  const byId = new Map<string, Lesson>((await getLessons(DEFAULT_LOCALE)).map((l) => [l.id, l]));
  if (locale !== DEFAULT_LOCALE) for (const l of await getLessons(locale)) byId.set(l.id, l);
  return byId;
}
