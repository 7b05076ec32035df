/**
 * How a widget gets its words without making every page download every language. English is imported
 * as usual; another language is loaded with a dynamic import, in the browser only when the page is in
 * that language (`<html lang>`), so an English page never downloads the Korean strings (the pages'
 * JavaScript budgets hold). On the server, which renders the islands, and in tests (no document),
 * every language is loaded. The loading happens before the module that asks for it finishes loading
 * (a top-level await in ./words*.ts), so the server's render and the hydration read the same words.
 *
 * The words are the catalogue's (src/i18n/catalogue.ts, `t(lang)`): the same files, of the same types,
 * checked by its build-time shape check; only the loading is per area and per language.
 */
import { DEFAULT_LOCALE, isLocale, LOCALES, type Locale } from '../../i18n/locales.ts';

type Other = Exclude<Locale, 'en'>;

/** The languages this page loads words for. */
export const PAGE_LOCALES: readonly Locale[] =
  typeof document === 'undefined'
    ? LOCALES
    : [isLocale(document.documentElement.lang) ? document.documentElement.lang : DEFAULT_LOCALE];

/**
 * One area's words in the page's languages, each loaded with its own import: `(lang) => words`. Where
 * English is loaded this way too, a Korean page downloads no English words (about 3 KB gzipped on a
 * widget page, which kept /ko/ and /ko/lab/ over their 30 KB budget). A language the page did not load
 * (a widget whose lang differs from the page's) gets the page's.
 */
export async function pageLocaleWords<T>(loaders: Record<Locale, () => Promise<T>>): Promise<(lang: Locale) => T> {
  const loaded: Partial<Record<Locale, T>> = {};
  await Promise.all(
    PAGE_LOCALES.map(async (l) => {
      loaded[l] = await loaders[l]();
    }),
  );
  const pages = loaded[PAGE_LOCALES[0] ?? DEFAULT_LOCALE] as T;
  return (lang) => loaded[lang] ?? pages;
}

/**
 * One area's words in the page's languages, English already imported: `(lang) => words`. A language
 * the page did not load (a Korean widget on a page that is not Korean) gets English.
 */
export async function localeWords<T>(en: T, others: Record<Other, () => Promise<T>>): Promise<(lang: Locale) => T> {
  const words = await pageLocaleWords<T>({ ...others, en: async () => en });
  return (lang) => (PAGE_LOCALES.includes(lang) ? words(lang) : en);
}
