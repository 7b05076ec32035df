/** The URL of a lesson and back: the one place that knows the route shape /lessons/<id>/ (and /ko/lessons/<id>/). */
import { DEFAULT_LOCALE, localizedPath, unlocalizedPath, type Locale } from '../i18n/locales.ts';

export function lessonPath(id: string, locale: Locale = DEFAULT_LOCALE): string {
  return localizedPath(locale, `/lessons/${id}/`);
}

/**
 * The lesson id of a page path in either language (/lessons/sse/ and /ko/lessons/sse/ are both "sse",
 * so progress is one record per lesson, whichever language it was read in), or the path itself for
 * pages that are not lessons.
 */
export function lessonIdFromPath(pathname: string): string {
  return /^\/lessons\/([^/]+)\/?$/.exec(unlocalizedPath(pathname))?.[1] ?? pathname;
}
