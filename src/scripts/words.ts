/**
 * The words a page script writes, in the page's language (<html lang>): the catalogue's `siteClient`
 * area only (src/i18n/{en,ko}/site-client.ts), so a page's JavaScript carries two small objects, not the
 * whole catalogue.
 */
import type { siteClientStrings as English } from '../i18n/en/site-client.ts';
import { localeOfPath, type Locale } from '../i18n/locales.ts';

export function pageLanguage(doc: Document = document): Locale {
  const lang = doc.documentElement.lang;
  return lang === 'ko' || lang === 'en' ? lang : localeOfPath(location.pathname);
}

// Each language's words load only where they are read: the page's language, or both in Node (the tests
// pass a document of their own). An English page carries no Korean and a Korean page no English (about
// 1 KB gzipped each); the module's importers wait for this await, before any of them writes a word.
const inNode = typeof document === 'undefined';
const en =
  inNode || pageLanguage() === 'en' ? (await import('../i18n/en/site-client.ts')).siteClientStrings : undefined;
const ko =
  inNode || pageLanguage() === 'ko' ? (await import('../i18n/ko/site-client.ts')).siteClientStrings : undefined;

export const clientWords = (doc: Document = document): typeof English =>
  (pageLanguage(doc) === 'ko' ? ko : en) ?? ((en ?? ko) as typeof English);
