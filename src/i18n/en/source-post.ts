/**
 * The source post's table in English: the translation in content/source-post.md, cell for cell (its
 * stars kept as stars). The race (src/widgets/race/) judges each cell; the Korean original is
 * ../ko/source-post.ts. tests/content/source-post.test.ts compares both with the file.
 */
import type { PostTableWords } from '../source-post.ts';

export const SOURCE_POST_EN = {
  rows: {
    direction: {
      label: 'Direction',
      cells: {
        poll: 'server → client',
        'long-poll': 'server → client',
        sse: 'server → client',
        websocket: 'server ↔ client',
      },
    },
    protocol: { label: 'Protocol', cells: { poll: 'HTTP', 'long-poll': 'HTTP', sse: 'HTTP', websocket: 'TCP' } },
    difficulty: {
      label: 'Implementation difficulty',
      cells: { poll: '★', 'long-poll': '★', sse: '★★', websocket: '★★★' },
    },
    connections: {
      label: 'Number of connections',
      cells: {
        poll: 'many ⇒ a request every period',
        'long-poll': 'many ⇒ one request per connection',
        sse: '1 per client',
        websocket: '1 per client',
      },
    },
    scalability: {
      label: 'Scalability',
      cells: { poll: 'low', 'long-poll': 'low', sse: 'high', websocket: 'highest' },
    },
    'browser-support': {
      label: 'Browser support',
      cells: {
        poll: 'all browsers',
        'long-poll': 'all browsers',
        sse: 'most modern browsers',
        websocket: 'most modern browsers',
      },
    },
    'error-handling': {
      label: 'Error handling',
      cells: {
        poll: 'implemented by hand',
        'long-poll': 'implemented by hand',
        sse: 'reconnects automatically, but some handled by hand',
        websocket: 'a built-in mechanism exists',
      },
    },
  },
} as const satisfies PostTableWords;
