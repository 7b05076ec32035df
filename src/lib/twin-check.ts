/**
 * The twin rule of the Korean edition (docs/i18n.md): a Korean lesson (content/ko/lessons/<slug>.mdx)
 * is its English lesson (content/lessons/<slug>.mdx) with the text translated and nothing else changed.
 * This module reads both MDX sources as text and says where they differ in structure:
 *
 * - the headings: count, depth and order (Markdown `##` and JSX `<h3>` alike), and which lie in a DeepDive;
 * - the components (`<Quiz>`, `<SourcePanel>`, `<TechniqueDemo>`, …) in order, each with its non-text
 *   attributes (`id`, `technique`, `region`, `file`, `questions={…}`, `client:*`, …): text attributes
 *   (`title`, `label`, `caption`, …) are the translation's, and `lang` is the Korean side's own;
 * - every widget (a component imported from src/widgets/) carrying `lang="ko"`;
 * - the quizzes in the exported arrays: ids, kinds, the widget a predict question names, and which
 *   options are correct, in order;
 * - the code blocks, byte for byte, and the imported modules (one directory deeper in Korean); a
 *   mermaid diagram is the exception: it is drawn from its source, so its labels and caption are the
 *   translation's, and only its place among the code blocks is compared.
 *
 * And whether a twin is stale: its `translatedFrom` is the sha256 of the English file it was
 * translated from, so a different hash of today's English file means the English changed since.
 * Pure string work, so `node --test` checks it on fixtures (src/lib/twin-check.test.ts); the build
 * runs it through src/lib/twin-integration.ts and `npm run twins` prints the same report.
 */
import { createHash } from 'node:crypto';

/** Attributes whose value is words to translate; every other attribute must be the same in both. */
export const TEXT_ATTRIBUTES: ReadonlySet<string> = new Set([
  'title',
  'label',
  'caption',
  'alt',
  'summary',
  'prompt',
  'note',
  'text',
  'heading',
  'description',
  'placeholder',
  'aria-label',
]);

export interface Heading {
  depth: number;
  text: string;
  inDeepDive: boolean;
}

export interface Component {
  name: string;
  /** Non-text attributes, as written: `id="sse-basics"`, `questions={quiz}`, `client:visible`. */
  attributes: string[];
  lang?: string;
}

export interface LessonStructure {
  headings: Heading[];
  components: Component[];
  /** Names imported from src/widgets/ (the Preact islands). */
  widgets: string[];
  imports: string[];
  quizTokens: string[];
  codeBlocks: string[];
}

