// The techniques the course teaches, defined once. The server's routes, metrics and lab tap, the
// browser clients' entry point, the widgets, the race, the bench and the test helpers all loop over
// this list; a new technique is one more entry here plus its own files (README, "A new technique").
//
// This folder is the contract both sides share: it imports nothing from api/, src/, bench/ or tests/.

/** How a technique's connection lives, which is what most of the course's comparisons turn on. */
export type Connection =
  /** One HTTP request per question, answered at once (short polling). */
  | 'request-per-answer'
  /** One HTTP request held until there is news, then asked again (long polling). */
  | 'held-request'
  /** One connection held for the whole subscription (an event stream, a WebSocket). */
  | 'persistent';

export interface TechniqueInfo {
  /** The one spelling of the technique everywhere: code, metrics labels, lab counts, URLs of widgets. */
  readonly id: string;
  /** Its endpoint: `/api/channels/:channel/<segment>`. */
  readonly segment: string;
  readonly method: 'GET' | 'POST';
  /** What a learner reads in a table header. */
  readonly name: string;
  /** The full name, for prose and headings. */
  readonly longName: string;
  readonly connection: Connection;
  /** Whether the server holds a connection for the client while nothing happens (counted per IP, 429 past the limit). */
  readonly heldByServer: boolean;
  /** Which way events travel on its connection; every technique here delivers server → client. */
  readonly direction: 'server-to-client' | 'two-way';
  /** What the bytes on the wire are: an HTTP answer with JSON, a text/event-stream, WebSocket frames. */
  readonly wire: 'json-answers' | 'event-stream' | 'websocket-frames';
  /** Whether the browser's own API reconnects by itself after a drop (EventSource does; nothing else). */
  readonly browserReconnects: boolean;
  /** The lesson that teaches it (content/lessons/<slug>.mdx). */
  readonly lesson: string;
  /**
   * Its code: the server's files and the browser's, the technique's own file first (the one a lesson
   * shows), then the shared ones it needs. The comparison lesson counts their lines.
   */
  readonly files: { readonly server: readonly string[]; readonly client: readonly string[] };
  /** Whether the Korean source post compares it (its four do; a technique added since is marked as not). */
  readonly inSourcePost: boolean;
  /** How charts draw it: a colour, and a dash pattern so that lines differ without their colours. */
  readonly chart: { readonly color: string; readonly dash: readonly number[] };
}

export const TECHNIQUES = [
  {
    id: 'poll',
    segment: 'poll',
    method: 'GET',
    name: 'Polling',
    longName: 'Short polling',
    connection: 'request-per-answer',
    heldByServer: false,
    direction: 'server-to-client',
    wire: 'json-answers',
    browserReconnects: false,
    lesson: 'polling',
    files: { server: ['api/transports/poll.ts'], client: ['src/client/poll.ts', 'src/client/http-feed.ts'] },
    inSourcePost: true,
    chart: { color: '#2563eb', dash: [] },
  },
  {
    id: 'long-poll',
    segment: 'long-poll',
    method: 'GET',
    name: 'Long polling',
    longName: 'Long polling',
    connection: 'held-request',
    heldByServer: true,
    direction: 'server-to-client',
    wire: 'json-answers',
    browserReconnects: false,
    lesson: 'long-polling',
    files: {
      server: ['api/transports/long-poll.ts'],
      client: ['src/client/long-poll.ts', 'src/client/http-feed.ts'],
    },
    inSourcePost: true,
    chart: { color: '#c2410c', dash: [8, 4] },
  },
  {
    id: 'sse',
    segment: 'sse',
    method: 'GET',
    name: 'SSE',
    longName: 'Server-Sent Events',
    connection: 'persistent',
    heldByServer: true,
    direction: 'server-to-client',
    wire: 'event-stream',
    browserReconnects: true,
    lesson: 'sse',
    files: { server: ['api/transports/sse.ts', 'api/transports/event-stream.ts'], client: ['src/client/sse.ts'] },
    inSourcePost: true,
    chart: { color: '#15803d', dash: [2, 3] },
  },
  {
    id: 'websocket',
    segment: 'ws',
    method: 'GET',
    name: 'WebSocket',
    longName: 'WebSocket',
    connection: 'persistent',
    heldByServer: true,
    direction: 'two-way',
    wire: 'websocket-frames',
    browserReconnects: false,
    lesson: 'websocket',
    files: { server: ['api/transports/websocket.ts'], client: ['src/client/websocket.ts'] },
    inSourcePost: true,
    chart: { color: '#9333ea', dash: [10, 3, 2, 3] },
  },
  {
    id: 'fetch-stream',
    segment: 'stream',
    method: 'POST',
    name: 'Fetch stream',
    longName: 'Streaming with fetch',
    connection: 'persistent',
    heldByServer: true,
    direction: 'server-to-client',
    wire: 'event-stream',
    browserReconnects: false,
    lesson: 'fetch-streaming',
    files: {
      server: ['api/transports/fetch-stream.ts', 'api/transports/event-stream.ts'],
      client: ['src/client/fetch-stream.ts'],
    },
    inSourcePost: false,
    chart: { color: '#0e7490', dash: [6, 2, 1, 2] },
  },
] as const satisfies readonly TechniqueInfo[];

export type Technique = (typeof TECHNIQUES)[number];
export type TechniqueId = Technique['id'];

/** The techniques the Korean source post compares (its table has a column for each). */
export type SourcePostTechniqueId = Extract<Technique, { inSourcePost: true }>['id'];

/** Every technique id, in the course's order. */
export const TECHNIQUE_IDS: readonly TechniqueId[] = TECHNIQUES.map((t) => t.id);

const byId = new Map<string, Technique>(TECHNIQUES.map((t) => [t.id, t]));
const bySegment = new Map<string, Technique>(TECHNIQUES.map((t) => [t.segment, t]));

export function isTechniqueId(value: unknown): value is TechniqueId {
  return typeof value === 'string' && byId.has(value);
}

export function technique(id: TechniqueId): Technique {
  return byId.get(id)!;
}

/** The technique whose endpoint ends in `segment` (`/api/channels/:channel/<segment>`), if any. */
export function techniqueBySegment(segment: string): Technique | undefined {
  return bySegment.get(segment);
}

/** One connection carries the whole subscription: a retry is a new request, a page holds one socket. */
export const holdsOneConnection = (id: TechniqueId): boolean => technique(id).connection === 'persistent';

/** The client asks request by request (short and long polling): answers can be empty, and each is counted. */
export const asksPerRequest = (id: TechniqueId): boolean => !holdsOneConnection(id);

/** A value per technique, built by looping over the registry (so no caller lists the ids again). */
export function perTechnique<T>(make: (t: Technique) => T): Record<TechniqueId, T> {
  return Object.fromEntries(TECHNIQUES.map((t) => [t.id, make(t)])) as Record<TechniqueId, T>;
}
