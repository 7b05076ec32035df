// The bodies of the HTTP API as zod schemas: what a request may carry and what each answer is. They
// are the contract's shapes (messages.ts, lab.ts, errors.ts) made checkable: the server validates a
// publish with PublishRequest, openapi.ts turns them into the OpenAPI 3.1 document served at
// /api/openapi.json, and the fuzzer (npm run fuzz) draws requests from them and checks every answer
// against the document. The type checks at the end keep them and the TypeScript shapes the same.
import { z } from 'zod';
import { CHANNEL_NAME, MAX_CURSOR } from './channels.ts';
import { ERROR_CODE_IDS, type ErrorBody, type ErrorCode } from './errors.ts';
import {
  type ExerciseStart,
  LAB_ID,
  type LabConnections,
  type LabRequests,
  PUBLISH_PLAN_MAX,
  type PublishPlan,
  type PublishPlanAnswer,
  RACE_BOUNDS,
  REFUSE_BOUNDS,
  type RaceStart,
  type RaceStatus,
  type RefusePlan,
  type RepeatAnswer,
  type WirePage,
} from './lab.ts';
import { type ChannelEvent, MAX_REF_LENGTH, type PollAnswer, type PublishAnswer } from './messages.ts';
import { TECHNIQUE_IDS, type TechniqueId } from './techniques.ts';

const seq = z.int().min(1).describe('A position in the log: 1 for the first event, growing by 1.');
const cursorValue = z.int().min(0).max(MAX_CURSOR);
const epochMs = z.int().min(0).describe('Server clock, epoch milliseconds.');
const epoch = z.string().min(1).describe('The history a cursor belongs to; opaque, never contains ":" or whitespace.');
const techniqueId = z.enum(TECHNIQUE_IDS as [TechniqueId, ...TechniqueId[]]);

// ---- parameters (as they appear in a URL: strings) -------------------------------------------------

export const ChannelParam = z.string().regex(CHANNEL_NAME).describe('A channel name.');
export const LabIdParam = z.string().regex(LAB_ID).describe('A lab id: 32 lowercase hex digits.');
export const AfterParam = z
  .string()
  .regex(/^\d{1,16}$/)
  .describe(`The seq of the last event you have, plain decimal digits, at most ${MAX_CURSOR}.`);
export const EpochParam = z.string().describe('The epoch your cursor belongs to; empty means none.');
export const LimitParam = z.int().min(1).max(1000).describe('Most events in one answer (default 100).');
export const TimeoutParam = z
  .int()
  .min(-999_999_999_999_999)
  .max(999_999_999_999_999)
  .describe('How long to hold, in ms (default LONG_POLL_TIMEOUT_MS); clamped to 0–30000.');

// ---- bodies ----------------------------------------------------------------------------------------

/** Any JSON value: what `data` may be. */
export const JsonValue = z.unknown().describe('Any JSON value.');

export const PublishRequest = z
  .looseObject({
    data: JsonValue,
    ref: z
      .union([z.string().max(MAX_REF_LENGTH), z.number()])
      .optional()
      .describe(
        'An idempotency key: the same ref on the same channel within PUBLISH_DEDUPE_MS appends nothing and answers the first seq.',
      ),
  })
  .describe(
    'One event: `data` is any JSON value, at most PUBLISH_MAX_BYTES serialized; `ref` is optional; other fields are ignored.',
  );

/** The body of a technique that is a POST (streaming with fetch): the cursor, in JSON rather than in the URL. */
export const CursorBody = z
  .looseObject({
    after: cursorValue.optional().describe('The seq of the last event you have, a JSON number.'),
    epoch: z.string().optional().describe('The epoch your cursor belongs to.'),
  })
  .describe('`{}` starts at the head; other fields are ignored.');

export const PublishAnswerSchema = z.object({
  seq,
  time: epochMs,
  epoch,
  duplicate: z.literal(true).optional().describe('The ref was already published: nothing was appended (status 200).'),
});

export const ChannelEventSchema = z.object({ seq, time: epochMs, data: JsonValue });

