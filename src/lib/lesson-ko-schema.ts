// The Korean lesson frontmatter (content/ko/lessons/*.mdx, docs/i18n.md): the English fields, with the
// Korean rules for `goal` and `youWill`, and `translatedFrom`, the sha256 of the English file it was
// translated from. Apart from src/content.config.ts so plain `node --test` can check it.
import { z } from 'astro/zod';
import { lessonSchema } from './lesson-schema.ts';

const HANGUL = /\p{Script=Hangul}/u;

export const lessonKoSchema = lessonSchema
  .extend({
    title: z.string().trim().min(1).describe('강의 제목: 페이지의 <h1>과 목록에 쓰인다.'),
    description: z.string().trim().min(1).describe('홈의 목록과 <meta name="description">에 쓰는 한두 문장.'),
    goal: z
      .string()
      .trim()
      .min(1)
      .refine((s) => HANGUL.test(s), { message: 'goal은 한국어로 쓴다' })
      // One sentence in 해라체, without its final full stop: shown as "목표: {goal}".
      .refine((s) => !/[.!?。]$/.test(s) && !/[.!?]\s+\S/.test(s), {
        message: 'goal은 마침표 없는 한 문장이다 (docs/i18n.md)',
      })
      .describe('강의를 마친 학습자가 할 수 있는 것, 해라체 한 문장, 마침표 없이.'),
    youWill: z
      .string()
      .trim()
      .min(1)
      .refine((s) => HANGUL.test(s), { message: 'youWill은 한국어로 쓴다' })
      // Read after "이 강의에서는", with the page adding the full stop.
      .refine((s) => !/[.!?。]$/.test(s), { message: 'youWill은 "이 강의에서는 …" 뒤에 이어지는 절이다: 마침표 없이' })
      .describe('"이 강의에서는 {youWill}."로 읽히는 해라체 절, 마침표 없이.'),
    translatedFrom: z
      .string()
      .regex(/^[0-9a-f]{64}$/, 'translatedFrom은 영어 .mdx 파일의 sha256(소문자 16진수 64자)이다')
      .describe('번역할 때의 영어 파일 sha256 (sha256sum content/lessons/<slug>.mdx).'),
  })
  .strict();

export type LessonKoData = z.infer<typeof lessonKoSchema>;
