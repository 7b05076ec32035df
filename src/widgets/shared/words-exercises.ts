/**
 * The exercises' words in the page's language: `exerciseWords(lang)` is `t(lang).exercises`,
 * `exerciseWidgetWords(lang)` is `t(lang).widgetsExercise` (./locale-words.ts).
 */
import { exerciseStrings } from '../../i18n/en/exercises.ts';
import { exerciseWidgetStrings } from '../../i18n/en/widgetsExercise.ts';
import { localeWords } from './locale-words.ts';

export const exerciseWords = await localeWords(exerciseStrings, {
  ko: async () => (await import('../../i18n/ko/exercises.ts')).exerciseStrings,
});

export const exerciseWidgetWords = await localeWords(exerciseWidgetStrings, {
  ko: async () => (await import('../../i18n/ko/widgetsExercise.ts')).exerciseWidgetStrings,
});
