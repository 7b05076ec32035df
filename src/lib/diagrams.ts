/**
 * Mermaid diagrams are rendered to SVG ahead of time (`npm run diagrams`, in Chromium) and committed
 * under public/diagrams/, keyed by a hash of the diagram and its theme. A lesson then ships two small
 * static images instead of ~200 KB gzipped of mermaid, and `npm start` needs no browser.
 *
 * This module is shared by the remark plugin (build), the render script and the cache test, so all
 * three agree on what a diagram is and where its SVG lives. Plain Node: no Astro imports here.
 */
import { createHash } from 'node:crypto';

export const DIAGRAM_THEMES = ['light', 'dark'] as const;
export type DiagramTheme = (typeof DIAGRAM_THEMES)[number];

/** Where the cache lives, relative to the project root; served as /diagrams/. */
export const DIAGRAM_DIR = 'public/diagrams';
export const DIAGRAM_URL = '/diagrams';

// Verdana/DejaVu first: mermaid sizes boxes with the fonts of the machine that renders, and these are
// among the widest common sans fonts, so a reader's narrower font never overflows a box.
const FONT = 'Verdana, "DejaVu Sans", Arial, sans-serif';

/**
 * mermaid configuration per theme. Both start from mermaid's neutral `base` theme with the site's
 * palette. Why not mermaid's `dark` theme: its message (edge) labels are drawn in a mid grey that fails
 * WCAG contrast on a dark page; tests/e2e/diagrams.test.ts measures every text of every cached SVG.
 * Changing anything here changes every diagram's key, so `npm run diagrams` re-renders them all.
 */
export const MERMAID_CONFIG: Record<DiagramTheme, Record<string, unknown>> = {
  light: {
    theme: 'base',
    fontFamily: FONT,
    themeVariables: {
      fontFamily: FONT,
      background: '#f4f6f9',
      primaryColor: '#e8efff',
      primaryBorderColor: '#0a55d6',
      primaryTextColor: '#1b1e24',
      lineColor: '#4f5866',
      textColor: '#1b1e24',
      actorBkg: '#e8efff',
      actorBorder: '#0a55d6',
      actorTextColor: '#1b1e24',
      actorLineColor: '#8a94a3',
      signalColor: '#1b1e24',
      signalTextColor: '#1b1e24',
      noteBkgColor: '#fff4d6',
      noteBorderColor: '#9a6700',
      noteTextColor: '#1b1e24',
      labelBoxBkgColor: '#e8efff',
      labelBoxBorderColor: '#0a55d6',
      labelTextColor: '#1b1e24',
      loopTextColor: '#1b1e24',
      sequenceNumberColor: '#ffffff',
    },
    sequence: { useMaxWidth: false, mirrorActors: false },
    flowchart: { useMaxWidth: false, htmlLabels: false },
    // Mermaid 11 reads htmlLabels here, not under flowchart: without it a flowchart's labels are HTML
    // (<br> unclosed), which an <img> cannot draw (tests/e2e/diagrams.test.ts loads each SVG as one).
    htmlLabels: false,
  },
  dark: {
    theme: 'base',
    fontFamily: FONT,
    themeVariables: {
      darkMode: true,
      fontFamily: FONT,
      background: '#181c23',
      primaryColor: '#1f2b44',
      primaryBorderColor: '#82aaff',
      primaryTextColor: '#e6e9ee',
      lineColor: '#c3cad5',
      textColor: '#e6e9ee',
      actorBkg: '#1f2b44',
      actorBorder: '#82aaff',
      actorTextColor: '#e6e9ee',
      actorLineColor: '#6b7685',
      signalColor: '#e6e9ee',
      signalTextColor: '#e6e9ee',
      noteBkgColor: '#3a3120',
      noteBorderColor: '#e3b341',
      noteTextColor: '#f3f4f6',
      labelBoxBkgColor: '#1f2b44',
      labelBoxBorderColor: '#82aaff',
      labelTextColor: '#e6e9ee',
      loopTextColor: '#e6e9ee',
      sequenceNumberColor: '#0b1020',
    },
    sequence: { useMaxWidth: false, mirrorActors: false },
    flowchart: { useMaxWidth: false, htmlLabels: false },
    // Mermaid 11 reads htmlLabels here, not under flowchart: without it a flowchart's labels are HTML
    // (<br> unclosed), which an <img> cannot draw (tests/e2e/diagrams.test.ts loads each SVG as one).
    htmlLabels: false,
  },
};

/** A ```mermaid fenced block found in a lesson. */
export interface DiagramBlock {
  code: string;
  caption: string | undefined;
  /** 1-based line of the opening fence, for error messages. */
  line: number;
}

/** The cache key: the same diagram text with the same theme settings always maps to the same files. */
export function diagramKey(code: string): string {
  return createHash('sha256')
    .update(JSON.stringify(MERMAID_CONFIG))
    .update('\0')
    .update(normalizeDiagram(code))
    .digest('hex')
    .slice(0, 16);
}

/** Trailing spaces and outer blank lines are not part of a diagram's meaning. */
export function normalizeDiagram(code: string): string {
  return code
    .split(/\r?\n/)
    .map((l) => l.trimEnd())
    .join('\n')
    .trim();
}

export function diagramFile(key: string, theme: DiagramTheme): string {
  return `${key}.${theme}.svg`;
}

/** `caption="…"` from a fence's meta string (```mermaid caption="The browser reconnects…"). */
export function parseCaption(meta: string | null | undefined): string | undefined {
  const m = /caption=(?:"([^"]*)"|'([^']*)')/.exec(meta ?? '');
  const caption = (m?.[1] ?? m?.[2])?.trim();
  return caption ? caption : undefined;
}

/**
 * Every ```mermaid block of a Markdown/MDX text, in order. A deliberately small fence scanner
 * (CommonMark fences of 3+ backticks or tildes, closed by a fence at least as long): the script and the
 * cache test use it without a Markdown parser; the build uses the real parser, and if the two ever
 * disagreed the build would fail naming the diagram whose SVG is missing.
 */
export function findDiagrams(source: string): DiagramBlock[] {
  const lines = source.split(/\r?\n/);
  const blocks: DiagramBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^ {0,3}(`{3,}|~{3,})\s*([\w-]*)\s*(.*)$/.exec(lines[i]!);
    if (!open) continue;
    const fence = open[1]!;
    const closing = new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`);
    let end = i + 1;
    while (end < lines.length && !closing.test(lines[end]!)) end++;
    if (open[2] === 'mermaid') {
      blocks.push({ code: lines.slice(i + 1, end).join('\n'), caption: parseCaption(open[3]), line: i + 1 });
    }
    i = end;
  }
  return blocks;
}

/** Width and height from an SVG's viewBox, so the page reserves the diagram's box before it loads. */
export function svgSize(svg: string): { width: number; height: number } {
  const m = /<svg[^>]*\sviewBox="\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)\s*"/.exec(svg);
  if (!m) throw new Error('SVG has no viewBox with a width and height.');
  return { width: Math.ceil(Number(m[1])), height: Math.ceil(Number(m[2])) };
}
