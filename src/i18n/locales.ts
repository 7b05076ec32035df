/**
 * The course's languages. English is the default and keeps today's URLs; Korean lives under /ko/ with
 * the same paths (/ko/lessons/sse/). Astro's i18n routing (astro.config.mjs) is configured from these.
 */
export const LOCALES = ['en', 'ko'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The locale a site path belongs to: /ko/… is Korean, everything else English. */
export function localeOfPath(pathname: string): Locale {
  return pathname === '/ko' || pathname.startsWith('/ko/') ? 'ko' : DEFAULT_LOCALE;
}

/** The path without its locale prefix: /ko/lessons/sse/ → /lessons/sse/. */
export function unlocalizedPath(pathname: string): string {
  if (localeOfPath(pathname) === DEFAULT_LOCALE) return pathname;
  const rest = pathname.slice('/ko'.length);
  return rest === '' ? '/' : rest;
}

/**
 * The same page in `locale`: localizedPath('ko', '/lessons/sse/') is '/ko/lessons/sse/'. Paths under
 * /api/ are the backend's, one for every language, and are returned unchanged.
 */
export function localizedPath(locale: Locale, pathname: string): string {
  if (pathname === '/api' || pathname.startsWith('/api/')) return pathname;
  const bare = unlocalizedPath(pathname);
  return locale === DEFAULT_LOCALE ? bare : bare === '/' ? '/ko/' : `/ko${bare}`;
}
