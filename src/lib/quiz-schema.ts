/**
 * The shape of a "check your understanding" quiz, authored in a lesson's MDX:
 *
 *   export const quiz = [{ kind: 'single', id: 'retry', prompt: '…', options: [{ text, correct, explain }] }];
 *   <Quiz id="sse-basics" questions={quiz} />
 *
 * Quiz.astro parses it with this schema at build time, so a bad quiz is a build error that names the
 * lesson, the question and the field. Plain zod, no Astro imports: `node --test` checks it directly.
 */
import { z } from 'astro/zod';

export const QUESTION_KINDS = ['single', 'multiple', 'predict'] as const;

const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'ids are lowercase words joined by dashes, like "retry-delay"')
  .describe('Stable id: progress is stored under it, so renaming it forgets learners’ answers.');

const text = (what: string) => z.string().trim().min(1, `${what} must not be empty`);

export const optionSchema = z
  .object({
    text: text('option text').describe('The answer as the learner sees it. `backticks` mark code.'),
    correct: z.boolean().default(false).describe('Whether choosing this option is right.'),
    explain: text('explain').describe('Why this option is right or wrong; shown after checking, for every option.'),
  })
  .strict();

const common = {
  id,
  prompt: text('prompt').describe('The question. `backticks` mark code.'),
  options: z
    .array(optionSchema)
    .min(2, 'a question needs at least two options')
    .max(8)
    .describe('The choices, in display order.'),
};

export const questionSchema = z
  .discriminatedUnion('kind', [
    z
      .object({ kind: z.literal('single'), ...common })
      .strict()
      .describe('Exactly one option is right (radio buttons).'),
    z
      .object({ kind: z.literal('multiple'), ...common })
      .strict()
      .describe('One or more options are right (checkboxes).'),
    z
      .object({
        kind: z.literal('predict'),
        ...common,
        widget: id.describe(
          'The id of the element around the live demo to try, e.g. "sse-demo" for <div id="sse-demo">.',
        ),
        observe: text('observe').describe('What to do in the demo to see the answer for yourself.'),
      })
      .strict()
      .describe('Predict, then observe in a live demo: the learner commits to a guess before trying it.'),
  ])
  .superRefine((q, ctx) => {
    const right = q.options.filter((o) => o.correct).length;
    if (q.kind !== 'multiple' && right !== 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['options'],
        message: `a ${q.kind} question needs exactly one correct option; it has ${right}`,
      });
    }
    if (q.kind === 'multiple' && right === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['options'],
        message: 'a multiple question needs at least one correct option',
      });
    }
  });

export const quizSchema = z
  .array(questionSchema)
  .min(1, 'a quiz needs at least one question')
  .superRefine((questions, ctx) => {
    const seen = new Set<string>();
    questions.forEach((q, i) => {
      if (seen.has(q.id))
        ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `question id "${q.id}" is used twice` });
      seen.add(q.id);
    });
  });

export type QuizQuestion = z.infer<typeof questionSchema>;
export type QuizOption = z.infer<typeof optionSchema>;

/**
 * Parses a quiz or throws an error a lesson author can act on, e.g.
 * `Quiz "sse-basics" in lessons/sse, question 2 ("retry-delay"), options: a single question needs …`.
 */
export function parseQuiz(input: unknown, where: string): QuizQuestion[] {
  const result = quizSchema.safeParse(input);
  if (result.success) return result.data;
  const list = Array.isArray(input) ? input : [];
  const problems = result.error.issues.map((issue) => {
    const [index, ...rest] = issue.path;
    if (typeof index !== 'number') return issue.message;
    const qid = (list[index] as { id?: unknown } | undefined)?.id;
    const label = `question ${index + 1}${typeof qid === 'string' ? ` ("${qid}")` : ''}`;
    return `${label}${rest.length > 0 ? `, ${rest.join('.')}` : ''}: ${issue.message}`;
  });
  throw new Error(`${where} is not a valid quiz:\n  - ${problems.join('\n  - ')}`);
}

/** Splits `code` spans out of authored text, so an option can show `Last-Event-ID` as code. */
export function codeSpans(source: string): { code: boolean; text: string }[] {
  return source
    .split(/(`[^`]+`)/)
    .filter((part) => part !== '')
    .map((part) =>
      part.startsWith('`') && part.endsWith('`') && part.length > 2
        ? { code: true, text: part.slice(1, -1) }
        : { code: false, text: part },
    );
}
