// The OpenAPI 3.1 document of the HTTP API, built from the contract itself: every route of routes.ts,
// its parameters and bodies from schemas.ts (as JSON Schema 2020-12, which OpenAPI 3.1 speaks), and
// for each answer its status, media type and shape, the errors narrowed to the codes of errors.ts that
// the route can answer with. The server serves it at /api/openapi.json; the fuzzer (npm run fuzz)
// reads it from there, draws requests from it and checks every answer against it.
import { z } from 'zod';
import { ERROR_CODES, type ErrorCode } from './errors.ts';
import { RACE_BOUNDS } from './lab.ts';
import { ROUTES, type Route } from './routes.ts';
import * as S from './schemas.ts';
import { TECHNIQUES, type Technique } from './techniques.ts';

type JsonSchema = Record<string, unknown>;

/** A zod schema as the JSON Schema (2020-12) OpenAPI 3.1 embeds: inline, without its $schema line. */
export function jsonSchema(schema: z.ZodType, io: 'input' | 'output' = 'output'): JsonSchema {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' });
  return rest;
}

interface Param {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header';
  readonly schema: z.ZodType;
  readonly required?: boolean;
  readonly description?: string;
}

interface Answer {
  readonly description: string;
  /** application/json with this shape, or another media type whose body is text. */
  readonly json?: z.ZodType;
  readonly text?: 'text/event-stream' | 'text/plain';
  readonly headers?: Record<string, string>;
}

export interface OperationSpec {
  readonly summary: string;
  readonly params: readonly Param[];
  readonly body?: { readonly schema: z.ZodType; readonly description: string };
  readonly answers: Readonly<Record<number, Answer>>;
}

const channel: Param = { name: 'channel', in: 'path', required: true, schema: S.ChannelParam };
const labId: Param = { name: 'id', in: 'path', required: true, schema: S.LabIdParam };
const after: Param = { name: 'after', in: 'query', schema: S.AfterParam };
const epoch: Param = { name: 'epoch', in: 'query', schema: S.EpochParam };
const limit: Param = { name: 'limit', in: 'query', schema: S.LimitParam };
const labTag: Param = {
  name: 'lab',
  in: 'query',
  schema: S.LabIdParam,
  description: 'Tags the request for a lab: its bytes are captured (docs/api-contract.md, section 10).',
};

const RETRY = { 'Retry-After': 'Seconds to wait before trying again.' };

/** The error answers of a route: one per status, each narrowed to the route's codes with that status. */
function errors(...codes: ErrorCode[]): Record<number, Answer> {
  const all: ErrorCode[] = [...codes, 'shutting_down'];
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of all) {
    const status = ERROR_CODES[code].status;
    if (status === null) continue;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const out: Record<number, Answer> = {};
  for (const [status, list] of byStatus) {
    const retry = list.some((c) =>
      ['rate_limited', 'too_many_connections', 'shutting_down', 'store_unavailable', 'race_busy'].includes(c),
    );
    out[status] = {
      description: list.map((c) => `\`${c}\`: ${ERROR_CODES[c].meaning}`).join(' '),
      json: S.errorBodySchema(list),
      ...(retry ? { headers: RETRY } : {}),
    };
  }
  return out;
}

const pollAnswer: Answer = {
  description: 'The events after the cursor, and the next cursor.',
  json: S.PollAnswerSchema,
};