export const PollAnswerSchema = z.object({
  epoch,
  events: z.array(ChannelEventSchema).max(1000),
  cursor: cursorValue.describe('Send it back as `after` next time.'),
  reset: z.literal(true).optional().describe('Cursor rule 4: another history; events start at the oldest.'),
  missed: z.int().min(1).optional().describe('Cursor rule 3: this many events were evicted before you got them.'),
});

export const HealthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  instance: z.string().min(1),
  store: z.enum(['memory', 'redis']),
  problem: z.string().optional(),
});

export const TimeSchema = z.object({ now: epochMs });

/** The one error shape; `codes` narrows `code` to those an answer may carry. */
export function errorBodySchema(
  codes: readonly (ErrorCode | 'internal_error')[] = [...ERROR_CODE_IDS, 'internal_error'],
) {
  return z.object({
    error: z.object({
      code: z.enum(codes as [string, ...string[]]),
      message: z.string().min(1).describe('A human sentence; never a stack trace.'),
    }),
  });
}

// ---- the lab ---------------------------------------------------------------------------------------

const byteCounts = z.object({ header: z.int().min(0), framing: z.int().min(0), payload: z.int().min(0) });
const direction = z.enum(['up', 'down']);
const entryBase = { n: z.int().min(1), at: epochMs, conn: z.int().min(0), technique: techniqueId };

export const WirePageSchema = z.object({
  entries: z.array(
    z.discriminatedUnion('kind', [
      z.object({ ...entryBase, kind: z.literal('http-head'), dir: direction, text: z.string(), bytes: z.int().min(0) }),
      z.object({
        ...entryBase,
        kind: z.literal('http-body'),
        dir: direction,
        text: z.string(),
        payloadBytes: z.int().min(0),
        framingBytes: z.int().min(0),
        truncated: z.boolean(),
      }),
      z.object({
        ...entryBase,
        kind: z.literal('ws-frame'),
        dir: direction,
        fin: z.boolean(),
        rsv: z.array(z.boolean()),
        opcode: z.int().min(0).max(15),
        opcodeName: z.string(),
        masked: z.boolean(),
        maskingKey: z.string().nullable(),
        payloadLength: z.int().min(0),
        headerBytes: z.int().min(0),
        payload: z.string(),
        payloadEncoding: z.enum(['utf8', 'hex']),
        truncated: z.boolean(),
      }),
      z.object({ ...entryBase, kind: z.literal('note'), text: z.string() }),
    ]),
  ),
  next: z.int().min(0),
  dropped: z.int().min(0),
});

const techniqueStats = z.object({
  requests: z.int().min(0),
  connections: z.int().min(0),
  up: byteCounts,
  down: byteCounts,
});

export const LabConnectionsSchema = z.object({
  channel: z.string(),
  live: z.int().min(0),
  peakLive: z.int().min(0),
  connections: z.array(
    z.object({
      id: z.int().min(0),
      technique: techniqueId,
      requests: z.int().min(0),
      open: z.boolean(),
      openedAt: epochMs,
      closedAt: epochMs.nullable(),
      up: byteCounts,
      down: byteCounts,
    }),
  ),
  totals: z.object({ up: byteCounts, down: byteCounts }),
  byTechnique: z.partialRecord(techniqueId, techniqueStats).optional(),
});

export const CutAnswerSchema = z.object({ dropped: z.int().min(0), armed: z.boolean() });
export const RestartAnswerSchema = z.object({ channel: z.string(), epoch, dropped: z.int().min(0) });
export const GapAnswerSchema = z.object({
  channel: z.string(),
  published: z.int().min(0),
  retention: z.int().min(1),
  dropped: z.int().min(0),
});

const bounded = (b: { min: number; max: number }, integer: boolean) =>
  (integer ? z.int() : z.number()).min(b.min).max(b.max);

export const RaceSettingsSchema = z.object({
  rate: bounded(RACE_BOUNDS.rate, false).describe('Events per second.'),
  payloadBytes: bounded(RACE_BOUNDS.payloadBytes, true).describe("Each event's `data` serialized, in bytes."),
  durationMs: bounded(RACE_BOUNDS.durationMs, true),
});

