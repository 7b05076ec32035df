// The transports, one file per technique. The type check below fails the build when the technique
// registry (protocol/techniques.ts) names a technique that has no transport here.
import type { TechniqueId } from '../../protocol/techniques.ts';
import { fetchStreamTransport } from './fetch-stream.ts';
import { longPollTransport } from './long-poll.ts';
import { pollTransport } from './poll.ts';
import { sseTransport } from './sse.ts';
import type { HttpTransport } from './transport.ts';
import { webSocketTransport } from './websocket.ts';

export const TRANSPORTS = [
  pollTransport,
  longPollTransport,
  sseTransport,
  fetchStreamTransport,
  webSocketTransport,
] as const;

type Missing = Exclude<TechniqueId, (typeof TRANSPORTS)[number]['technique']>;
const everyTechniqueHasATransport: [Missing] extends [never] ? true : Missing = true;
void everyTechniqueHasATransport;

type AnyTransport = (typeof TRANSPORTS)[number];
export const HTTP_TRANSPORTS: readonly HttpTransport[] = TRANSPORTS.filter(
  (t): t is Extract<AnyTransport, HttpTransport> => t.kind === 'http',
);
