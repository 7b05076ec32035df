// The lesson frontmatter schema, kept apart from src/content.config.ts (which needs Astro's virtual
// modules) so plain `node --test` can check it: src/lib/lesson-schema.test.ts.
import { z } from 'astro/zod';
import { TECHNIQUE_IDS, type TechniqueId } from '../../protocol/techniques.ts';

// Strict on purpose: a typo in frontmatter (`orde: 4`, `draf: true`) must fail the build,
// not silently drop the lesson from the nav or publish a draft.
export const lessonSchema = z
  .object({
    title: z.string().trim().min(1).describe('Lesson title, shown as the page <h1> and in the nav.'),
    description: z
      .string()
      .trim()
      .min(1)
      .describe('One or two sentences for the home page list and the <meta name="description">.'),
    order: z
      .number()
      .int()
      .positive()
      .describe('Position in the course (1 = first). Sorts the nav and the previous/next links.'),
    goal: z
      .string()
      .trim()
      .min(1)
      // One sentence: it is shown as a single "By the end…" line above the lesson.
      .refine((s) => !/[.!?]\s+\S/.test(s), { message: 'goal must be a single sentence' })
      .describe('What the learner can do after the lesson, in one sentence.'),
    youWill: z
      .string()
      .trim()
      .min(1)
      // Read after "In this lesson you will", so it starts in lower case and names the doing.
      .refine((s) => /^[a-z]/.test(s) && !/[.!?]$/.test(s), {
        message: 'youWill continues "In this lesson you will…": start in lower case, no final full stop',
      })
      .describe('What the learner does in the lesson, shown after "In this lesson you will" with the reading time.'),
    techniques: z
      .array(z.enum(TECHNIQUE_IDS as [TechniqueId, ...TechniqueId[]]))
      .describe('Which techniques the lesson covers (ids of protocol/techniques.ts); empty for overview lessons.'),
    draft: z
      .boolean()
      .default(false)
      .describe('Drafts are built in `astro dev` only and left out of the production build.'),
  })
  .strict();

export type LessonData = z.infer<typeof lessonSchema>;
