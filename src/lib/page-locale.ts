/**
 * The locale of the page being rendered: Astro's own (`Astro.currentLocale`, from the i18n routing in
 * astro.config.mjs), or, where Astro gives none (a component rendered outside a localized route), the
 * path rule of src/i18n/locales.ts. Every Astro component and page gets its words as
 * `t(pageLocale(Astro))`.
 */
import { isLocale, localeOfPath, type Locale } from '../i18n/locales.ts';

export function pageLocale(astro: { currentLocale?: string | undefined; url: URL }): Locale {
  return isLocale(astro.currentLocale) ? astro.currentLocale : localeOfPath(astro.url.pathname);
}
