/**
 * The lesson pages of one language, for getStaticPaths: /lessons/<slug>/ from content/lessons/ and
 * /ko/lessons/<slug>/ from the Korean twins. Each page knows whether its twin exists, so a lesson not
 * yet translated has no hreflang alternate pointing at a page that is not there.
 */
import type { Locale } from '../i18n/locales.ts';
import { getLessons, type Lesson } from './lessons.ts';

export interface LessonPageProps {
  lesson: Lesson;
  lessons: Lesson[];
  hasTwin: boolean;
}

export async function lessonPaths(locale: Locale): Promise<{ params: { slug: string }; props: LessonPageProps }[]> {
  const lessons = await getLessons(locale);
  const twins = new Set((await getLessons(locale === 'ko' ? 'en' : 'ko')).map((l) => l.id));
  return lessons.map((lesson) => ({
    params: { slug: lesson.id },
    props: { lesson, lessons, hasTwin: twins.has(lesson.id) },
  }));
}
