// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import preact from '@astrojs/preact';
import { satteri } from '@astrojs/markdown-satteri';
import { fileURLToPath } from 'node:url';
import { realtimeLabApi } from './api/dev-integration.ts';
import { diagramsPlugin } from './src/lib/mdast-diagrams.ts';
import { headingLinksPlugin } from './src/lib/hast-heading-links.ts';
import { scrollableTablesPlugin } from './src/lib/hast-scrollable-tables.ts';
import { pagefindIndex } from './src/lib/pagefind-integration.ts';
import { twinCheck } from './src/lib/twin-integration.ts';
import { localizedNotFoundPages } from './src/lib/not-found-integration.ts';
import { DEFAULT_LOCALE, LOCALES } from './src/i18n/locales.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * Astro's content-assets plugin writes the directive "use astro:head-inject" at the top of the
 * `?astroPropagatedAssets` module it generates for every lesson, and Rolldown warns, once per lesson in
 * a box of ten lines, that bundling may not keep it. It is Astro's generated code, not ours; the built
 * pages are whole without it (the browser tests check every one), and a learner running `npm start`
 * can do nothing about it. Any other warning, another module-level directive included, still reaches
 * the log. A plugin, because Astro 7 builds pages in Vite environments of its own (prerender, client)
 * whose `build.rolldownOptions` it sets itself: a top-level `vite.build` option never reaches them.
 * @returns {import('vite').Plugin}
 */
function quietHeadInjectWarning() {
  return {
    name: 'realtime-lab-quiet-head-inject',
    configEnvironment() {
      return {
        build: {
          rolldownOptions: {
            onwarn(warning, warn) {
              if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && warning.message.includes('"use astro:head-inject"'))
                return;
              warn(warning);
            },
          },
        },
      };
    },
  };
}

/** `client:predict`: a demo hydrates once its predict question is answered (src/lib/predict-first.ts). */
const predictFirst = {
  name: 'realtime-lab-predict-first',
  hooks: {
    /** @param {{ addClientDirective: (d: { name: string; entrypoint: string }) => void }} options */
    'astro:config:setup': ({ addClientDirective }) => {
      addClientDirective({
        name: 'predict',
        entrypoint: fileURLToPath(new URL('./src/scripts/predict-directive.ts', import.meta.url)),
      });
    },
  },
};

// The site is fully static: the live parts talk to the backend (api/) on the same origin,
// which serves dist/ in production and is mounted into `astro dev` by realtimeLabApi().
export default defineConfig({
  output: 'static',
  outDir: 'dist',
  // English at today's URLs, Korean under /ko/ with the same paths (src/i18n/locales.ts, docs/i18n.md).
  // Astro.currentLocale gives every page and component its language; /ko/404.html is the Korean 404.
  i18n: {
    locales: [...LOCALES],
    defaultLocale: DEFAULT_LOCALE,
    routing: { prefixDefaultLocale: false },
  },
  // Lesson URLs are /lessons/<slug>/ and every link is written that way. Not 'always': in `astro dev`
  // that makes Astro answer 404 to /api/... (no trailing slash) before realtimeLabApi() sees it.
  trailingSlash: 'ignore',
  build: {
    // /lessons/sse/index.html, so the trailing-slash URL is what every static server serves.
    format: 'directory',
  },
  // `npm run dev` honours the same PORT and HOST as `npm start`.
  server: { port: Number(process.env.PORT || 4321), host: process.env.HOST || '127.0.0.1' },
  // pagefindIndex() indexes dist/ for search at the end of `astro build`.
  integrations: [
    twinCheck(),
    mdx(),
    preact(),
    realtimeLabApi(),
    predictFirst,
    localizedNotFoundPages(),
    pagefindIndex(),
  ],
  vite: { plugins: [quietHeadInjectWarning()] },
  markdown: {
    // Astro 7's Markdown processor; these plugins run for .md and .mdx alike.
    processor: satteri({
      mdastPlugins: [diagramsPlugin({ cacheDir: fileURLToPath(new URL('./public/diagrams', import.meta.url)), root })],
      hastPlugins: [headingLinksPlugin(), scrollableTablesPlugin()],
    }),
    shikiConfig: {
      // Every colour becomes light-dark(light, dark), so code follows the page's color-scheme
      // (the OS preference or the learner's choice) with no extra CSS.
      themes: { light: 'github-light-default', dark: 'github-dark-default' },
      defaultColor: 'light-dark()',
    },
  },
});
