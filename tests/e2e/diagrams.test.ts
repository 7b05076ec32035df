// Every cached diagram SVG, light and dark, is legible: each text in it has at least WCAG AA contrast
// (4.5:1) against what is drawn behind it (a box, a note, or the figure's background). This is the
// check mermaid's stock dark theme fails on its edge labels; src/lib/diagrams.ts has our palette.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIAGRAM_DIR } from '../../src/lib/diagrams.ts';
import { projectRoot } from '../helpers/server.ts';
import { useSite } from '../helpers/site.ts';

const site = useSite();
const MIN_CONTRAST = 4.5;
const files = readdirSync(join(projectRoot, DIAGRAM_DIR)).filter((f) => f.endsWith('.svg'));

// The figure background behind a diagram (--bg-soft in src/styles/global.css).
const FIGURE_BG = { light: '#f4f6f9', dark: '#181c23' } as const;

for (const file of files) {
  const theme = file.endsWith('.dark.svg') ? 'dark' : 'light';
  test(`${file}: every text has contrast >= ${MIN_CONTRAST}:1 on the ${theme} page`, async () => {
    const context = await site.browser.newContext({ colorScheme: theme });
    try {
      const page = await context.newPage();
      const svg = readFileSync(join(projectRoot, DIAGRAM_DIR, file), 'utf8');
      await page.setContent(`<!doctype html><body style="margin:0;background:${FIGURE_BG[theme]}">${svg}</body>`);
      const texts = await page.evaluate((pageBg) => {
        const parse = (color: string): [number, number, number] | null => {
          const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/.exec(color);
          if (!m || (m[4] !== undefined && Number(m[4]) === 0)) return null;
          return [Number(m[1]), Number(m[2]), Number(m[3])];
        };
        const luminance = ([r, g, b]: [number, number, number]) => {
          const c = [r, g, b].map((v) => {
            const s = v / 255;
            return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
          });
          return 0.2126 * c[0]! + 0.7152 * c[1]! + 0.0722 * c[2]!;
        };
        const ratio = (a: [number, number, number], b: [number, number, number]) => {
          const [l1, l2] = [luminance(a), luminance(b)].sort((x, y) => y - x);
          return (l1! + 0.05) / (l2! + 0.05);
        };
        const probe = document.createElement('div');
        probe.style.color = pageBg;
        document.body.append(probe);
        const bg = parse(getComputedStyle(probe).color)!;
        const shapes = 'rect, path, polygon, circle, ellipse';
        return [...document.querySelectorAll('svg text, svg tspan')]
          .filter((t) => (t.textContent ?? '').trim() !== '' && !(t.tagName === 'text' && t.querySelector('tspan')))
          .map((t) => {
            const box = t.getBoundingClientRect();
            const x = box.left + box.width / 2;
            const y = box.top + box.height / 2;
            const fill = parse(getComputedStyle(t).fill) ?? parse(getComputedStyle(t).color)!;
            // What is painted under the text's centre: the topmost filled shape, else the page.
            const under = document
              .elementsFromPoint(x, y)
              .find(
                (el) =>
                  el.matches(shapes) && parse(getComputedStyle(el).fill) && getComputedStyle(el).fillOpacity !== '0',
              );
            const back = under ? parse(getComputedStyle(under).fill)! : bg;
            return { text: (t.textContent ?? '').trim(), contrast: ratio(fill, back), fill, back };
          });
      }, FIGURE_BG[theme]);
      assert.ok(texts.length > 0, 'the diagram has text');
      const poor = texts
        .filter((t) => t.contrast < MIN_CONTRAST)
        .map((t) => `"${t.text}" ${t.contrast.toFixed(2)}:1 (rgb ${t.fill} on ${t.back})`);
      assert.deepEqual(poor, [], 'texts below AA contrast');
    } finally {
      await context.close();
    }
  });
}

// A lesson shows a diagram as <img src="…svg">, which only an SVG that is well-formed XML draws: an HTML
// label (mermaid's htmlLabels) with a bare <br> is drawn inline (the contrast check above) but is a
// broken image in the lesson. Each file is loaded the way the lesson loads it, and must decode.
test('every cached SVG is a picture an <img> can draw (well-formed XML)', async () => {
  const page = await site.browser.newPage();
  try {
    await page.goto(`${site.server.base}/`);
    const broken = await page.evaluate(async (names) => {
      const failed: string[] = [];
      for (const name of names) {
        const img = new Image();
        img.src = `/diagrams/${name}`;
        try {
          await img.decode();
          if (img.naturalWidth === 0) failed.push(`${name}: no width`);
        } catch {
          failed.push(name);
        }
      }
      return failed;
    }, files);
    assert.deepEqual(broken, [], 'SVGs that an <img> cannot draw (run "npm run diagrams -- --force")');
  } finally {
    await page.close();
  }
});
