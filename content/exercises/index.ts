// Every exercise of the course, in course order, parsed with the schema (src/exercises/schema.ts): a
// bad one fails the build and `node --test` with its id and field. One file per exercise.
import type { Locale } from '../../src/i18n/locales.ts';
import { type Exercise, parseExercise, withText } from '../../src/exercises/schema.ts';
import chat from './chat.ts';
import fetchStream from './fetch-stream.ts';
import { KO_EXERCISES } from './ko.ts';
import longPoll from './long-poll.ts';
import poll from './poll.ts';
import sse from './sse.ts';
import websocket from './websocket.ts';

export const EXERCISES: readonly Exercise[] = [poll, longPoll, sse, fetchStream, websocket, chat].map(parseExercise);

// Every exercise has its Korean text, paragraph for paragraph: checked when the module loads, so a
// missing or uneven one fails the build as a bad exercise does.
for (const e of EXERCISES) {
  const ko = KO_EXERCISES[e.id];
  if (!ko) throw new Error(`exercise "${e.id}" has no Korean text in content/exercises/ko.ts`);
  if (ko.task.length !== e.task.length || ko.hints.length !== e.hints.length)
    throw new Error(
      `exercise "${e.id}": the Korean text has ${ko.task.length} task paragraphs and ${ko.hints.length} hints, the English ${e.task.length} and ${e.hints.length}`,
    );
}

/** The exercise `id`, its task, hints and chat messages in `locale` (English by default). */
export function exercise(id: string, locale: Locale = 'en'): Exercise {
  const found = EXERCISES.find((e) => e.id === id);
  if (!found) throw new Error(`no exercise "${id}"; there are: ${EXERCISES.map((e) => e.id).join(', ')}`);
  if (locale === 'en') return found;
  return withText(found, KO_EXERCISES[id]!);
}
