/**
 * The learner's progress: which lessons they have read, which quizzes they passed and with what
 * answers, and where they were last. It lives in this browser's localStorage only: no account and no
 * server state, so it belongs to the learner and a reset really forgets it.
 *
 * Pure functions over a Storage-like object, so `node --test` checks them with a fake storage.
 */

export const PROGRESS_KEY = 'realtime-lab:progress:v1';
/** Fired on window after every change made in this tab (other tabs get the `storage` event). */
export const PROGRESS_EVENT = 'realtime-lab:progress';

export interface QuizResult {
  /** Chosen option indexes per question id, as strings (form values). */
  answers: Record<string, string[]>;
  /** Questions whose answer the learner has checked (or whose prediction was revealed). */
  checked: string[];
  passed: boolean;
}

export interface Progress {
  /** Lesson id → time (epoch ms) it was last opened. */
  visited: Record<string, number>;
  /** Lesson id → time (epoch ms) it was first read to the end. */
  read: Record<string, number>;
  /** `<lesson>/<quiz id>` → result. */
  quizzes: Record<string, QuizResult>;
  /** The lesson opened last, for "continue where you left off". */
  last?: { lesson: string; at: number };
  /** Exercise id → time (epoch ms) its grader first passed the learner's code. */
  exercises: Record<string, number>;
}

export type LessonStatus = 'new' | 'started' | 'read' | 'complete';

type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export const emptyProgress = (): Progress => ({ visited: {}, read: {}, quizzes: {}, exercises: {} });

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads stored progress; anything unreadable (old format, hand-edited, corrupt) counts as none. */
export function parseProgress(raw: string | null): Progress {
  if (!raw) return emptyProgress();
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return emptyProgress();
  }
  if (!isRecord(data)) return emptyProgress();
  const progress = emptyProgress();
  for (const field of ['visited', 'read', 'exercises'] as const) {
    const times = data[field];
    if (!isRecord(times)) continue;
    for (const [lesson, at] of Object.entries(times)) if (typeof at === 'number') progress[field][lesson] = at;
  }
  if (isRecord(data.quizzes)) {
    for (const [key, q] of Object.entries(data.quizzes)) {
      if (!isRecord(q) || typeof q.passed !== 'boolean' || !isRecord(q.answers) || !Array.isArray(q.checked)) continue;
      const answers: Record<string, string[]> = {};
      for (const [question, chosen] of Object.entries(q.answers)) {
        if (Array.isArray(chosen)) answers[question] = chosen.filter((c): c is string => typeof c === 'string');
      }
      progress.quizzes[key] = {
        passed: q.passed,
        answers,
        checked: q.checked.filter((c): c is string => typeof c === 'string'),
      };
    }
  }
  if (isRecord(data.last) && typeof data.last.lesson === 'string' && typeof data.last.at === 'number') {
    progress.last = { lesson: data.last.lesson, at: data.last.at };
  }
  return progress;
}

/** localStorage, or undefined where the browser refuses it (storage disabled, some private modes). */
export function browserStorage(): StorageLike | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

export function readProgress(storage: StorageLike | undefined = browserStorage()): Progress {
  try {
    return parseProgress(storage?.getItem(PROGRESS_KEY) ?? null);
  } catch {
    return emptyProgress();
  }
}

function notify(): void {
  if (typeof window !== 'undefined') window.dispatchEvent(new Event(PROGRESS_EVENT));
}

/** Read, change, write back. A full or refused storage loses the change, never the page. */
export function updateProgress(
  change: (p: Progress) => void,
  storage: StorageLike | undefined = browserStorage(),
): Progress {
  const progress = readProgress(storage);
  change(progress);
  try {
    storage?.setItem(PROGRESS_KEY, JSON.stringify(progress));
  } catch {
    // Quota exceeded or storage disabled: the page keeps working, progress is just not kept.
  }
  notify();
  return progress;
}

export function resetProgress(storage: StorageLike | undefined = browserStorage()): void {
  try {
    storage?.removeItem(PROGRESS_KEY);
  } catch {
    // Nothing stored, nothing to forget.
  }
  notify();
}

export const quizKey = (lesson: string, quiz: string): string => `${lesson}/${quiz}`;

export function markRead(progress: Progress, lesson: string, now: number): void {
  progress.read[lesson] ??= now;
}

/** A passed exercise counts like a finished lesson: kept from its first pass on. */
export function markExercisePassed(progress: Progress, exercise: string, now: number): void {
  progress.exercises[exercise] ??= now;
}

export function markVisited(progress: Progress, lesson: string, now: number): void {
  progress.visited[lesson] = now;
  progress.last = { lesson, at: now };
}

/**
 * new: never opened; started: opened, not read to the end; read: read to the end;
 * complete: read and every quiz in it passed (a lesson without quizzes is complete once read).
 */
export function lessonStatus(progress: Progress, lesson: string, quizzes: readonly string[]): LessonStatus {
  const read = lesson in progress.read;
  const passed = quizzes.every((q) => progress.quizzes[quizKey(lesson, q)]?.passed === true);
  if (read && passed) return 'complete';
  if (read) return 'read';
  const touched = lesson in progress.visited || quizzes.some((q) => quizKey(lesson, q) in progress.quizzes);
  return touched ? 'started' : 'new';
}

export const STATUS_LABELS: Record<LessonStatus, string> = {
  new: 'not started',
  started: 'started',
  read: 'read',
  complete: 'completed',
};
