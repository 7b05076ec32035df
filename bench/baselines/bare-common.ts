// What both BASELINE servers share (they are benchmark code, not part of the product): the same URLs as
// the project's API (each technique's segment from the registry), so one load generator drives all three,
// and a publish endpoint that serializes each event once. No cursor rule (gaps, resets, epochs), no limits, no metrics: the least a server can do for
// the same job.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, OutgoingHttpHeaders, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import { EMPTY_EPOCH } from '../../protocol/channels.ts';
import { BASE_HEADERS } from '../../api/security.ts';
import { type Technique, techniqueBySegment } from '../../protocol/techniques.ts';

export interface BareEvent {
  readonly seq: number;
  /** `{"seq":…,"time":…,"data":…}`, the same shape the project sends. */
  readonly json: string;
}

const CHANNEL_PATH = /^\/api\/channels\/([a-z0-9][a-z0-9-]{0,63})\/([^/]+)$/;

export interface BareRoute {
  readonly channel: string;
  /** `POST /api/channels/:channel/events`. */
  readonly publish: boolean;
  /** The technique whose endpoint this is (its segment and method), if any. */
  readonly technique: Technique | undefined;
  readonly query: URLSearchParams;
}

export function route(req: IncomingMessage): BareRoute | null {
  const url = new URL(req.url ?? '/', 'http://bare');
  const match = CHANNEL_PATH.exec(url.pathname);
  if (!match) return null;
  const segment = match[2]!;
  const t = techniqueBySegment(segment);
  return {
    channel: match[1]!,
    publish: req.method === 'POST' && segment === 'events',
    technique: t && req.method === t.method ? t : undefined,
    query: url.searchParams,
  };
}

/**
 * The headers the project sends on every answer (its security headers and X-Instance-Id, whose default
 * is `<hostname>-<pid>` there too): a baseline that sent 220 bytes fewer per answer would measure a
 * cheaper job, not a cheaper server.
 */
export const SAME_HEADERS: Readonly<Record<string, string>> = {
  ...BASE_HEADERS,
  'X-Instance-Id': `${hostname()}-${process.pid}`,
};

/** The project's JSON answer headers (api/transports/poll.ts), in its order. */
const JSON_HEADERS = { ...SAME_HEADERS, 'Content-Type': 'application/json', 'Cache-Control': 'no-store' };

/** Kept per channel, so that a polling client between two requests loses nothing (as with the project). */
const KEPT = 1000;

/** Per-channel sequence numbers and the newest events; every publish gets the next number. */
export class BareChannels {
  private readonly logs = new Map<string, BareEvent[]>();
  private readonly heads = new Map<string, number>();
  private readonly epochs = new Map<string, string>();

  append(channel: string, data: unknown): BareEvent {
    const seq = this.head(channel) + 1;
    this.heads.set(channel, seq);
    // 8 characters of base64url, as the project's epochs, so that an answer has the project's length.
    if (!this.epochs.has(channel)) this.epochs.set(channel, randomBytes(6).toString('base64url'));
    const event = { seq, json: JSON.stringify({ seq, time: Date.now(), data }) };
    const log = this.logs.get(channel) ?? [];
    log.push(event);
    if (log.length > KEPT) log.shift();
    this.logs.set(channel, log);
    return event;
  }

  /** The epoch a poll answer names: the project's empty-log epoch until the first publish. */
  epoch(channel: string): string {
    return this.epochs.get(channel) ?? EMPTY_EPOCH;
  }

  head(channel: string): number {
    return this.heads.get(channel) ?? 0;
  }

  /** Events after `after`, oldest first; none when the client gave no cursor (it starts at the head). */
  since(channel: string, after: number): BareEvent[] {
    const log = this.logs.get(channel) ?? [];
    return Number.isInteger(after) ? log.filter((e) => e.seq > after) : [];
  }
}

/** Reads a publish body `{"data": …}`; answers 400 and returns undefined when it is not one. */
export async function readPublish(req: IncomingMessage, res: ServerResponse): Promise<{ data: unknown } | undefined> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { data?: unknown };
    if (typeof body === 'object' && body !== null && 'data' in body) return { data: body.data };
  } catch {
    // answered below
  }
  res.writeHead(400, { 'Content-Type': 'application/json' }).end('{"error":"bad publish"}');
  return undefined;
}

export function answerJson(res: ServerResponse, status: number, body: string, extra: OutgoingHttpHeaders = {}): void {
  res.writeHead(status, { ...JSON_HEADERS, 'Content-Length': Buffer.byteLength(body), ...extra }).end(body);
}

/** Listens on PORT (0 by default) and prints the same "serving on" line as the project, which the bench waits for. */
export function serve(server: Server, name: string): void {
  server.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1', () => {
    const { port, address } = server.address() as AddressInfo;
    console.log(`${name} baseline serving on http://${address}:${port}/`);
  });
  process.on('SIGTERM', () => process.exit(0));
  process.on('SIGINT', () => process.exit(0));
}
