/**
 * Astro integration: the twin check (src/lib/twin-check.ts) at the start of every build and dev server.
 * A Korean lesson whose structure differs from its English one fails `astro build` with the reason; a
 * missing twin and a stale one (the English changed since `translatedFrom`) are warnings naming the file,
 * so the English course never waits for its translation. `npm run twins` prints the same report.
 */
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { describeReport } from './twin-check.ts';
import { projectTwinReport } from './twin-files.ts';

export function twinCheck(): AstroIntegration {
  return {
    name: 'realtime-lab-twin-check',
    hooks: {
      'astro:config:setup': ({ config, command, logger }) => {
        const { errors, warnings } = describeReport(projectTwinReport(fileURLToPath(config.root)));
        for (const w of warnings) logger.warn(w);
        if (errors.length === 0) return;
        const message = `The Korean lessons break the twin rule (docs/i18n.md):\n  ${errors.join('\n  ')}`;
        if (command === 'build') throw new Error(message);
        logger.error(message);
      },
    },
  };
}