export const RaceStartSchema = z.object({
  channel: z.string(),
  epoch,
  after: cursorValue,
  startsAt: epochMs,
  endsAt: epochMs,
  planned: z.int().min(1),
  settings: RaceSettingsSchema,
});

export const RaceStatusSchema = z.object({
  running: z.boolean(),
  settings: RaceSettingsSchema,
  startsAt: epochMs,
  endsAt: epochMs,
  planned: z.int().min(1),
  published: z.int().min(0),
  failed: z.int().min(0),
  segments: z.array(z.object({ epoch, first: seq, last: seq })),
});

// ---- grading runs (docs/api-contract.md, section 10.1) ---------------------------------------------

const refusedStatus = z.union([z.literal(503), z.literal(429)]);

export const ExerciseStartSchema = z.object({ channel: z.string(), epoch, head: cursorValue, quietUntil: epochMs });

export const PublishPlanSchema = z.object({
  count: z.int().min(0).max(PUBLISH_PLAN_MAX).describe('Events the server appends to `lab-<id>` at once.'),
  cut: z.boolean().optional().describe("Cut the lab's connections first."),
});

export const PublishPlanAnswerSchema = z.object({
  channel: z.string(),
  epoch,
  first: seq,
  last: cursorValue,
  dropped: z.int().min(0),
});

export const RefusePlanSchema = z.object({
  status: refusedStatus,
  retryAfter: bounded(REFUSE_BOUNDS.retryAfter, true).optional(),
  count: bounded(REFUSE_BOUNDS.count, true).optional(),
  durationMs: bounded(REFUSE_BOUNDS.durationMs, true).optional(),
  cut: z.boolean().optional(),
});

const outageRecord = z.object({
  status: refusedStatus,
  retryAfter: z.int().min(0),
  from: epochMs,
  until: epochMs,
  endedAt: epochMs.nullable(),
  refused: z.int().min(0),
});

export const RefuseAnswerSchema = outageRecord.extend({
  count: z.int().min(1).optional(),
  dropped: z.int().min(0),
});

export const DropAckAnswerSchema = z.object({ armed: z.literal(true), untilMs: z.int().min(0) });
export const RepeatAnswerSchema = z.object({ repeated: z.int().min(0) });

export const LabRequestsSchema = z.object({
  requests: z.array(z.object({ at: epochMs, technique: techniqueId, refused: refusedStatus.nullable() })),
  dropped: z.int().min(0),
  outages: z.array(outageRecord),
});

export const LabLogSchema = z.object({
  channel: z.string(),
  epoch,
  oldest: seq,
  head: cursorValue,
  events: z.array(ChannelEventSchema).max(1000),
});

// ---- kept in step with the TypeScript shapes ------------------------------------------------------

/** True when every value the schema accepts is a T: a schema that drifts from its type fails the type check. */
type Fits<S extends z.ZodType, T> = z.output<S> extends T ? true : false;
const fits: [
  Fits<typeof PublishAnswerSchema, PublishAnswer>,
  Fits<typeof ChannelEventSchema, ChannelEvent>,
  Fits<typeof PollAnswerSchema, PollAnswer>,
  Fits<ReturnType<typeof errorBodySchema>, { error: { code: string; message: string } }>,
  Fits<typeof WirePageSchema, WirePage>,
  // byTechnique is absent for a lab that was never used (docs/api-contract.md, section 10).
  Fits<typeof LabConnectionsSchema, Omit<LabConnections, 'byTechnique'> & Partial<Pick<LabConnections, 'byTechnique'>>>,
  Fits<typeof RaceStartSchema, RaceStart>,
  Fits<typeof RaceStatusSchema, RaceStatus>,
  Fits<typeof ExerciseStartSchema, ExerciseStart>,
  Fits<typeof PublishPlanSchema, PublishPlan>,
  Fits<typeof PublishPlanAnswerSchema, PublishPlanAnswer>,
  Fits<typeof RefusePlanSchema, RefusePlan>,
  Fits<typeof LabRequestsSchema, LabRequests>,
  Fits<typeof RepeatAnswerSchema, RepeatAnswer>,
] = [true, true, true, true, true, true, true, true, true, true, true, true, true, true];
void fits;
export type { ErrorBody };
