/**
 * The words of the live widgets and of the techniques, in the page's language: `widgetWords(lang)` is
 * `t(lang).widgets`, `techniqueWords(lang)` is `t(lang).techniques` (see ./locale-words.ts for why they
 * are loaded here and not through the whole catalogue).
 */
import { pageLocaleWords } from './locale-words.ts';

export const widgetWords = await pageLocaleWords({
  en: async () => (await import('../../i18n/en/widgets.ts')).widgetStrings,
  ko: async () => (await import('../../i18n/ko/widgets.ts')).widgetStrings,
});

export const techniqueWords = await pageLocaleWords({
  en: async () => (await import('../../i18n/en/techniques.ts')).techniqueStrings,
  ko: async () => (await import('../../i18n/ko/techniques.ts')).techniqueStrings,
});
