/**
 * Astro integration: every locale's 404 page as a file the server can send for an unknown path. Astro
 * writes src/pages/404.astro as dist/404.html but, with `build.format: 'directory'`, the Korean one
 * (src/pages/ko/404.astro) as dist/ko/404/index.html; this moves it to dist/ko/404.html, beside the
 * English one, which the server answers for unknown paths under /ko/.
 */
import type { AstroIntegration } from 'astro';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { DEFAULT_LOCALE, LOCALES } from '../i18n/locales.ts';

export function localizedNotFoundPages(): AstroIntegration {
  return {
    name: 'realtime-lab-not-found-pages',
    hooks: {
      'astro:build:done': ({ dir, logger }) => {
        const site = fileURLToPath(dir);
        for (const locale of LOCALES) {
          if (locale === DEFAULT_LOCALE) continue;
          const built = join(site, locale, '404', 'index.html');
          if (!existsSync(built))
            throw new Error(`No ${locale} 404 page at ${built}: src/pages/${locale}/404.astro is missing.`);
          renameSync(built, join(site, locale, '404.html'));
          rmSync(join(site, locale, '404'), { recursive: true });
          logger.info(`${locale}/404.html`);
        }
      },
    },
  };
}