/** A technique's route, described by how it works (the registry), never by its name. */
function techniqueOperation(t: Technique): OperationSpec {
  const lastEventId: Param = {
    name: 'Last-Event-ID',
    in: 'header',
    schema: z.string(),
    description: '`<epoch>:<seq>` of the last event; wins over `after`. Any other value is a reset, never an error.',
  };
  // Widened: the registry may name a POST technique (a body instead of a query) that this one has not.
  const post = (t.method as string) === 'POST';
  const common = post ? [channel] : [channel, after, epoch];
  const body = post
    ? { schema: S.CursorBody, description: 'Content-Type: application/json; at most 1024 bytes.' }
    : undefined;
  const bodyErrors: ErrorCode[] = post
    ? ['invalid_json', 'invalid_body', 'payload_too_large', 'unsupported_media_type']
    : [];
  if (t.wire === 'websocket-frames') {
    return {
      summary: `${t.longName}: the RFC 6455 handshake (a GET with Upgrade: websocket, answered 101); messages are JSON text frames.`,
      params: common,
      answers: {
        101: { description: 'Switching Protocols: the connection is a WebSocket from here on.' },
        ...errors('invalid_channel', 'upgrade_required'),
      },
    };
  }
  if (t.wire === 'event-stream') {
    return {
      summary: `${t.longName}: one long text/event-stream response.`,
      params: post ? [...common, labTag] : [...common, labTag, lastEventId],
      ...(body ? { body } : {}),
      answers: {
        200: { description: 'The stream: frames of id/event/data, comments as heartbeats.', text: 'text/event-stream' },
        ...errors(
          'invalid_channel',
          'invalid_cursor',
          'invalid_lab_id',
          'too_many_connections',
          'store_unavailable',
          ...bodyErrors,
        ),
      },
    };
  }
  if (t.connection === 'held-request') {
    return {
      summary: `${t.longName}: held until an event arrives or the timeout runs out (RFC 6202).`,
      params: [...common, limit, { name: 'timeout', in: 'query', schema: S.TimeoutParam }, labTag],
      answers: {
        200: pollAnswer,
        500: {
          description: 'The store failed on the read after a wait (logged).',
          json: S.errorBodySchema(['internal_error']),
        },
        ...errors(
          'invalid_channel',
          'invalid_cursor',
          'invalid_limit',
          'invalid_timeout',
          'invalid_lab_id',
          'too_many_connections',
          'store_unavailable',
        ),
      },
    };
  }
  return {
    summary: `${t.longName}: answers at once with what is after the cursor.`,
    params: [...common, limit, labTag],
    answers: {
      200: pollAnswer,
      ...errors('invalid_channel', 'invalid_cursor', 'invalid_limit', 'invalid_lab_id', 'store_unavailable'),
    },
  };
}

const raceBody = z.object({
  rate: z.number().min(RACE_BOUNDS.rate.min).max(RACE_BOUNDS.rate.max),
  payloadBytes: z.int().min(RACE_BOUNDS.payloadBytes.min).max(RACE_BOUNDS.payloadBytes.max),
  durationMs: z.int().min(RACE_BOUNDS.durationMs.min).max(RACE_BOUNDS.durationMs.max),
});

/** A lab action without a body: it spends one of the client IP's publishes (section 10). */
function labAction(summary: string, answer: string, json: z.ZodType): OperationSpec {
  return {
    summary,
    params: [labId],
    answers: { 200: { description: answer, json }, ...errors('invalid_lab_id', 'rate_limited') },
  };
}

