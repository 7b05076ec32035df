/**
 * The words a page script writes, in the page's language (<html lang>): the catalogue's `siteClient`
 * area only (src/i18n/{en,ko}/site-client.ts), so a page's JavaScript carries two small objects, not the
 * whole catalogue.
 */
import { siteClientStrings as en } from '../i18n/en/site-client.ts';
import { siteClientStrings as ko } from '../i18n/ko/site-client.ts';
import { localeOfPath, type Locale } from '../i18n/locales.ts';

export function pageLanguage(doc: Document = document): Locale {
  const lang = doc.documentElement.lang;
  return lang === 'ko' || lang === 'en' ? lang : localeOfPath(location.pathname);
}

export const clientWords = (doc: Document = document) => (pageLanguage(doc) === 'ko' ? ko : en);
