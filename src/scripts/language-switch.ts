/**
 * The language switcher's behaviour (LanguageSwitch.astro): on click it leads to the twin of the page
 * as it is now (its #section included, which the static link cannot know) and remembers the choice.
 */
import { isLocale } from '../i18n/locales.ts';
import { LANGUAGE_KEY, twinHref } from '../lib/language-choice.ts';

export function mountLanguageSwitch(): void {
  for (const link of document.querySelectorAll<HTMLAnchorElement>('a[data-language-switch]')) {
    const target = link.dataset.languageSwitch;
    if (!isLocale(target)) continue;
    const update = () => {
      link.href = twinHref(target, location.pathname, location.search, location.hash);
    };
    update();
    window.addEventListener('hashchange', update);
    link.addEventListener('click', () => {
      update();
      try {
        localStorage.setItem(LANGUAGE_KEY, target);
      } catch {
        // Storage refused: the switch still works, the choice is not remembered.
      }
    });
  }
}
