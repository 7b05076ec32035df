/**
 * Astro integration: builds the Pagefind search index into dist/pagefind/ at the end of `astro build`,
 * so search is part of every build (and of `npm start`'s build-if-stale) with no extra step.
 * Pages opt in with `data-pagefind-body` (lessons, glossary, API reference); the home page does not.
 */
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export function pagefindIndex(): AstroIntegration {
  return {
    name: 'realtime-lab-pagefind',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        // Imported here, not at the top: `astro dev` never needs the indexer's native binary.
        const pagefind = await import('pagefind');
        const site = fileURLToPath(dir);
        const { index, errors } = await pagefind.createIndex({});
        try {
          if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
          const added = await index.addDirectory({ path: site });
          if (added.errors.length > 0) throw new Error(`Pagefind could not index ${site}: ${added.errors.join('; ')}`);
          // A site with no indexable page would give a search that silently finds nothing.
          if (added.page_count === 0) throw new Error('Pagefind found no page with data-pagefind-body to index.');
          const written = await index.writeFiles({ outputPath: join(site, 'pagefind') });
          if (written.errors.length > 0)
            throw new Error(`Pagefind could not write its index: ${written.errors.join('; ')}`);
          logger.info(`search index: ${added.page_count} pages`);
        } finally {
          await pagefind.close();
        }
      },
    },
  };
}
