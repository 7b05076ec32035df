// Every mermaid diagram in every lesson has its light and dark SVG in the committed cache, so the
// build (and `npm start` on a fresh machine) never needs a browser. The fix is `npm run diagrams`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { collectDiagrams, missingSvgs } from '../../scripts/diagrams.ts';
import { DIAGRAM_DIR, DIAGRAM_THEMES, diagramFile, svgSize } from '../../src/lib/diagrams.ts';
import { projectRoot } from '../helpers/server.ts';

test('every diagram in content/ has a cached light and dark SVG with a size', () => {
  const diagrams = collectDiagrams();
  assert.ok(diagrams.length > 0, 'the lessons have diagrams (the SSE lesson has one)');
  const missing = missingSvgs(diagrams, join(projectRoot, DIAGRAM_DIR));
  assert.deepEqual(
    missing.map(({ diagram, theme }) => `${diagram.where} (${theme})`),
    [],
    'diagrams without a cached SVG: run "npm run diagrams" and commit public/diagrams/',
  );
  for (const d of diagrams) {
    for (const theme of DIAGRAM_THEMES) {
      const svg = readFileSync(join(projectRoot, DIAGRAM_DIR, diagramFile(d.key, theme)), 'utf8');
      const { width, height } = svgSize(svg);
      assert.ok(width > 0 && height > 0, `${d.where} ${theme}: a sized SVG`);
      assert.match(
        svg,
        new RegExp(`<svg width="${width}" height="${height}"`),
        `${d.where} ${theme}: intrinsic size set for <img>`,
      );
    }
  }
});

test('a diagram edited in a lesson is reported missing until it is rendered again', () => {
  const [first] = collectDiagrams();
  const edited = { ...first!, key: '0000000000000000' };
  assert.deepEqual(
    missingSvgs([edited], join(projectRoot, DIAGRAM_DIR)).map((m) => m.theme),
    ['light', 'dark'],
  );
});