/** Every route that is not a technique's, by its path in routes.ts. */
const OPERATIONS: Record<string, OperationSpec> = {
  'GET /api/health': {
    summary: 'Whether the server accepts work, which instance answered and which store it runs on.',
    params: [],
    answers: {
      200: { description: 'ok, or degraded while a shared store is unreachable.', json: S.HealthSchema },
      ...errors(),
    },
  },
  'GET /api/time': {
    summary: "The server's clock.",
    params: [],
    answers: { 200: { description: 'Epoch milliseconds.', json: S.TimeSchema }, ...errors() },
  },
  'GET /api/openapi.json': {
    summary: 'This document.',
    params: [],
    answers: { 200: { description: 'OpenAPI 3.1.', json: z.looseObject({ openapi: z.string() }) }, ...errors() },
  },
  'POST /api/channels/:channel/events': {
    summary: 'Publish one event to a channel.',
    params: [channel],
    body: { schema: S.PublishRequest, description: 'Content-Type: application/json; at most BODY_MAX_BYTES.' },
    answers: {
      201: { description: 'Appended: its seq, time and the epoch.', json: S.PublishAnswerSchema },
      200: {
        description: "A repeated `ref`: nothing appended; the first publish's seq and `duplicate: true`.",
        json: S.PublishAnswerSchema,
      },
      ...errors(
        'invalid_channel',
        'invalid_json',
        'invalid_body',
        'read_only_channel',
        'payload_too_large',
        'unsupported_media_type',
        'rate_limited',
        'store_unavailable',
      ),
    },
  },
  'GET /metrics': {
    summary: 'Prometheus metrics (text exposition format).',
    params: [],
    answers: { 200: { description: 'Prometheus text.', text: 'text/plain' } },
  },
  'GET /api/lab/:id/wire': {
    summary: "The bytes of the lab's tagged connections, as the server saw them.",
    params: [labId, { name: 'after', in: 'query', schema: S.AfterParam }],
    answers: {
      200: { description: 'Entries after `after`.', json: S.WirePageSchema },
      ...errors('invalid_lab_id', 'invalid_cursor'),
    },
  },
  'GET /api/lab/:id/connections': {
    summary: 'Bytes per tagged connection and per technique.',
    params: [labId],
    answers: { 200: { description: 'Counters.', json: S.LabConnectionsSchema }, ...errors('invalid_lab_id') },
  },
  'POST /api/lab/:id/cut': labAction(
    "Drops the lab's tagged connections, or arms a cut for its next one.",
    'What was dropped.',
    S.CutAnswerSchema,
  ),
  'POST /api/lab/:id/restart': {
    summary: 'A server restart for this lab alone: cuts, and resets `lab-<id>`.',
    params: [labId],
    answers: {
      200: { description: 'The new epoch.', json: S.RestartAnswerSchema },
      ...errors('invalid_lab_id', 'rate_limited', 'store_unavailable'),
    },
  },
  'POST /api/lab/:id/gap': {
    summary: 'Cuts, then publishes RETENTION + 5 events on `lab-<id>`.',
    params: [labId],
    answers: {
      200: { description: 'What was published.', json: S.GapAnswerSchema },
      ...errors('invalid_lab_id', 'gap_unavailable', 'rate_limited', 'store_unavailable'),
    },
  },
  'POST /api/lab/:id/race': {
    summary: 'Starts a race on `lab-<id>`: the server publishes at the rate and size asked.',
    params: [labId],
    body: { schema: raceBody, description: 'Content-Type: application/json; at most 1024 bytes.' },
    answers: {
      201: { description: 'Where and when its events begin.', json: S.RaceStartSchema },
      ...errors(
        'invalid_lab_id',
        'invalid_json',
        'invalid_race',
        'payload_too_large',
        'unsupported_media_type',
        'rate_limited',
        'race_busy',
        'store_unavailable',
      ),
    },
  },
  'GET /api/lab/:id/race/status': {
    summary: "What the lab's race has published.",
    params: [labId],
    answers: {
      200: { description: 'Its status.', json: S.RaceStatusSchema },
      ...errors('invalid_lab_id', 'not_found'),
    },
  },
  'POST /api/lab/:id/exercise': {
    summary: "Starts a grading run: the lab claims `lab-<id>`, keeps its tick quiet and logs the lab's requests.",
    params: [labId],
    answers: {
      201: {
        description: 'The channel, its epoch and head, and until when the tick is quiet.',
        json: S.ExerciseStartSchema,
      },
      ...errors('invalid_lab_id', 'rate_limited', 'store_unavailable'),
    },
  },
  'POST /api/lab/:id/publish': {
    summary: 'The server appends `count` events to `lab-<id>` at once, after a cut if asked.',
    params: [labId],
    body: { schema: S.PublishPlanSchema, description: 'Content-Type: application/json; at most 1024 bytes.' },
    answers: {
      201: { description: 'The seqs appended.', json: S.PublishPlanAnswerSchema },
      ...errors(
        'invalid_lab_id',
        'invalid_json',
        'invalid_fault',
        'payload_too_large',
        'unsupported_media_type',
        'rate_limited',
        'store_unavailable',
      ),
    },
  },
  'POST /api/lab/:id/refuse': {
    summary: "The lab's next requests are answered 503 or 429 on purpose.",
    params: [labId],
    body: { schema: S.RefusePlanSchema, description: 'Content-Type: application/json; at most 1024 bytes.' },
    answers: {
      201: { description: 'The outage as it was planned.', json: S.RefuseAnswerSchema },
      ...errors(
        'invalid_lab_id',
        'invalid_json',
        'invalid_fault',
        'payload_too_large',
        'unsupported_media_type',
        'rate_limited',
      ),
    },
  },
  'POST /api/lab/:id/repeat': labAction(
    "Sends the last event frame again on each of the lab's WebSockets.",
    'How many sockets got it.',
    S.RepeatAnswerSchema,
  ),
  'POST /api/lab/:id/drop-ack': labAction(
    "The lab's next WebSocket publish is appended and its connection cut before the ack.",
    'Armed, for this long.',
    S.DropAckAnswerSchema,
  ),
  'GET /api/lab/:id/requests': {
    summary: "The lab's requests and staged outages during its grading run.",
    params: [labId],
    answers: { 200: { description: 'The log.', json: S.LabRequestsSchema }, ...errors('invalid_lab_id') },
  },
  'GET /api/lab/:id/log': {
    summary: "`lab-<id>`'s log as the server keeps it, a page of up to 1000 events after `after`.",
    params: [labId, { name: 'after', in: 'query', schema: S.AfterParam }],
    answers: {
      200: { description: 'The page.', json: S.LabLogSchema },
      ...errors('invalid_lab_id', 'invalid_cursor', 'store_unavailable'),
    },
  },
  'POST /api/lab/:id/race/stop': {
    summary: "Stops the lab's race.",
    params: [labId],
    answers: {
      200: { description: 'Its status.', json: S.RaceStatusSchema },
      ...errors('invalid_lab_id', 'not_found'),
    },
  },
};

