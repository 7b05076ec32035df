/**
 * The teaser's words, and every technique's name as a heading, in the page's language:
 * `teaserWords(lang)` is `t(lang).widgetsTeaser` (./locale-words.ts).
 */
import { pageLocaleWords } from './locale-words.ts';

export const teaserWords = await pageLocaleWords({
  en: async () => (await import('../../i18n/en/widgetsTeaser.ts')).teaserWidgetStrings,
  ko: async () => (await import('../../i18n/ko/widgetsTeaser.ts')).teaserWidgetStrings,
});
