// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import preact from '@astrojs/preact';
import { realtimeLabApi } from './api/dev-integration.ts';

// The site is fully static: the live parts talk to the backend (api/) on the same origin,
// which serves dist/ in production and is mounted into `astro dev` by realtimeLabApi().
export default defineConfig({
  output: 'static',
  outDir: 'dist',
  // Lesson URLs are /lessons/<slug>/ and every link is written that way. Not 'always': in `astro dev`
  // that makes Astro answer 404 to /api/... (no trailing slash) before realtimeLabApi() sees it.
  trailingSlash: 'ignore',
  build: {
    // /lessons/sse/index.html, so the trailing-slash URL is what every static server serves.
    format: 'directory',
  },
  // `npm run dev` honours the same PORT and HOST as `npm start`.
  server: { port: Number(process.env.PORT || 4321), host: process.env.HOST || '127.0.0.1' },
  integrations: [mdx(), preact(), realtimeLabApi()],
  markdown: {
    shikiConfig: {
      // Dual themes: the colours switch with prefers-color-scheme in global.css.
      themes: { light: 'github-light', dark: 'github-dark' },
    },
  },
});
