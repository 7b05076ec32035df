/**
 * The words a page script writes, in the page's language (<html lang>): the catalogue's `siteClient`
 * area only (src/i18n/{en,ko}/site-client.ts), so a page's JavaScript carries two small objects, not the
 * whole catalogue.
 */
import { siteClientStrings as en } from '../i18n/en/site-client.ts';
import { localeOfPath, type Locale } from '../i18n/locales.ts';

export function pageLanguage(doc: Document = document): Locale {
  const lang = doc.documentElement.lang;
  return lang === 'ko' || lang === 'en' ? lang : localeOfPath(location.pathname);
}

// The Korean words load only where they are read: a Korean page, or Node (the tests pass a document of
// their own). An English page then carries no Korean (about 1 KB gzipped on every page); the module's
// importers wait for this one await, before any of them writes a word.
const ko =
  typeof document === 'undefined' || pageLanguage() === 'ko'
    ? (await import('../i18n/ko/site-client.ts')).siteClientStrings
    : undefined;

export const clientWords = (doc: Document = document) => (pageLanguage(doc) === 'ko' && ko ? ko : en);
