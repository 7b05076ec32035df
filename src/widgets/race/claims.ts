/**
 * The source post's trade-offs table, as the course quotes it: its rows (src/i18n/source-post.ts), its
 * words in Korean and in English (the per-language catalogues under src/i18n/, held to
 * content/source-post.md by a test), the levels its ranking rows claim, and the primary sources its
 * verdicts cite. The race fills the table with evidence (verdicts.ts); the comparison lesson shows it.
 */
import { TECHNIQUES, type Technique } from '../../../protocol/techniques.ts';
import { SOURCE_POST_EN } from '../../i18n/en/source-post.ts';
import { SOURCE_POST_KO } from '../../i18n/ko/source-post.ts';
import { CLAIMED_LEVELS, POST_ROWS, type PostRowId, type PostTechniqueId } from '../../i18n/source-post.ts';

export type RowId = PostRowId;
export type { PostTechniqueId };

/** The post's rows, in its order. */
export const ROWS: readonly RowId[] = POST_ROWS.map((r) => r.id);

/** The id content/source-post.md gives a row's claim: T1 for the first row, and so on. */
export const rowClaimId = (row: RowId): string => POST_ROWS.find((r) => r.id === row)!.claim;

/** The techniques the post compares, in the registry's order: the columns of its table. */
export const POST_TECHNIQUES = TECHNIQUES.filter(
  (t): t is Extract<Technique, { inSourcePost: true }> => t.inSourcePost,
);

export const rowLabel = (row: RowId): string => SOURCE_POST_EN.rows[row].label;
export const rowLabelKo = (row: RowId): string => SOURCE_POST_KO.rows[row].label;

/** What the post claims for one technique in one row, in the English translation. */
export const claim = (row: RowId, technique: PostTechniqueId): string => SOURCE_POST_EN.rows[row].cells[technique];
/** The same cell in the post's own Korean. */
export const claimKo = (row: RowId, technique: PostTechniqueId): string => SOURCE_POST_KO.rows[row].cells[technique];

/**
 * The level a ranking row claims for a technique: stars for difficulty (★ is 1), 1 (low) to 3
 * (highest) for scalability. Data, not read from the words, so a translation cannot change a verdict.
 */
export const claimedLevel = (row: keyof typeof CLAIMED_LEVELS, technique: PostTechniqueId): number =>
  CLAIMED_LEVELS[row][technique];

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
