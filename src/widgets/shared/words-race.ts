/** The race's words in the page's language: `raceWords(lang)` is `t(lang).widgetsRace` (./locale-words.ts). */
import { raceWidgetStrings } from '../../i18n/en/widgetsRace.ts';
import { localeWords } from './locale-words.ts';

export const raceWords = await localeWords(raceWidgetStrings, {
  ko: async () => (await import('../../i18n/ko/widgetsRace.ts')).raceWidgetStrings,
});
