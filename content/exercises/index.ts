// Every exercise of the course, in course order, parsed with the schema (src/exercises/schema.ts): a
// bad one fails the build and `node --test` with its id and field. One file per exercise.
import { type Exercise, parseExercise } from '../../src/exercises/schema.ts';
import chat from './chat.ts';
import fetchStream from './fetch-stream.ts';
import longPoll from './long-poll.ts';
import poll from './poll.ts';
import sse from './sse.ts';
import websocket from './websocket.ts';

export const EXERCISES: readonly Exercise[] = [poll, longPoll, sse, fetchStream, websocket, chat].map(parseExercise);

export function exercise(id: string): Exercise {
  const found = EXERCISES.find((e) => e.id === id);
  if (!found) throw new Error(`no exercise "${id}"; there are: ${EXERCISES.map((e) => e.id).join(', ')}`);
  return found;
}
