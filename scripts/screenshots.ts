// `npm run screenshots`: PNGs of the built site for a reviewer, in screenshots/ (git-ignored):
// the home page, one lesson in light and dark, and both on a 360 px phone. Runs the real server on a
// free port and Debian's Chromium, like the browser tests.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from '../tests/helpers/browser.ts';
import { projectRoot, startTestServer } from '../tests/helpers/server.ts';

const OUT = join(projectRoot, 'screenshots');
const LESSON = process.env.SCREENSHOT_LESSON ?? '/lessons/sse/';

interface Shot {
  name: string;
  path: string;
  width: number;
  height: number;
  scheme: 'light' | 'dark';
  fullPage?: boolean;
  /** Scroll this selector into view first (and let islands hydrate). */
  scrollTo?: string;
}

const SHOTS: Shot[] = [
  { name: 'home-1440-light', path: '/', width: 1440, height: 900, scheme: 'light' },
  { name: 'home-1440-dark', path: '/', width: 1440, height: 900, scheme: 'dark' },
  { name: 'lesson-1440-light', path: LESSON, width: 1440, height: 900, scheme: 'light' },
  { name: 'lesson-1440-dark', path: LESSON, width: 1440, height: 900, scheme: 'dark' },
  { name: 'lesson-demo-1440-dark', path: LESSON, width: 1440, height: 900, scheme: 'dark', scrollTo: '[data-demo]' },
  {
    name: 'lesson-diagram-1440-dark',
    path: LESSON,
    width: 1440,
    height: 900,
    scheme: 'dark',
    scrollTo: 'figure.diagram',
  },
  {
    name: 'lesson-quiz-1440-light',
    path: LESSON,
    width: 1440,
    height: 900,
    scheme: 'light',
    scrollTo: 'section.quiz:last-of-type',
  },
  { name: 'lesson-full-1440-light', path: LESSON, width: 1440, height: 900, scheme: 'light', fullPage: true },
  { name: 'home-360-light', path: '/', width: 360, height: 780, scheme: 'light' },
  { name: 'lesson-360-light', path: LESSON, width: 360, height: 780, scheme: 'light' },
  { name: 'lesson-360-dark', path: LESSON, width: 360, height: 780, scheme: 'dark', scrollTo: '[data-demo]' },
  { name: 'glossary-1440-light', path: '/glossary/', width: 1440, height: 900, scheme: 'light' },
  { name: 'api-1440-dark', path: '/api-reference/', width: 1440, height: 900, scheme: 'dark' },
];

mkdirSync(OUT, { recursive: true });
const server = await startTestServer();
const browser = await launchChromium();
try {
  for (const shot of SHOTS) {
    const context = await browser.newContext({
      viewport: { width: shot.width, height: shot.height },
      colorScheme: shot.scheme,
    });
    const page = await context.newPage();
    await page.goto(new URL(shot.path, server.base).href, { waitUntil: 'load' });
    if (shot.scrollTo) {
      await page.locator(shot.scrollTo).first().scrollIntoViewIfNeeded();
      // Let a widget hydrate and receive a few events, and lazy images decode.
      await page.waitForTimeout(2500);
    }
    if (shot.fullPage) {
      // Bring every lazy image in, so the full page shows the diagrams.
      await page.evaluate(async () => {
        for (let y = 0; y < document.body.scrollHeight; y += 600) {
          window.scrollTo(0, y);
          await new Promise((r) => setTimeout(r, 50));
        }
        window.scrollTo(0, 0);
      });
      await page.waitForTimeout(1000);
    }
    const file = join(OUT, `${shot.name}.png`);
    await page.screenshot({ path: file, fullPage: shot.fullPage ?? false });
    console.log(`wrote ${file}`);
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
