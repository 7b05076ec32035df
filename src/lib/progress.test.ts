// The learner's progress store, with an in-memory Storage. Run: node --test "src/**/*.test.ts"
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  PROGRESS_KEY,
  emptyProgress,
  markExercisePassed,
  lessonStatus,
  markRead,
  markVisited,
  parseProgress,
  quizKey,
  readProgress,
  resetProgress,
  updateProgress,
} from './progress.ts';

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k),
  };
}

test('progress survives a write and a read back, field by field', () => {
  const storage = memoryStorage();
  updateProgress((p) => {
    markVisited(p, 'sse', 1000);
    markRead(p, 'sse', 2000);
    p.quizzes[quizKey('sse', 'basics')] = { answers: { stops: ['1'] }, checked: ['stops'], passed: true };
    markExercisePassed(p, 'sse-reopen', 3000);
    markExercisePassed(p, 'sse-reopen', 4000);
  }, storage);
  assert.deepEqual(readProgress(storage), {
    visited: { sse: 1000 },
    read: { sse: 2000 },
    quizzes: { 'sse/basics': { answers: { stops: ['1'] }, checked: ['stops'], passed: true } },
    last: { lesson: 'sse', at: 1000 },
    exercises: { 'sse-reopen': 3000 },
  });
});

test('markRead keeps the first time a lesson was read', () => {
  const p = emptyProgress();
  markRead(p, 'sse', 1);
  markRead(p, 'sse', 2);
  assert.equal(p.read.sse, 1);
});

test('reset forgets everything', () => {
  const storage = memoryStorage();
  updateProgress((p) => markRead(p, 'sse', 1), storage);
  resetProgress(storage);
  assert.equal(storage.data.has(PROGRESS_KEY), false);
  assert.deepEqual(readProgress(storage), emptyProgress());
});

test('unreadable stored data counts as no progress instead of breaking the page', () => {
  for (const raw of ['not json', '[]', '42', 'null', '{"read":"yes"}']) {
    assert.deepEqual(parseProgress(raw), emptyProgress(), raw);
  }
  // Good entries are kept, malformed ones dropped.
  const mixed = parseProgress(
    JSON.stringify({
      read: { sse: 5, bad: 'x' },
      quizzes: { 'sse/a': { passed: 'no' }, 'sse/b': { passed: false, answers: { q: ['0', 3] }, checked: ['q'] } },
    }),
  );
  assert.deepEqual(mixed.read, { sse: 5 });
  assert.deepEqual(mixed.quizzes, { 'sse/b': { passed: false, answers: { q: ['0'] }, checked: ['q'] } });
});

test('a storage that throws (disabled, full) loses the change, not the page', () => {
  const refusing = {
    getItem: () => {
      throw new Error('SecurityError');
    },
    setItem: () => {
      throw new Error('QuotaExceededError');
    },
    removeItem: () => {
      throw new Error('SecurityError');
    },
  };
  assert.deepEqual(readProgress(refusing), emptyProgress());
  assert.doesNotThrow(() => updateProgress((p) => markRead(p, 'sse', 1), refusing));
  assert.doesNotThrow(() => resetProgress(refusing));
});

test('lesson status: new, started, read, complete', () => {
  const p = emptyProgress();
  assert.equal(lessonStatus(p, 'sse', ['basics']), 'new');
  markVisited(p, 'sse', 1);
  assert.equal(lessonStatus(p, 'sse', ['basics']), 'started');
  markVisited(p, 'polling', 2);
  assert.equal(lessonStatus(p, 'sse', ['basics']), 'started', 'opening another lesson does not forget this one');
  markRead(p, 'sse', 3);
  assert.equal(lessonStatus(p, 'sse', ['basics']), 'read');
  p.quizzes['sse/basics'] = { answers: {}, checked: [], passed: false };
  assert.equal(lessonStatus(p, 'sse', ['basics']), 'read', 'a failed quiz does not complete the lesson');
  p.quizzes['sse/basics']!.passed = true;
  assert.equal(lessonStatus(p, 'sse', ['basics']), 'complete');
  assert.equal(lessonStatus(p, 'sse', []), 'complete', 'a lesson without quizzes is complete once read');
});
