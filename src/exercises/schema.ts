/**
 * The shape of an exercise (content/exercises/<id>.ts): the task, the starter code, the solution, the
 * hints, the grader's plan (what it publishes and which faults it stages, in order) and the
 * requirements it judges. Parsed with this schema when the site builds (src/components/Exercise.astro)
 * and by `node --test`, so a bad exercise is an error that names the exercise and the field.
 *
 * The harness contract the learner's code meets is fixed: a JavaScript module whose default export is
 * `connect({ channel, base, deliver, log, reset, gap, onSend })` (src/exercises/harness.ts).
 */
import { z } from 'zod';
import { TECHNIQUE_IDS, type TechniqueId } from '../../protocol/techniques.ts';

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'ids are lowercase words joined by dashes');
const text = (what: string) => z.string().trim().min(1, `${what} must not be empty`);
const ms = (max: number) => z.number().int().min(0).max(max);

/** One step of the grader's plan, run in order (src/exercises/grader.ts). */
export const stepSchema = z.discriminatedUnion('do', [
  z
    .object({ do: z.literal('start') })
    .strict()
    .describe("Starts the learner's code; steps before it prepare the channel."),
  z
    .object({ do: z.literal('wait-request'), timeoutMs: ms(15_000).default(5000) })
    .strict()
    .describe("Waits for the learner's first request to reach the server."),
  z
    .object({ do: z.literal('publish'), count: z.number().int().min(1).max(2000), cut: z.boolean().default(false) })
    .strict()
    .describe('The server publishes `count` events, after cutting the connections if `cut`.'),
  z
    .object({ do: z.literal('delivered'), timeoutMs: ms(20_000).default(6000) })
    .strict()
    .describe('Waits until every event published so far has been delivered (or the timeout).'),
  z.object({ do: z.literal('wait'), ms: ms(10_000) }).strict(),
  z
    .object({ do: z.literal('mark'), name: id })
    .strict()
    .describe('Notes the time under a name, for a requirement that judges a window (asks-again).'),
  z
    .object({
      do: z.literal('refuse'),
      status: z.union([z.literal(503), z.literal(429)]),
      retryAfter: z.number().int().min(0).max(60).default(1),
      count: z.number().int().min(1).max(1000).optional(),
      durationMs: z.number().int().min(100).max(30_000).optional(),
      cut: z.boolean().default(false),
    })
    .strict()
    .describe("Stages an outage: the lab's next requests are answered 503 or 429 with Retry-After."),
  z
    .object({ do: z.literal('restart') })
    .strict()
    .describe("Resets the channel's history: the client must be told reset."),
  z.object({ do: z.literal('cut') }).strict(),
  z
    .object({ do: z.literal('repeat') })
    .strict()
    .describe("Sends the last event frame again on the lab's WebSockets."),
  z
    .object({ do: z.literal('drop-ack') })
    .strict()
    .describe('The next WebSocket publish is appended, then its connection is cut: the ack is lost.'),
  z
    .object({ do: z.literal('send'), text: text('message text'), timeoutMs: ms(20_000).default(8000) })
    .strict()
    .describe("Gives the learner's onSend handler a message { ref, text } and waits for it to be delivered."),
]);

/** What the grader judges, each shown as one line with its evidence (src/exercises/judge.ts). */
export const requirementSchema = z.discriminatedUnion('id', [
  z
    .object({ id: z.literal('exactly-once') })
    .strict()
    .describe('Every event delivered exactly once, in order.'),
  z
    .object({ id: z.literal('backlog'), count: z.number().int().min(1), withinMs: z.number().int().min(1) })
    .strict()
    .describe('The first `count` events (a backlog) delivered within `withinMs` of the first one.'),
  z
    .object({ id: z.literal('retry-after') })
    .strict()
    .describe('After every refusal, waited its Retry-After.'),
  z
    .object({ id: z.literal('outage-rate'), maxPerSecond: z.number().int().min(1) })
    .strict()
    .describe('At most `maxPerSecond` requests in any second of an outage.'),
  z
    .object({ id: z.literal('backoff'), maxPerSecond: z.number().int().min(1) })
    .strict()
    .describe('During an outage: at most `maxPerSecond` requests in any second, and the waits grow.'),
  z
    .object({ id: z.literal('asks-again'), from: id, to: id, min: z.number().int().min(1) })
    .strict()
    .describe('At least `min` requests between two marks: empty answers were followed by a new request.'),
  z
    .object({ id: z.literal('reopens') })
    .strict()
    .describe('A new request after the server refused a reconnect.'),
  z
    .object({ id: z.literal('reset') })
    .strict()
    .describe('reset() called once for every restart, before the new events.'),
  z
    .object({ id: z.literal('each-message-once') })
    .strict()
    .describe('Every message sent is in the log exactly once.'),
  z
    .object({ id: z.literal('cleanup') })
    .strict()
    .describe('After the close function: no connection open, no new request.'),
]);

