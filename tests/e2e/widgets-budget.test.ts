// The JavaScript a page with widgets ships, read from the built site: every island's module and the
// modules it imports statically, plus inline scripts, gzipped. Dynamic imports (mermaid, loaded when a
// diagram comes near) are not counted: they are not fetched unless the reader gets there.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, test } from 'node:test';
import { projectRoot } from '../helpers/server.ts';

/** The course-experience budget for a lesson page, gzipped. */
const LESSON_JS_BUDGET_BYTES = 60 * 1024;
const dist = join(projectRoot, 'dist');

/** Static imports of a built module: `import … from "./x.js"` and `import "./x.js"`, not `import("./x.js")`. */
function staticImports(code: string): string[] {
  return [...code.matchAll(/(?:^|[;\s}])(?:import|export)\s*(?:[\w*{}\s,$]*?\s*from\s*)?["']([^"']+\.js)["']/g)].map(
    (m) => m[1]!,
  );
}

function pageJs(page: string): { bytes: number; files: string[] } {
  const html = readFileSync(join(dist, page), 'utf8');
  const entries = new Set<string>();
  for (const m of html.matchAll(/(?:component-url|renderer-url|src)="(\/_astro\/[^"]+\.js)"/g)) entries.add(m[1]!);
  // Inline module scripts import their chunks too (Astro's island loader is inline).
  const inline = [...html.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)]
    .map((m) => m[1]!)
    .filter((code) => code.trim() !== '');
  for (const code of inline) for (const spec of staticImports(code)) if (spec.startsWith('/_astro/')) entries.add(spec);

  const seen = new Set<string>();
  const queue = [...entries];
  let bytes = inline.reduce((n, code) => n + gzipSync(code).length, 0);
  while (queue.length > 0) {
    const url = queue.shift()!;
    if (seen.has(url)) continue;
    seen.add(url);
    const code = readFileSync(join(dist, url));
    bytes += gzipSync(code).length;
    for (const spec of staticImports(code.toString('utf8'))) queue.push(new URL(spec, `http://x${url}`).pathname);
  }
  return { bytes, files: [...seen] };
}

describe('JavaScript weight of pages with widgets', () => {
  test('the import scan sees static imports, not dynamic ones', () => {
    assert.deepEqual(
      staticImports('import{a as b}from"./a.js";import"./b.js";const m=import("./c.js");export{d}from"./d.js"'),
      ['./a.js', './b.js', './d.js'],
    );
  });

  test(`the SSE lesson stays within ${LESSON_JS_BUDGET_BYTES / 1024} KB of gzipped JavaScript with every island hydrated`, (t) => {
    assert.ok(existsSync(join(dist, 'lessons/sse/index.html')), 'the site is built (npm test builds it first)');
    const { bytes, files } = pageJs('lessons/sse/index.html');
    t.diagnostic(
      `lessons/sse: ${bytes} B gzipped over ${files.length} modules: ${files.map((f) => f.replace('/_astro/', '')).join(', ')}`,
    );
    assert.ok(
      files.some((f) => /TechniqueDemo/.test(f)),
      'the technique demo is counted',
    );
    assert.ok(!files.some((f) => /mermaid\.core/.test(f)), 'mermaid is loaded on demand, not counted');
    assert.ok(bytes <= LESSON_JS_BUDGET_BYTES, `${bytes} B gzipped`);
  });

  test(`the comparison lesson (the race) stays within ${LESSON_JS_BUDGET_BYTES / 1024} KB; uPlot comes only with a race`, (t) => {
    const { bytes, files } = pageJs('lessons/comparison/index.html');
    t.diagnostic(`lessons/comparison: ${bytes} B gzipped over ${files.length} modules`);
    assert.ok(
      files.some((f) => /\/Race\./.test(f)),
      'the race widget is counted',
    );
    assert.ok(!files.some((f) => /\/chart\./.test(f)), 'the chart module (uPlot) is imported dynamically, not counted');
    assert.ok(bytes <= LESSON_JS_BUDGET_BYTES, `${bytes} B gzipped`);
  });

  for (const lesson of ['introduction', 'polling']) {
    test(`the ${lesson} lesson, with the technique teaser hydrated, stays within ${LESSON_JS_BUDGET_BYTES / 1024} KB`, (t) => {
      const { bytes, files } = pageJs(`lessons/${lesson}/index.html`);
      t.diagnostic(`lessons/${lesson}: ${bytes} B gzipped over ${files.length} modules`);
      assert.ok(
        files.some((f) => /TechniqueTeaser/.test(f)),
        'the teaser is counted',
      );
      assert.ok(bytes <= LESSON_JS_BUDGET_BYTES, `${bytes} B gzipped`);
    });
  }

  test('the lab page, every widget at once, reports its weight', (t) => {
    const { bytes, files } = pageJs('lab/index.html');
    t.diagnostic(`lab: ${bytes} B gzipped over ${files.length} modules`);
    assert.ok(
      bytes <= LESSON_JS_BUDGET_BYTES,
      `${bytes} B gzipped: even with all six widgets the lab page fits a lesson's budget`,
    );
  });
});
