/**
 * Authored plain text (quiz prompts and options, glossary entries, API descriptions) with the two
 * marks lessons use in prose: `backticks` for code and *asterisks* for emphasis, the way a control's
 * name is set off ("press *Cut the connection*"). Only a pair that opens after a space or an opening
 * mark and closes before a space or punctuation counts, so `a * b` or `2*3*4` stay as written.
 */
import { codeSpans } from './quiz-schema.ts';

export type InlinePart = { kind: 'code' | 'em' | 'text'; text: string };

const EMPHASIS = /(^|[\s([{"'‘“])\*([^*\s](?:[^*]*[^*\s])?)\*(?=$|[\s.,;:!?)\]}"'’”])/g;

export function inlineParts(source: string): InlinePart[] {
  const parts: InlinePart[] = [];
  for (const span of codeSpans(source)) {
    if (span.code) {
      parts.push({ kind: 'code', text: span.text });
      continue;
    }
    let last = 0;
    for (const m of span.text.matchAll(EMPHASIS)) {
      const start = m.index + m[1]!.length;
      if (start > last) parts.push({ kind: 'text', text: span.text.slice(last, start) });
      parts.push({ kind: 'em', text: m[2]! });
      last = m.index + m[0].length;
    }
    if (last < span.text.length) parts.push({ kind: 'text', text: span.text.slice(last) });
  }
  return parts;
}