export type Step = z.infer<typeof stepSchema>;
export type Requirement = z.infer<typeof requirementSchema>;
export type RequirementId = Requirement['id'];

export const exerciseSchema = z
  .object({
    id,
    /** A technique's own exercise, or the capstone that combines them. */
    kind: z.enum(['technique', 'capstone']),
    technique: z.enum(TECHNIQUE_IDS as [TechniqueId, ...TechniqueId[]]),
    /** The lesson it ends (content/lessons/<lesson>.mdx). */
    lesson: id,
    title: text('title'),
    /** The task, one paragraph per entry; `backticks` mark code. */
    task: z.array(text('task paragraph')).min(1),
    starter: text('starter code'),
    solution: text('solution code'),
    hints: z.array(text('hint')).min(1).max(6),
    /** The requirement the starter code misses (the tests check that it fails there). */
    starterFails: z.string(),
    plan: z.array(stepSchema).min(2),
    requirements: z.array(requirementSchema).min(1),
    /** The whole run is stopped after this long, whatever the code does. */
    timeLimitMs: z.number().int().min(5000).max(120_000),
  })
  .strict()
  .superRefine((e, ctx) => {
    if (!e.requirements.some((r) => r.id === e.starterFails))
      ctx.addIssue({
        code: 'custom',
        path: ['starterFails'],
        message: `"${e.starterFails}" is not one of the requirements`,
      });
    if (e.plan.filter((s) => s.do === 'start').length !== 1)
      ctx.addIssue({
        code: 'custom',
        path: ['plan'],
        message: 'the plan starts the code exactly once ({ do: "start" })',
      });
    if (!e.requirements.some((r) => r.id === 'cleanup'))
      ctx.addIssue({ code: 'custom', path: ['requirements'], message: 'every exercise judges the cleanup' });
    const marks = new Set(e.plan.flatMap((s) => (s.do === 'mark' ? [s.name] : [])));
    for (const r of e.requirements)
      if (r.id === 'asks-again')
        for (const m of [r.from, r.to])
          if (!marks.has(m))
            ctx.addIssue({ code: 'custom', path: ['requirements'], message: `no mark "${m}" in the plan` });
  });

export type ExerciseInput = z.input<typeof exerciseSchema>;
export type Exercise = z.infer<typeof exerciseSchema>;

/**
 * What a learner reads of an exercise, in another language (content/exercises/ko.ts): the title, the
 * task and hints paragraph for paragraph, and the chat messages the grader's plan sends (`send`
 * steps' text, English first, as they appear in the progress line). The code stays as it is.
 */
export interface ExerciseText {
  title: string;
  task: readonly string[];
  hints: readonly string[];
  sends?: Readonly<Record<string, string>>;
}

/** The exercise with its learner-facing text replaced (the plan's chat messages too): same grading. */
export function withText(e: Exercise, text: ExerciseText): Exercise {
  const plan = e.plan.map((s) => (s.do === 'send' && text.sends?.[s.text] ? { ...s, text: text.sends[s.text]! } : s));
  return { ...e, title: text.title, task: [...text.task], hints: [...text.hints], plan };
}

/** Parses an exercise, with an error that names it. */
export function parseExercise(input: unknown): Exercise {
  const result = exerciseSchema.safeParse(input);
  if (result.success) return result.data;
  const name = typeof input === 'object' && input && 'id' in input ? String((input as { id: unknown }).id) : '?';
  const issues = result.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`).join('\n');
  throw new Error(`exercise "${name}" is invalid:\n${issues}`);
}
