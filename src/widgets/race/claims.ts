/**
 * The source post's trade-offs table, as the course quotes it, and the primary sources its verdicts
 * cite. The race fills the table with evidence (verdicts.ts); the comparison lesson annotates it.
 */

import type { TechniqueId } from '../../../protocol/techniques.ts';

export const ROWS = [
  'direction',
  'protocol',
  'difficulty',
  'connections',
  'scalability',
  'browser-support',
  'error-handling',
] as const;
export type RowId = (typeof ROWS)[number];

export const ROW_LABELS: Record<RowId, string> = {
  direction: 'Direction',
  protocol: 'Protocol',
  difficulty: 'Implementation difficulty',
  connections: 'Connections',
  scalability: 'Scalability',
  'browser-support': 'Browser support',
  'error-handling': 'Error handling',
};

export const CLAIMS: Record<RowId, Record<TechniqueId, string>> = {
  direction: {
    poll: 'one-way (client pulls)',
    'long-poll': 'one-way (client pulls)',
    sse: 'one-way, server → client',
    websocket: 'two-way',
  },
  protocol: { poll: 'HTTP', 'long-poll': 'HTTP', sse: 'HTTP', websocket: 'TCP (not HTTP)' },
  difficulty: { poll: 'easy', 'long-poll': 'medium', sse: 'easy', websocket: 'hard' },
  connections: {
    poll: 'a new connection per request',
    'long-poll': 'a new connection per response',
    sse: 'one persistent connection',
    websocket: 'one persistent connection',
  },
  scalability: {
    poll: 'poor (load from constant requests)',
    'long-poll': 'poor (surge when all wake at once)',
    sse: 'good',
    websocket: 'good',
  },
  'browser-support': {
    poll: 'all browsers',
    'long-poll': 'all browsers',
    sse: 'all modern browsers (not IE)',
    websocket: 'all modern browsers',
  },
  'error-handling': {
    poll: 'simple: the next poll retries',
    'long-poll': 'the client must reconnect',
    sse: 'automatic reconnection by the browser',
    websocket: 'automatic reconnection',
  },
};

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
