/**
 * The source post's trade-offs table, as the course quotes it (its words are a per-language catalogue,
 * src/i18n/en/source-post.ts), and the primary sources its verdicts cite. The race fills the table
 * with evidence (verdicts.ts); the comparison lesson annotates it.
 */
import type { TechniqueId } from '../../../protocol/techniques.ts';
import { SOURCE_POST } from '../../i18n/en/source-post.ts';

export type RowId = (typeof SOURCE_POST.rows)[number]['id'];

/** The post's rows, in its order. */
export const ROWS: readonly RowId[] = SOURCE_POST.rows.map((r) => r.id);

const rowById = new Map<RowId, (typeof SOURCE_POST.rows)[number]>(SOURCE_POST.rows.map((r) => [r.id, r]));

export const rowLabel = (row: RowId): string => rowById.get(row)!.label;

/** What the post claims for one technique in one row, as it words it; nothing for a technique it does not compare. */
export const claim = (row: RowId, technique: TechniqueId): string | undefined =>
  (rowById.get(row)!.cells as Partial<Record<TechniqueId, string>>)[technique];

export type Difficulty = 'easy' | 'medium' | 'hard';

/**
 * The level the post's "implementation difficulty" cell gives a technique, read from the English
 * catalogue's words (easy, medium, hard): the race weighs it against the lines of code it needed.
 */
export function claimedDifficulty(technique: TechniqueId): Difficulty | null {
  const level = /\b(easy|medium|hard)\b/i.exec(claim('difficulty', technique) ?? '')?.[1];
  return level ? (level.toLowerCase() as Difficulty) : null;
}

export interface Source {
  label: string;
  href: string;
}

export const SOURCES = {
  wsHandshake: { label: 'RFC 6455 §1.3, §4', href: 'https://www.rfc-editor.org/rfc/rfc6455#section-4' },
  wsFrames: { label: 'RFC 6455 §5', href: 'https://www.rfc-editor.org/rfc/rfc6455#section-5' },
  persistent: { label: 'RFC 9112 §9.3', href: 'https://www.rfc-editor.org/rfc/rfc9112#section-9.3' },
  longPoll: { label: 'RFC 6202 §2.2', href: 'https://www.rfc-editor.org/rfc/rfc6202#section-2.2' },
  sse: {
    label: 'WHATWG HTML, server-sent events',
    href: 'https://html.spec.whatwg.org/multipage/server-sent-events.html#sse-processing-model',
  },
  wsApi: { label: 'WHATWG WebSockets', href: 'https://websockets.spec.whatwg.org/#the-websocket-interface' },
  mdnEventSource: {
    label: 'MDN compatibility data',
    href: 'https://developer.mozilla.org/en-US/docs/Web/API/EventSource#browser_compatibility',
  },
  mdnWebSocket: {
    label: 'MDN compatibility data',
    href: 'https://developer.mozilla.org/en-US/docs/Web/API/WebSocket#browser_compatibility',
  },
  mdnXhr: {
    label: 'MDN compatibility data',
    href: 'https://developer.mozilla.org/en-US/docs/Web/API/XMLHttpRequest#browser_compatibility',
  },
} as const satisfies Record<string, Source>;
