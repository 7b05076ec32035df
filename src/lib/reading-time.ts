/**
 * How long a lesson takes a newcomer to read: the one definition the home page's course map and the
 * lesson header both show, computed at build time from the lesson's MDX source.
 *
 * What counts is what a first reader reads: the prose (tables, asides and the text inside components
 * such as <PostClaim> included) and the quiz questions with their options. What does not: code (fenced
 * blocks, source panels: skimmed, not read word by word), diagrams (their captions are their text
 * alternative), the widgets, the quiz explanations (each shows only once answered) and everything
 * inside <DeepDive>, which a newcomer may leave closed.
 *
 * Pure string work on the source, so `node --test` checks it (src/lib/reading-time.test.ts) and
 * tests/content/reading-time.test.ts holds the whole course's newcomer path under an hour.
 */

/** Reading rate for the estimate: a common figure for adults reading non-fiction on a screen. */
export const WORDS_PER_MINUTE = 230;

export interface ReadingTime {
  /** Words on the newcomer path (outside Deep dives). */
  words: number;
  /** Words inside the lesson's Deep dive sections. */
  deepDiveWords: number;
  /** Whole minutes at WORDS_PER_MINUTE, at least 1. */
  minutes: number;
  /** Whole minutes the Deep dives add, 0 when there are none. */
  deepDiveMinutes: number;
}

const DEEP_DIVE = /<DeepDive\b[^>]*>([\s\S]*?)<\/DeepDive>/g;
// The quiz keys whose text a learner reads before answering ('explain' shows only afterwards).
const QUIZ_TEXT = /\b(?:prompt|text|observe|title):\s*(['"`])((?:\\.|(?!\1)[^\\])*)\1/g;

/** The words a reader reads in a piece of MDX (no Deep dive handling: see readingTime). */
export function proseWords(mdx: string): number {
  let text = mdx;
  const quizText: string[] = [];
  // ESM blocks (imports, `export const quiz = [...]`) run to the next blank line, as MDX parses them.
  text = text.replace(/^(?:import|export)\b[\s\S]*?(?:\n[ \t]*\n|(?![\s\S]))/gm, (block) => {
    for (const m of block.matchAll(QUIZ_TEXT)) quizText.push(m[2]!);
    return '\n';
  });
  text = text
    .replace(/^(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\1[ \t]*$/gm, ' ') // fenced code and mermaid diagrams
    .replace(/\{\/\*[\s\S]*?\*\/\}/g, ' ') // MDX comments
    .replace(/<!--[\s\S]*?-->/g, ' ')
    // Tags go, the text between an opening and a closing tag stays (PostClaim, q, Measured, …).
    // Attribute values in braces may hold `>` (arrow functions), so braces are skipped whole.
    .replace(/<\/?[A-Za-z][\w.:-]*(?:\s+|[^\s>{}"'/]+|"[^"]*"|'[^']*'|\{(?:[^{}]|\{[^{}]*\})*\})*\/?>/g, ' ')
    .replace(/\{(?:[^{}]|\{[^{}]*\})*\}/g, ' x ') // an {expression} renders as one value, e.g. a number
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1') // links and images: their text
    .replace(/^\s*\|?[\s:|-]+\|[\s:|-]*$/gm, ' '); // table delimiter rows
  return countWords(text) + quizText.reduce((n, t) => n + countWords(t), 0);
}

/** Tokens with a letter or a digit in them: markup left alone (`#`, `|`, `>`, `*`) is not a word. */
function countWords(text: string): number {
  return (text.match(/\S+/g) ?? []).filter((t) => /[\p{L}\p{N}]/u.test(t)).length;
}

const minutesOf = (words: number) => Math.round(words / WORDS_PER_MINUTE);

/** Reading time of a lesson's MDX body: the newcomer path, and what its Deep dives add. */
export function readingTime(mdx: string): ReadingTime {
  let deepDiveWords = 0;
  const path = mdx.replace(DEEP_DIVE, (_, inner: string) => {
    deepDiveWords += proseWords(inner);
    return '\n';
  });
  const words = proseWords(path);
  return {
    words,
    deepDiveWords,
    minutes: Math.max(1, minutesOf(words)),
    deepDiveMinutes: deepDiveWords === 0 ? 0 : Math.max(1, minutesOf(deepDiveWords)),
  };
}
