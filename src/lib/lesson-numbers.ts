/**
 * The quantities a lesson states in its own words: a number with a unit of time, size, rate, share or
 * ratio ("553 ms", "16 KiB", "5 events/s", "9%", "3×"), found in the MDX source, prose and quiz text
 * alike. tests/content/numbers.test.ts requires each one to have a source: computed at build time (an
 * MDX `{expression}`, which this leaves out), wrapped in `<Measured source="…">`, or listed in
 * content/number-sources.ts with the specification, setting or worked example it comes from.
 *
 * Not quantities in this sense, so never found: numbers without a unit (years, RFC and section
 * numbers, status and close codes, ports, versions, sequence numbers), and anything in code (fenced
 * blocks, `inline code`, import lines and exported functions), whose output a lesson copies from a run.
 */

export interface FoundNumber {
  /** The quantity as written, spaces normalised: "16 KiB", "0.5 to 1 s". */
  readonly phrase: string;
  /** 1-based line in the MDX file. */
  readonly line: number;
}

const NUMBER = String.raw`\d+(?:,\d{3})*(?:\.\d+)?`;
// Longest first, so that "ms" is not read as "m" + "s", and "KiB" not as "K" + "iB".
const UNITS = [
  String.raw`events?\s*/\s*s`,
  'events? (?:a|per) second',
  'requests? (?:a|an|per) (?:second|minute|hour)',
  'deliveries (?:a|per) second',
  String.raw`(?:µs|ms)\b`,
  String.raw`(?:seconds?|minutes?|hours?|days?)\b`,
  String.raw`(?:KiB|MiB|GiB|kB|KB|MB|GB)\b`,
  String.raw`bytes?\b`,
  '%',
  '×',
  String.raw`times\b`,
];
/** One-letter units count only after a space: "5 s", "10 B", but not the plural of "204s". */
const SPACED_UNITS = [String.raw`s\b`, String.raw`B\b`];
/** A number, optionally a range ("0.5 to 1 s", "2 to 14 bytes", "0–30 s"), then a unit. */
const QUANTITY = new RegExp(
  String.raw`(?<![\w.§/-])${NUMBER}(?:\s*(?:to|–|-)\s*${NUMBER})?(?:[\s\u00a0]*(?:${UNITS.join('|')})|[\s\u00a0]+(?:${SPACED_UNITS.join('|')}))`,
  'g',
);

/** Replaces `text` with spaces but keeps its newlines, so that line numbers stay right. */
const blank = (text: string) => text.replace(/[^\n]/g, ' ');

/** The end of the balanced `{…}` that opens at `from` (the index of `{`), quotes and template strings respected. */
function closingBrace(s: string, from: number): number {
  let depth = 0;
  for (let i = from; i < s.length; i++) {
    const c = s[i];
    if (c === "'" || c === '"' || c === '`') {
      for (i++; i < s.length && s[i] !== c; i++) if (s[i] === '\\') i++;
      continue;
    }
    if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  return s.length - 1;
}

/** The text of the string literals in an `export const … = […]` block (quiz data): what a learner reads. */
function literals(code: string): string {
  return code.replace(/'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|[^\n]/g, (_m, a?: string, b?: string) =>
    a !== undefined || b !== undefined ? ` ${(a ?? b)!.replace(/\\(.)/g, '$1')} ` : ' ',
  );
}

/** The lesson source with everything that is not prose a learner reads as text blanked out. */
export function prose(mdx: string): string {
  let s = mdx;
  // Fenced code (and mermaid) blocks.
  s = s.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, blank);
  // Imports, and exported functions (code that computes the lesson's figures).
  s = s.replace(/^import .*$/gm, blank);
  s = s.replace(/^export (?:async )?function[\s\S]*?^\}$/gm, blank);
  // Exported data (quizzes): keep the words of its strings, drop the code around them.
  s = s.replace(/^export const [\s\S]*?^\];?$/gm, literals);
  s = s.replace(/^export const .*$/gm, blank);
  // <Measured source="…">…</Measured>: sourced by the component.
  s = s.replace(/<Measured\b[^>]*>[\s\S]*?<\/Measured>/g, blank);
  // HTML comments, then {expressions}: computed at build time.
  s = s.replace(/<!--[\s\S]*?-->/g, blank);
  for (let i = s.indexOf('{'); i >= 0; i = s.indexOf('{', i + 1)) {
    const end = closingBrace(s, i);
    s = s.slice(0, i) + blank(s.slice(i, end + 1)) + s.slice(end + 1);
  }
  // Inline code, and the attribute values of components (ids, file names, captions of code).
  s = s.replace(/`[^`\n]*`/g, blank);
  s = s.replace(/<[A-Z][\w.]*\b[^>]*\/?>/g, blank);
  // Link targets: URLs carry section numbers and ports, not quantities.
  s = s.replace(/\]\([^)]*\)/g, blank);
  return s;
}

export function numbersInLesson(mdx: string): FoundNumber[] {
  const text = prose(mdx);
  const found: FoundNumber[] = [];
  for (const m of text.matchAll(QUANTITY))
    found.push({
      phrase: m[0].replace(/[\s\u00a0]+/g, ' ').trim(),
      line: text.slice(0, m.index).split('\n').length,
    });
  return found;
}
