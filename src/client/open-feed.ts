/**
 * One entry point for every technique: `openFeed('sse', options)` opens the client the lessons show for
 * that technique (one file each in this folder) and gives back the same FeedClient, so a widget, a
 * test or the race can run any technique without knowing how its bytes travel.
 */
import type { TechniqueId } from '../../protocol/techniques.ts';
import { fetchStreamClient } from './fetch-stream.ts';
import { longPollClient } from './long-poll.ts';
import { pollClient } from './poll.ts';
import { sseClient } from './sse.ts';
import type { FeedClient, FeedOptions, StopReason } from './types.ts';
import { webSocketClient } from './websocket.ts';

export interface OpenFeedOptions extends FeedOptions {
  /** Short polling: time between the end of one answer and the next request. */
  intervalMs?: number;
  /** Long polling: how long the server may hold a request with nothing to say. */
  timeoutMs?: number;
}

/** How a client file says which technique it speaks. */
export interface FeedOpener {
  readonly technique: TechniqueId;
  readonly open: (options: OpenFeedOptions) => FeedClient;
  /** The sentences it may stop with (onState 'error'), for pages that keep room for the longest. */
  readonly gaveUp: readonly string[];
  /** The same, as reason codes, one for each sentence (a page that words them itself keeps room for each). */
  readonly stopsWith: readonly StopReason[];
}

const CLIENTS = [pollClient, longPollClient, sseClient, fetchStreamClient, webSocketClient] as const;

// Fails the type check when the registry (protocol/techniques.ts) names a technique without a client.
type Missing = Exclude<TechniqueId, (typeof CLIENTS)[number]['technique']>;
const everyTechniqueHasAClient: [Missing] extends [never] ? true : Missing = true;
void everyTechniqueHasAClient;

const clientOf = (technique: TechniqueId) => CLIENTS.find((c) => c.technique === technique)!;

export function openFeed(technique: TechniqueId, options: OpenFeedOptions): FeedClient {
  return clientOf(technique).open(options);
}

export const gaveUpSentences = (technique: TechniqueId): readonly string[] => clientOf(technique).gaveUp;

export const stopReasons = (technique: TechniqueId): readonly StopReason[] => clientOf(technique).stopsWith;
