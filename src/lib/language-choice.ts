/**
 * The learner's language choice, remembered in localStorage when they use the language switcher
 * (LanguageSwitch.astro). What remembering does, and only that: the English home page `/`, the site's
 * front door, sends a learner who chose Korean to `/ko/` (LanguageRedirect.astro, before first paint).
 * Every other address shows the language it names, so a link someone shared opens as it was meant.
 * Only a choice made with the switcher is remembered (choosing English again undoes it); merely
 * opening a page of one language changes nothing.
 */
import { isLocale, localizedPath, type Locale } from '../i18n/locales.ts';

export const LANGUAGE_KEY = 'realtime-lab:language';

/** Where the switcher leads from `pathname` + `hash`: the twin page, same section. */
export function twinHref(locale: Locale, pathname: string, search: string, hash: string): string {
  return `${localizedPath(locale, pathname)}${search}${hash}`;
}

/** The page to go to instead of `pathname`, or undefined to stay: only `/` with Korean chosen moves. */
export function rememberedRedirect(stored: string | null, pathname: string): string | undefined {
  return pathname === '/' && isLocale(stored) && stored !== 'en' ? localizedPath(stored, '/') : undefined;
}
