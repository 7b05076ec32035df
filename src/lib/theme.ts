/**
 * The learner's theme choice. 'system' (the default) stores nothing and lets prefers-color-scheme
 * decide; 'light' and 'dark' set data-theme on <html>, which global.css turns into color-scheme, and
 * every colour of the site (light-dark() tokens, Shiki code, diagram variants) follows from that.
 */
export const THEME_KEY = 'realtime-lab:theme';
export const THEME_CHOICES = ['system', 'light', 'dark'] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];

export const isThemeChoice = (v: unknown): v is ThemeChoice => (THEME_CHOICES as readonly unknown[]).includes(v);

export function readTheme(): ThemeChoice {
  try {
    const stored = localStorage.getItem(THEME_KEY);
    return isThemeChoice(stored) ? stored : 'system';
  } catch {
    return 'system';
  }
}

export function storeTheme(choice: ThemeChoice): void {
  try {
    if (choice === 'system') localStorage.removeItem(THEME_KEY);
    else localStorage.setItem(THEME_KEY, choice);
  } catch {
    // Storage refused: the choice holds for this page only.
  }
}

export function applyTheme(choice: ThemeChoice): void {
  if (choice === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = choice;
}
