// What the widgets say about each technique, in English: the per-technique part of the string
// catalogue (a Korean catalogue will have the same shape, so a missing string is a type error).
import type { TechniqueId } from '../../../protocol/techniques.ts';

export interface TechniqueStrings {
  /** The name inside a sentence ("Live over short polling."). */
  inProse: string;
  /** What the learner should watch for after a cut: how this technique recovers. */
  demoRecovery: string;
  /** Why the client stopped when the server refused it. */
  demoErrorMeaning: string;
}

export const techniqueStrings: Record<TechniqueId, TechniqueStrings> = {
  poll: {
    inProse: 'short polling',
    demoRecovery:
      'The request died without an answer, and so did the copy your browser resent by itself (browsers quietly resend a GET once when a reused keep-alive connection closes before answering). The client saw the failure and asks again with the same cursor: nothing is lost.',
    demoErrorMeaning:
      'A poll refused with a client error would be refused again, so the client stopped instead of hammering the server.',
  },
  'long-poll': {
    inProse: 'long polling',
    demoRecovery:
      'The held request died without an answer, and so did the copy your browser resent by itself (browsers quietly resend a GET once when a reused keep-alive connection closes before answering). The client asks again from its cursor after a short wait.',
    demoErrorMeaning: 'A long-poll refused with a client error would be refused again, so the client stopped.',
  },
  sse: {
    inProse: 'Server-Sent Events',
    demoRecovery:
      "EventSource reconnects by itself after the retry delay (2 s from the server's retry: line) and sends the last id it saw as Last-Event-ID.",
    demoErrorMeaning:
      'This is EventSource behaving as specified: after a non-200 status or a wrong Content-Type it gives up for good, and only a new EventSource can try again.',
  },
  websocket: {
    inProse: 'WebSocket',
    demoRecovery:
      'The socket closed with 1006 (no close frame). WebSocket never reconnects by itself: this client waits a moment, then reconnects with ?after=<last seq>.',
    demoErrorMeaning:
      "The browser's WebSocket API never says why a handshake was refused (no status reaches your code), so the client stopped after several tries.",
  },
  'fetch-stream': {
    inProse: 'streaming with fetch',
    demoRecovery:
      'The response body ended without a goodbye. Nothing reconnects a fetch by itself: this client waits the retry delay (with jitter), then POSTs again with the id of the last event it saw as its cursor.',
    demoErrorMeaning:
      'A stream refused with a client error (400, 415) would be refused again, so the client stopped; 429 and 503 it retries after Retry-After.',
  },
};
