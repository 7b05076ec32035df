// `npm run diagrams`: renders every ```mermaid block of every lesson to a light and a dark SVG in
// public/diagrams/ (the committed cache the build reads), with mermaid in Debian's Chromium.
//   --check   render nothing: list diagrams whose SVGs are missing and exit 1 if any are
//   --force   re-render every diagram, not just the missing ones
// Files in the cache that no lesson uses any more are deleted, so the folder holds exactly the diagrams.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DIAGRAM_DIR,
  DIAGRAM_THEMES,
  MERMAID_CONFIG,
  diagramFile,
  diagramKey,
  findDiagrams,
  normalizeDiagram,
  type DiagramTheme,
} from '../src/lib/diagrams.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const cacheDir = join(root, DIAGRAM_DIR);

export interface FoundDiagram {
  key: string;
  code: string;
  where: string;
}

function* mdxFiles(dir: string): Generator<string> {
  if (!existsSync(dir)) return;
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = join(dir, e.name);
    if (e.isDirectory()) yield* mdxFiles(full);
    else if (/\.mdx?$/.test(e.name)) yield full;
  }
}

/** Every diagram in content/, deduplicated by key (the same diagram in two lessons renders once). */
export function collectDiagrams(projectRoot = root): FoundDiagram[] {
  const byKey = new Map<string, FoundDiagram>();
  for (const file of mdxFiles(join(projectRoot, 'content'))) {
    for (const block of findDiagrams(readFileSync(file, 'utf8'))) {
      const code = normalizeDiagram(block.code);
      const key = diagramKey(code);
      if (!byKey.has(key)) byKey.set(key, { key, code, where: `${relative(projectRoot, file)}:${block.line}` });
    }
  }
  return [...byKey.values()];
}

/** Diagram files (key × theme) that the cache lacks. */
export function missingSvgs(
  diagrams: FoundDiagram[],
  dir = cacheDir,
): { diagram: FoundDiagram; theme: DiagramTheme }[] {
  return diagrams.flatMap((diagram) =>
    DIAGRAM_THEMES.filter((theme) => !existsSync(join(dir, diagramFile(diagram.key, theme)))).map((theme) => ({
      diagram,
      theme,
    })),
  );
}

/**
 * mermaid sizes its SVG with width="100%" and a max-width style; as a stand-alone image it should carry
 * its own size instead, so an <img> has an intrinsic size and `height: auto` keeps its aspect ratio.
 */
function standalone(svg: string): string {
  const view = /viewBox="\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)\s*"/.exec(svg);
  if (!view) throw new Error('mermaid produced an SVG without a viewBox');
  const width = Math.ceil(Number(view[1]));
  const height = Math.ceil(Number(view[2]));
  return svg.replace(/<svg\b[^>]*>/, (tag) =>
    tag
      .replace(/\swidth="[^"]*"/, '')
      .replace(/\sheight="[^"]*"/, '')
      .replace(/\sstyle="[^"]*"/, '')
      .replace('<svg', `<svg width="${width}" height="${height}"`),
  );
}

async function render(todo: { diagram: FoundDiagram; theme: DiagramTheme }[]): Promise<void> {
  const { launchChromium } = await import('../tests/helpers/browser.ts');
  const mermaidJs = createRequire(import.meta.url).resolve('mermaid/dist/mermaid.min.js');
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.setContent('<!doctype html><html><body></body></html>');
    await page.addScriptTag({ path: mermaidJs });
    mkdirSync(cacheDir, { recursive: true });
    for (const { diagram, theme } of todo) {
      const svg = await page.evaluate(
        async ({ code, config, id }) => {
          const mermaid = (
            window as unknown as {
              mermaid: { initialize(c: object): void; render(id: string, code: string): Promise<{ svg: string }> };
            }
          ).mermaid;
          mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', ...config });
          return (await mermaid.render(id, code)).svg;
        },
        { code: diagram.code, config: MERMAID_CONFIG[theme], id: `d${diagram.key}-${theme}` },
      );
      writeFileSync(join(cacheDir, diagramFile(diagram.key, theme)), `${standalone(svg)}\n`);
      console.log(`rendered ${diagramFile(diagram.key, theme)}  (${diagram.where})`);
    }
  } finally {
    await browser.close();
  }
}

function prune(diagrams: FoundDiagram[]): void {
  if (!existsSync(cacheDir)) return;
  const wanted = new Set(diagrams.flatMap((d) => DIAGRAM_THEMES.map((t) => diagramFile(d.key, t))));
  for (const name of readdirSync(cacheDir)) {
    if (name.endsWith('.svg') && !wanted.has(name)) {
      rmSync(join(cacheDir, name));
      console.log(`removed ${name} (no lesson uses it)`);
    }
  }
}

if (import.meta.main) {
  const diagrams = collectDiagrams();
  const missing = missingSvgs(diagrams);
  if (process.argv.includes('--check')) {
    for (const { diagram, theme } of missing) console.error(`missing ${theme} SVG for the diagram at ${diagram.where}`);
    console.log(`${diagrams.length} diagrams, ${missing.length} SVGs missing`);
    process.exit(missing.length === 0 ? 0 : 1);
  }
  const todo = process.argv.includes('--force')
    ? diagrams.flatMap((diagram) => DIAGRAM_THEMES.map((theme) => ({ diagram, theme })))
    : missing;
  if (todo.length > 0) await render(todo);
  prune(diagrams);
  console.log(`${diagrams.length} diagrams in the lessons; ${todo.length} SVGs rendered into ${DIAGRAM_DIR}/.`);
}