/** The specification of one route: a technique's from the registry, the others from the table above. */
export function operationOf(route: Route): OperationSpec {
  const t = route.technique ? TECHNIQUES.find((x) => x.id === route.technique) : undefined;
  const op = t ? techniqueOperation(t) : OPERATIONS[`${route.method} ${route.path}`];
  if (!op) throw new Error(`protocol/openapi.ts describes no operation for ${route.method} ${route.path}`);
  return op;
}

/** `/api/channels/:channel/poll` → `/api/channels/{channel}/poll`. */
export const openApiPath = (path: string) => path.replace(/:([a-z]+)/g, '{$1}');

function parameter(p: Param): JsonSchema {
  const schema = jsonSchema(p.schema, 'input');
  return {
    name: p.name,
    in: p.in,
    required: p.in === 'path' ? true : (p.required ?? false),
    ...((p.description ?? schema.description) ? { description: p.description ?? schema.description } : {}),
    schema,
  };
}

function answer(a: Answer): JsonSchema {
  return {
    description: a.description,
    ...(a.headers
      ? {
          headers: Object.fromEntries(
            Object.entries(a.headers).map(([h, d]) => [h, { description: d, schema: { type: 'string' } }]),
          ),
        }
      : {}),
    ...(a.json ? { content: { 'application/json': { schema: jsonSchema(a.json) } } } : {}),
    ...(a.text ? { content: { [a.text]: { schema: { type: 'string' } } } } : {}),
  };
}

/** The whole document. */
export function openApiDocument(): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of ROUTES) {
    const op = operationOf(route);
    const key = openApiPath(route.path);
    paths[key] ??= {};
    paths[key][route.method.toLowerCase()] = {
      operationId: `${route.method.toLowerCase()}${route.path.replace(/[/:.-]+(\w)/g, (_, c: string) => c.toUpperCase())}`,
      summary: op.summary,
      tags: [route.group],
      parameters: op.params.map(parameter),
      ...(op.body
        ? {
            requestBody: {
              required: true,
              description: op.body.description,
              content: { 'application/json': { schema: jsonSchema(op.body.schema, 'input') } },
            },
          }
        : {}),
      responses: Object.fromEntries(Object.entries(op.answers).map(([status, a]) => [status, answer(a)])),
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Realtime Lab',
      version: '1',
      description:
        'The HTTP API of the Realtime Lab server (docs/api-contract.md; readable at /api-reference/). Every error is `{"error":{"code","message"}}` as application/json; a known path with another method answers 405 `method_not_allowed` with `Allow`, any other /api/ path 404 `not_found`.',
    },
    servers: [{ url: '/' }],
    paths,
  };
}
