/**
 * The source post's trade-offs table in English, as the course quotes it: its rows in the post's
 * order, each with the post's label and one cell per technique. A string catalogue, one per language:
 * the race (src/widgets/race/) judges each cell, so only the words change from one language to another.
 */
import type { SourcePostTechniqueId } from '../../../protocol/techniques.ts';

export interface SourcePostTable {
  readonly rows: readonly {
    readonly id: string;
    readonly label: string;
    /** One per technique the post compares; a technique added since has none. */
    readonly cells: Readonly<Record<SourcePostTechniqueId, string>>;
  }[];
}

export const SOURCE_POST = {
  rows: [
    {
      id: 'direction',
      label: 'Direction',
      cells: {
        poll: 'one-way (client pulls)',
        'long-poll': 'one-way (client pulls)',
        sse: 'one-way, server → client',
        websocket: 'two-way',
      },
    },
    {
      id: 'protocol',
      label: 'Protocol',
      cells: { poll: 'HTTP', 'long-poll': 'HTTP', sse: 'HTTP', websocket: 'TCP (not HTTP)' },
    },
    {
      id: 'difficulty',
      label: 'Implementation difficulty',
      cells: { poll: 'easy', 'long-poll': 'medium', sse: 'easy', websocket: 'hard' },
    },
    {
      id: 'connections',
      label: 'Connections',
      cells: {
        poll: 'a new connection per request',
        'long-poll': 'a new connection per response',
        sse: 'one persistent connection',
        websocket: 'one persistent connection',
      },
    },
    {
      id: 'scalability',
      label: 'Scalability',
      cells: {
        poll: 'poor (load from constant requests)',
        'long-poll': 'poor (surge when all wake at once)',
        sse: 'good',
        websocket: 'good',
      },
    },
    {
      id: 'browser-support',
      label: 'Browser support',
      cells: {
        poll: 'all browsers',
        'long-poll': 'all browsers',
        sse: 'all modern browsers (not IE)',
        websocket: 'all modern browsers',
      },
    },
    {
      id: 'error-handling',
      label: 'Error handling',
      cells: {
        poll: 'simple: the next poll retries',
        'long-poll': 'the client must reconnect',
        sse: 'automatic reconnection by the browser',
        websocket: 'automatic reconnection',
      },
    },
  ],
} as const satisfies SourcePostTable;
