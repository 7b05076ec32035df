/**
 * What a page gives the exercise widget: the exercise of content/exercises/<id>.ts in the page's
 * language (its task, hints and chat messages), with the requirement labels worded there. Exercise.astro
 * builds it at build time; a test can build the same.
 */
import { exercise } from '../../../content/exercises/index.ts';
import { requirementLabel } from '../../exercises/judge.ts';
import { t } from '../../i18n/catalogue.ts';
import type { Locale } from '../../i18n/locales.ts';
import type { ExerciseView } from './Exercise.tsx';

export function exerciseView(id: string, lang: Locale): ExerciseView {
  const e = exercise(id, lang);
  const words = t(lang);
  return {
    id: e.id,
    kind: e.kind,
    techniqueName:
      e.kind === 'capstone' ? words.widgetsExercise.allTechniques : words.widgetsExercise.longNames[e.technique],
    title: e.title,
    task: e.task,
    starter: e.starter,
    solution: e.solution,
    hints: e.hints,
    requirements: e.requirements.map((r) => ({ id: r.id, label: requirementLabel(r, words.exercises) })),
    grading: e,
  };
}