const FENCE = /^(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\1[ \t]*$/gm;
const FRONTMATTER = /^---\r?\n[\s\S]*?\r?\n---\r?\n/;

/** The frontmatter block's text (without the --- lines), or '' when there is none. */
export function frontmatterOf(source: string): string {
  return FRONTMATTER.exec(source)?.[0].replace(/^---\r?\n|\r?\n---\r?\n$/g, '') ?? '';
}

/** One top-level `key: value` of the frontmatter, unquoted; undefined when absent. */
export function frontmatterField(source: string, key: string): string | undefined {
  const line = new RegExp(`^${key}:[ \\t]*(.*)$`, 'm').exec(frontmatterOf(source));
  return line?.[1]?.trim().replace(/^(['"])(.*)\1$/, '$2');
}

/** Blanks fenced code, keeping line structure, so a `#` comment or a `<Tag>` in code is not read. */
const withoutFences = (s: string) => s.replace(FENCE, (m) => m.replace(/[^\n]/g, ' '));

/** ESM blocks (import/export) run to the next blank line, as MDX parses them. */
const ESM = /^(?:import|export)\b[\s\S]*?(?:\n[ \t]*\n|(?![\s\S]))/gm;

function attributesOf(raw: string): { attributes: string[]; lang?: string } {
  const attributes: string[] = [];
  let lang: string | undefined;
  // name="…" | name='…' | name={…} (one level of nested braces) | a bare name
  const ATTR = /([A-Za-z_:][\w:.-]*)(?:\s*=\s*("[^"]*"|'[^']*'|\{(?:[^{}]|\{[^{}]*\})*\}))?/g;
  for (const m of raw.matchAll(ATTR)) {
    const name = m[1]!;
    if (name === 'lang') {
      lang = m[2]?.replace(/^["']|["']$/g, '');
      continue;
    }
    if (TEXT_ATTRIBUTES.has(name)) continue;
    attributes.push(m[2] === undefined ? name : `${name}=${m[2]}`);
  }
  return { attributes, ...(lang !== undefined ? { lang } : {}) };
}

/** The structure of one lesson's MDX source. */
export function lessonStructure(source: string): LessonStructure {
  const body = source.replace(FRONTMATTER, '');
  const codeBlocks = [...body.matchAll(FENCE)].map((m) => m[0]);
  const noCode = withoutFences(body);
  const esm = [...noCode.matchAll(ESM)].map((m) => m[0]);
  const markup = noCode.replace(ESM, (m) => m.replace(/[^\n]/g, ' '));

  const imports: string[] = [];
  const widgets: string[] = [];
  for (const block of esm)
    for (const m of block.matchAll(/^import\s+([\s\S]*?)\s+from\s+['"]([^'"]+)['"]/gm)) {
      const spec = m[2]!.replace(/^(?:\.\.\/)+/, '');
      imports.push(spec);
      if (spec.startsWith('src/widgets/')) widgets.push(m[1]!.trim());
    }

  const quizTokens: string[] = [];
  for (const block of esm) {
    if (!block.startsWith('export')) continue;
    for (const m of block.matchAll(/\b(kind|id|widget|correct|text)\s*:\s*(?:'([^']*)'|"([^"]*)"|(true|false))?/g)) {
      const key = m[1]!;
      quizTokens.push(key === 'text' ? 'option' : `${key}=${m[2] ?? m[3] ?? m[4] ?? '?'}`);
    }
  }

  const headings: Heading[] = [];
  const components: Component[] = [];
  let deepDive = 0;
  // Headings (Markdown and JSX h1–h6) and component tags, in the order they appear.
  const TOKENS =
    /^(#{1,6})[ \t]+(.+?)[ \t#]*$|<(\/?)([A-Z][\w.]*|h[1-6])((?:\s+|[^\s>{}"'/]+|"[^"]*"|'[^']*'|\{(?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*\})*?)(\/?)>/gm;
  for (const m of markup.matchAll(TOKENS)) {
    if (m[1]) {
      headings.push({ depth: m[1].length, text: m[2]!, inDeepDive: deepDive > 0 });
      continue;
    }
    const closing = m[3] === '/';
    const name = m[4]!;
    if (/^h[1-6]$/.test(name)) {
      if (!closing) headings.push({ depth: Number(name[1]), text: '', inDeepDive: deepDive > 0 });
      continue;
    }
    if (name === 'DeepDive') {
      if (closing) deepDive = Math.max(0, deepDive - 1);
      else if (m[6] !== '/') deepDive++;
    }
    if (closing) continue;
    components.push({ name, ...attributesOf(m[5] ?? '') });
  }
  return { headings, components, widgets, imports, quizTokens, codeBlocks };
}

/** A ```mermaid block: a diagram whose words are translated, drawn to SVG from the Korean source. */
const isDiagram = (block: string) => /^(`{3,}|~{3,})mermaid\b/.test(block);

/** The first place two lists part, as "at #n: English has X, Korean has Y". */
function firstDifference<T>(en: readonly T[], ko: readonly T[], key: (x: T) => string): string | undefined {
  const n = Math.max(en.length, ko.length);
  for (let i = 0; i < n; i++) {
    const a = en[i] === undefined ? '(nothing)' : key(en[i]!);
    const b = ko[i] === undefined ? '(nothing)' : key(ko[i]!);
    if (a !== b)
      return `at #${i + 1}: English has ${a}, Korean has ${b} (English ${en.length}, Korean ${ko.length} in all)`;
  }
  return undefined;
}

/** Where a Korean twin's structure differs from its English lesson's; [] when it keeps the twin rule. */
export function twinProblems(enSource: string, koSource: string): string[] {
  const en = lessonStructure(enSource);
  const ko = lessonStructure(koSource);
  const problems: string[] = [];
  const compare = <T>(what: string, a: readonly T[], b: readonly T[], key: (x: T) => string) => {
    const d = firstDifference(a, b, key);
    if (d) problems.push(`${what} differ ${d}`);
  };
  compare(
    'headings (depth, in a DeepDive)',
    en.headings,
    ko.headings,
    (h) => `h${h.depth}${h.inDeepDive ? ' in a DeepDive' : ''}`,
  );
  compare('components', en.components, ko.components, (c) => `<${c.name}${c.attributes.map((a) => ` ${a}`).join('')}>`);
  compare('imports', en.imports, ko.imports, (s) => s);
  compare('quizzes (ids, kinds, widgets, options, correct answers)', en.quizTokens, ko.quizTokens, (s) => s);
  compare('code blocks', en.codeBlocks, ko.codeBlocks, (s) =>
    isDiagram(s) ? '(a mermaid diagram)' : JSON.stringify(s.length > 80 ? `${s.slice(0, 80)}…` : s),
  );
  for (const c of ko.components)
    if (ko.widgets.includes(c.name) && c.lang !== 'ko') problems.push(`widget <${c.name}> has no lang="ko"`);
  return problems;
}

export const sha256 = (bytes: string | Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** The hash a twin records (`translatedFrom`), checked for shape; undefined when missing or malformed. */
export function translatedFrom(koSource: string): string | undefined {
  const value = frontmatterField(koSource, 'translatedFrom');
  return value && /^[0-9a-f]{64}$/.test(value) ? value : undefined;
}

export interface TwinReport {
  /** English slugs with no Korean twin. */
  missing: string[];
  /** Korean files with no English lesson. */
  orphans: string[];
  /** Slug → what differs in structure. */
  broken: Record<string, string[]>;
  /** Twins translated from an older English file: slug, the hash recorded, today's hash. */
  stale: { slug: string; recorded: string; current: string }[];
}

/** The whole report over the English and Korean lessons (slug → file text or bytes). */
export function twinReport(english: ReadonlyMap<string, string>, korean: ReadonlyMap<string, string>): TwinReport {
  const report: TwinReport = { missing: [], orphans: [], broken: {}, stale: [] };
  for (const slug of english.keys()) if (!korean.has(slug)) report.missing.push(slug);
  for (const [slug, ko] of korean) {
    const en = english.get(slug);
    if (en === undefined) {
      report.orphans.push(slug);
      continue;
    }
    const problems = twinProblems(en, ko);
    if (problems.length > 0) report.broken[slug] = problems;
    const current = sha256(en);
    const recorded = translatedFrom(ko) ?? '(none)';
    if (recorded !== current) report.stale.push({ slug, recorded, current });
  }
  return report;
}

/** The report as lines a person reads (the build log, `npm run twins`). */
export function describeReport(r: TwinReport): { errors: string[]; warnings: string[] } {
  const errors = [
    ...r.orphans.map((s) => `content/ko/lessons/${s}.mdx has no English lesson content/lessons/${s}.mdx`),
    ...Object.entries(r.broken).flatMap(([s, ps]) =>
      ps.map((p) => `content/ko/lessons/${s}.mdx is not a twin of content/lessons/${s}.mdx: ${p}`),
    ),
  ];
  const warnings = [
    ...r.missing.map((s) => `content/lessons/${s}.mdx has no Korean twin (content/ko/lessons/${s}.mdx)`),
    ...r.stale.map(
      (x) =>
        `content/ko/lessons/${x.slug}.mdx is stale: translated from ${x.recorded.slice(0, 12)}, the English file is now ${x.current.slice(0, 12)} (git diff the English since, then update translatedFrom)`,
    ),
  ];
  return { errors, warnings };
}
