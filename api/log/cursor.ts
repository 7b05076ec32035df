// The one cursor rule that every technique shares (docs/api-contract.md, "Cursor rule").
// A client remembers (epoch, seq of the last event it got); the server turns that into "where to
// start reading" plus what to tell the client first: nothing, a gap, or a reset.
import {
  CURSOR_DIGITS,
  EMPTY_EPOCH,
  formatEventId,
  MAX_CURSOR,
  parseEventId as parseWireEventId,
} from '../../protocol/channels.ts';
import type { LogBounds } from './types.ts';

export interface Cursor {
  /** Last seq the client received; undefined means "start at the head". */
  readonly after?: number;
  readonly epoch?: string;
}

export type StartPoint =
  /** Rules 1 and 2: read from `from`, nothing to announce. */
  | { readonly kind: 'head' | 'replay'; readonly from: number }
  /** Rule 3: the events between the cursor and the oldest retained one were evicted. */
  | { readonly kind: 'gap'; readonly from: number; readonly missed: number }
  /** Rule 4: the cursor belongs to another history (or is from the future): start over. */
  | { readonly kind: 'reset'; readonly from: number };

// #region cursor-rule
export function resolveCursor(cursor: Cursor, log: LogBounds): StartPoint {
  const { after, epoch } = cursor;
  // 1. No cursor: only what is published from now on.
  if (after === undefined) return { kind: 'head', from: log.head + 1 };
  // 4. Another epoch means the history the client knows is gone; a cursor past the head cannot be ours.
  // Except nothing on the empty log (never published): the history begun since continues it.
  const nothingYet = epoch === EMPTY_EPOCH && after === 0;
  if ((epoch !== undefined && epoch !== log.epoch && !nothingYet) || after > log.head)
    return { kind: 'reset', from: log.oldest };
  // 3. Older than anything retained: say how many were lost instead of pretending nothing was.
  if (after < log.oldest - 1) return { kind: 'gap', from: log.oldest, missed: log.oldest - 1 - after };
  // 2. Within the retained window: exactly the events after the cursor.
  return { kind: 'replay', from: after + 1 };
}
// #endregion cursor-rule

/**
 * `after` as plain decimal digits, up to the largest integer a JSON number carries exactly
 * (Number.MAX_SAFE_INTEGER): 'too-large' past it, 'invalid' for anything that is not digits.
 */
export function parseAfter(raw: string | undefined | null): number | undefined | 'invalid' | 'too-large' {
  if (raw === undefined || raw === null) return undefined;
  if (!CURSOR_DIGITS.test(raw)) return 'invalid';
  const n = Number(raw);
  return n <= MAX_CURSOR ? n : 'too-large';
}

/** A Last-Event-ID we did not issue is not an error (an error status would stop EventSource for good). */
export function parseEventId(raw: string): Cursor | 'malformed' {
  return parseWireEventId(raw) ?? 'malformed';
}

export { formatEventId };
