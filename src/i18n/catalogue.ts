/**
 * The string catalogue: everything a learner reads in the interface, one typed object per locale.
 * `t(locale)` is how a page, a component or a widget gets its words; each area (techniques, exercises,
 * and the ones added beside them) has an English file that defines its type and a Korean file of that
 * type, so a missing Korean string is a type error. `assertSameShape` repeats the check when the
 * module loads, so it is also a build error (astro build does not type-check) and never English
 * words on a Korean page.
 */
import { benchStrings as benchEn } from './en/bench.ts';
import { exerciseStrings as exercisesEn } from './en/exercises.ts';
import { siteStrings as siteEn } from './en/site.ts';
import { siteClientStrings as siteClientEn } from './en/site-client.ts';
import { claimReasons as siteClaimsEn } from './en/site-claims.ts';
import { apiStrings as siteApiEn } from './en/site-api.ts';
import { techniqueStrings as techniquesEn } from './en/techniques.ts';
import { benchStrings as benchKo } from './ko/bench.ts';
import { widgetStrings as widgetsEn } from './en/widgets.ts';
import { exerciseWidgetStrings as widgetsExerciseEn } from './en/widgetsExercise.ts';
import { labWidgetStrings as widgetsLabEn } from './en/widgetsLab.ts';
import { raceWidgetStrings as widgetsRaceEn } from './en/widgetsRace.ts';
import { teaserWidgetStrings as widgetsTeaserEn } from './en/widgetsTeaser.ts';
import { exerciseStrings as exercisesKo } from './ko/exercises.ts';
import { siteStrings as siteKo } from './ko/site.ts';
import { siteClientStrings as siteClientKo } from './ko/site-client.ts';
import { claimReasons as siteClaimsKo } from './ko/site-claims.ts';
import { apiStrings as siteApiKo } from './ko/site-api.ts';
import { techniqueStrings as techniquesKo } from './ko/techniques.ts';
import { widgetStrings as widgetsKo } from './ko/widgets.ts';
import { exerciseWidgetStrings as widgetsExerciseKo } from './ko/widgetsExercise.ts';
import { labWidgetStrings as widgetsLabKo } from './ko/widgetsLab.ts';
import { raceWidgetStrings as widgetsRaceKo } from './ko/widgetsRace.ts';
import { teaserWidgetStrings as widgetsTeaserKo } from './ko/widgetsTeaser.ts';
import type { Locale } from './locales.ts';

const en = {
  techniques: techniquesEn,
  exercises: exercisesEn,
  site: siteEn,
  siteClient: siteClientEn,
  siteClaims: siteClaimsEn,
  siteApi: siteApiEn,
  bench: benchEn,
  widgets: widgetsEn,
  widgetsLab: widgetsLabEn,
  widgetsRace: widgetsRaceEn,
  widgetsTeaser: widgetsTeaserEn,
  widgetsExercise: widgetsExerciseEn,
};

export type Catalogue = typeof en;

const ko: Catalogue = {
  techniques: techniquesKo,
  exercises: exercisesKo,
  site: siteKo,
  siteClient: siteClientKo,
  siteClaims: siteClaimsKo,
  siteApi: siteApiKo,
  bench: benchKo,
  widgets: widgetsKo,
  widgetsLab: widgetsLabKo,
  widgetsRace: widgetsRaceKo,
  widgetsTeaser: widgetsTeaserKo,
  widgetsExercise: widgetsExerciseKo,
};

const CATALOGUES: Record<Locale, Catalogue> = { en, ko };

/** Throws, naming the key, where `other` lacks a string, a function or a section that `reference` has. */
export function assertSameShape(reference: unknown, other: unknown, locale: string, path = ''): void {
  if (typeof reference !== 'object' || reference === null) {
    if (typeof other !== typeof reference)
      throw new Error(
        `string catalogue "${locale}": ${path || '(root)'} is ${typeof other}, English has ${typeof reference}`,
      );
    return;
  }
  if (typeof other !== 'object' || other === null)
    throw new Error(`string catalogue "${locale}": ${path || '(root)'} is missing`);
  for (const key of Object.keys(reference))
    assertSameShape(
      (reference as Record<string, unknown>)[key],
      (other as Record<string, unknown>)[key],
      locale,
      path ? `${path}.${key}` : key,
    );
}

for (const [locale, catalogue] of Object.entries(CATALOGUES)) assertSameShape(en, catalogue, locale);

/** The words of one language: `t('ko').exercises.run`. */
export function t(locale: Locale): Catalogue {
  return CATALOGUES[locale];
}
