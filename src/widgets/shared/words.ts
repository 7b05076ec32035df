/**
 * The words of the live widgets and of the techniques, in the page's language: `widgetWords(lang)` is
 * `t(lang).widgets`, `techniqueWords(lang)` is `t(lang).techniques` (see ./locale-words.ts for why they
 * are loaded here and not through the whole catalogue).
 */
import { techniqueStrings } from '../../i18n/en/techniques.ts';
import { widgetStrings } from '../../i18n/en/widgets.ts';
import { localeWords } from './locale-words.ts';

export const widgetWords = await localeWords(widgetStrings, {
  ko: async () => (await import('../../i18n/ko/widgets.ts')).widgetStrings,
});

export const techniqueWords = await localeWords(techniqueStrings, {
  ko: async () => (await import('../../i18n/ko/techniques.ts')).techniqueStrings,
});
