/**
 * What the exercises say beyond the exercise strings (./exercises.ts): the kicker's technique names,
 * why the grader could not talk to the server, the run's time, and what the sandbox's harness says.
 * This English file defines the type; ../ko/widgetsExercise.ts is of it.
 */
import { TECHNIQUES, type TechniqueId } from '../../../protocol/techniques.ts';

export const exerciseWidgetStrings = {
  /** The kicker of the capstone, where a technique exercise names its technique. */
  allTechniques: 'All techniques',
  /** A technique's name in the kicker. */
  longNames: Object.fromEntries(TECHNIQUES.map((t) => [t.id, t.longName])) as Record<TechniqueId, string>,
  /** Why the grader could not talk to the server (inside console.serverError). */
  unreachable: 'the server could not be reached',
  /** English keeps the server's own sentence when it sent one. */
  answered: (status: number, message: string | undefined) => message ?? `it answered ${status}`,
  /** How long a run took, after its state. */
  took: (seconds: string) => ` (${seconds} s)`,
  /** What the sandbox's harness says (src/exercises/harness.ts). */
  harness: {
    notPlainData: 'deliver() and log() take plain data (JSON values): ',
    noOnSend: 'A message to send arrived, but your code registered no onSend(handler).',
  },
};

export type ExerciseWidgetStrings = typeof exerciseWidgetStrings;
