/** The lab widgets' words in the page's language: `labWords(lang)` is `t(lang).widgetsLab` (./locale-words.ts). */
import { pageLocaleWords } from './locale-words.ts';

export const labWords = await pageLocaleWords({
  en: async () => (await import('../../i18n/en/widgetsLab.ts')).labWidgetStrings,
  ko: async () => (await import('../../i18n/ko/widgetsLab.ts')).labWidgetStrings,
});
