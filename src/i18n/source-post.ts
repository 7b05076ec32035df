/**
 * The source post's table as data, the same in every language: its rows (ids the race and the lessons
 * use, in the post's order, with the claim id each row has in content/source-post.md), the header the
 * post gives each technique's column, and the levels its cells claim where a cell is a rank (★ to ★★★
 * for difficulty, low to highest for scalability), so no verdict has to read stars or words.
 *
 * The words are per-language catalogues: en/source-post.ts (the translation) and ko/source-post.ts
 * (the post's own Korean). tests/content/source-post.test.ts holds both, and these levels, to the file.
 */
import type { Technique } from '../../protocol/techniques.ts';

/** The techniques the post compares (the registry's `inSourcePost`): a later one has no cell here. */
export type PostTechniqueId = Extract<Technique, { inSourcePost: true }>['id'];

export const POST_ROWS = [
  { id: 'direction', claim: 'T1' },
  { id: 'protocol', claim: 'T2' },
  { id: 'difficulty', claim: 'T3' },
  { id: 'connections', claim: 'T4' },
  { id: 'scalability', claim: 'T5' },
  { id: 'browser-support', claim: 'T6' },
  { id: 'error-handling', claim: 'T7' },
] as const;

export type PostRowId = (typeof POST_ROWS)[number]['id'];

/** One language's words for the table: a label per row, and a cell per technique the post compares. */
export interface PostTableWords {
  readonly rows: Readonly<
    Record<PostRowId, { readonly label: string; readonly cells: Readonly<Record<PostTechniqueId, string>> }>
  >;
}

/** The header of each technique's column, as the post writes it (the same in both languages). */
export const POST_COLUMNS: Readonly<Record<PostTechniqueId, string>> = {
  poll: 'Polling',
  'long-poll': 'Long Polling',
  sse: 'SSE',
  websocket: 'Websocket',
};

/**
 * What the rows that rank the techniques claim, as numbers: difficulty in stars (★ is 1), scalability
 * from 1 (낮음, low) through 2 (높음, high) to 3 (가장 높음, highest).
 */
export const CLAIMED_LEVELS: Readonly<Record<'difficulty' | 'scalability', Readonly<Record<PostTechniqueId, number>>>> =
  {
    difficulty: { poll: 1, 'long-poll': 1, sse: 2, websocket: 3 },
    scalability: { poll: 1, 'long-poll': 1, sse: 2, websocket: 3 },
  };

/** The words each scalability level has in the post, for the test that holds the levels to the cells. */
export const SCALABILITY_WORDS = { ko: ['낮음', '높음', '가장 높음'], en: ['low', 'high', 'highest'] } as const;
