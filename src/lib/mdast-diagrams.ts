/**
 * Markdown plugin (Sätteri, Astro 7's Markdown processor): turns each ```mermaid fenced block of a lesson into a figure with the pre-rendered
 * light and dark SVGs from the committed cache (see diagrams.ts). Missing SVGs fail the build with the
 * lesson, the line and the command that makes them, so a lesson never ships a blank diagram.
 *
 * Output (as MDX JSX, so it passes through MDX untouched):
 *   <figure class="diagram">
 *     <button class="diagram-open" popovertarget="diagram-<key>-<line>">
 *       <img class="diagram-img" data-variant="light" src="/diagrams/<key>.light.svg" width height alt>
 *       <img class="diagram-img" data-variant="dark"  src="/diagrams/<key>.dark.svg"  …>
 *       <span class="diagram-open-hint">Open full size</span>
 *     </button>
 *     <figcaption>caption</figcaption>
 *     <details class="diagram-source"><summary>…</summary><pre><code>source</code></pre></details>
 *     <div popover id="diagram-<key>-<line>" class="diagram-full">a close button, the same images</div>
 *   </figure>
 *
 * A diagram fitted to a phone's width has text of 4 to 7 px: the button opens it full-screen at its
 * own size (its text at mermaid's 12 to 18 px), to be panned. The popover attribute does that without
 * a line of script, and its lazy images load only when it opens.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SatteriProcessorOptions } from '@astrojs/markdown-satteri';
import { t } from '../i18n/catalogue.ts';
import type { Locale } from '../i18n/locales.ts';
import { englishTwinOf } from './heading-ids.ts';
import {
  DIAGRAM_THEMES,
  DIAGRAM_URL,
  diagramFile,
  diagramKey,
  normalizeDiagram,
  parseCaption,
  svgSize,
} from './diagrams.ts';

// The few mdast shapes this plugin touches, typed here so it does not depend on transitive @types.
interface Node {
  type: string;
  children?: Node[];
  [key: string]: unknown;
}
interface CodeNode extends Node {
  type: 'code';
  lang?: string | null;
  meta?: string | null;
  value: string;
  position?: { start: { line: number } };
}
interface JsxAttribute {
  type: 'mdxJsxAttribute';
  name: string;
  value: string;
}

function element(name: string, attributes: Record<string, string>, children: Node[] = []): Node {
  const attrs: JsxAttribute[] = Object.entries(attributes).map(([n, value]) => ({
    type: 'mdxJsxAttribute',
    name: n,
    value,
  }));
  return { type: 'mdxJsxFlowElement', name, attributes: attrs, children };
}

const text = (value: string): Node => ({ type: 'text', value });

export interface DiagramsPluginOptions {
  /** Absolute path of the SVG cache folder (public/diagrams). */
  cacheDir: string;
  /** Project root, only to print short paths in errors. */
  root: string;
}

export function diagramFigure(
  node: CodeNode,
  options: DiagramsPluginOptions,
  where: string,
  locale: Locale = 'en',
): Node {
  const words = t(locale).site.diagram;
  const caption = parseCaption(node.meta);
  if (!caption) {
    throw new Error(
      `${where}: a mermaid diagram needs a caption that says what it shows (it is also the image's text alternative): ` +
        '```mermaid caption="The browser reconnects with Last-Event-ID…"',
    );
  }
  const code = normalizeDiagram(node.value);
  const key = diagramKey(code);
  const id = `diagram-${key}-${node.position?.start.line ?? 0}`;
  const images = () =>
    DIAGRAM_THEMES.map((theme) => {
      const path = join(options.cacheDir, diagramFile(key, theme));
      if (!existsSync(path)) {
        throw new Error(
          `${where}: the mermaid diagram "${caption.slice(0, 60)}…" has no cached ${theme} SVG (${relative(options.root, path)}). ` +
            'Run "npm run diagrams" to render it, then commit public/diagrams/.',
        );
      }
      const { width, height } = svgSize(readFileSync(path, 'utf8'));
      return element('img', {
        class: 'diagram-img',
        'data-variant': theme,
        src: `${DIAGRAM_URL}/${diagramFile(key, theme)}`,
        width: String(width),
        height: String(height),
        alt: caption,
        loading: 'lazy',
        decoding: 'async',
      });
    });
  return element('figure', { class: 'diagram', 'data-diagram': key }, [
    element('button', { type: 'button', class: 'diagram-open', popovertarget: id }, [
      ...images(),
      element('span', { class: 'diagram-open-hint' }, [text(words.open)]),
    ]),
    element('figcaption', {}, [text(caption)]),
    element('details', { class: 'diagram-source', 'data-pagefind-ignore': '' }, [
      element('summary', {}, [text(words.source)]),
      element('pre', {}, [element('code', {}, [text(code)])]),
    ]),
    element('div', { popover: '', id, class: 'diagram-full', 'data-pagefind-ignore': '' }, [
      element('button', { type: 'button', class: 'diagram-close', popovertarget: id, popovertargetaction: 'hide' }, [
        text(words.close),
      ]),
      ...images(),
    ]),
  ]);
}

type MdastPlugin = NonNullable<SatteriProcessorOptions['mdastPlugins']>[number];

/** The plugin for `markdown.processor: satteri({ mdastPlugins: [diagramsPlugin(…)] })`. */
export function diagramsPlugin(options: DiagramsPluginOptions): MdastPlugin {
  const plugin = {
    name: 'realtime-lab-diagrams',
    options: { position: true },
    code(node: CodeNode, ctx: { fileURL: URL | undefined }) {
      if (node.lang !== 'mermaid') return undefined;
      const file = ctx.fileURL ? fileURLToPath(ctx.fileURL) : undefined;
      const lesson = file ? relative(options.root, file) : 'a lesson';
      // A Korean lesson gets the figure's own words in Korean; its diagram is its own.
      const locale: Locale = file && englishTwinOf(file) ? 'ko' : 'en';
      return diagramFigure(node, options, `${lesson}:${node.position?.start.line ?? '?'}`, locale);
    },
  };
  // The figure is built from the few mdast/MDX-JSX shapes typed locally above; Sätteri's own node
  // union is far larger than what this plugin produces, so the local types are widened here once.
  return plugin as unknown as MdastPlugin;
}
