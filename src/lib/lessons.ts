import { getCollection, type CollectionEntry } from 'astro:content';
import { lessonPath } from './lesson-path.ts';
import { readingTime, type ReadingTime } from './reading-time.ts';

export type Lesson = CollectionEntry<'lessons'>;

/**
 * All lessons in course order. Drafts are kept in `astro dev` (so authors can preview them)
 * and dropped from the production build, so a draft never leaks into the nav or prev/next links.
 */
export async function getLessons(): Promise<Lesson[]> {
  const all = await getCollection('lessons', ({ data }) => import.meta.env.DEV || !data.draft);
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

/** The URL of a lesson. */
export function lessonHref(lesson: Lesson): string {
  return lessonPath(lesson.id);
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

/** The lesson's reading time (src/lib/reading-time.ts): what the home page and the lesson header show. */
export function lessonReadingTime(lesson: Lesson): ReadingTime {
  return readingTime(lesson.body ?? '');
}
