/** The lab widgets' words in the page's language: `labWords(lang)` is `t(lang).widgetsLab` (./locale-words.ts). */
import { labWidgetStrings } from '../../i18n/en/widgetsLab.ts';
import { localeWords } from './locale-words.ts';

export const labWords = await localeWords(labWidgetStrings, {
  ko: async () => (await import('../../i18n/ko/widgetsLab.ts')).labWidgetStrings,
});
