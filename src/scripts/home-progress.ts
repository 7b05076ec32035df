/**
 * The home page's view of the learner's progress: a "Continue" button to the last lesson opened, a
 * one-line summary, the status of every lesson, and a reset that forgets it all.
 */
import { quizKey, readProgress, resetProgress } from '../lib/progress.ts';
import { keepProgressPainted } from './progress-marks.ts';
import { lessonPath } from '../lib/lesson-path.ts';
import { clientWords, pageLanguage } from './words.ts';

function paintSummary(): void {
  const progress = readProgress();
  const items = [...document.querySelectorAll<HTMLElement>('.lesson-list [data-progress-lesson]')];
  const summary = document.querySelector<HTMLElement>('[data-progress-summary]')!;
  const reset = document.querySelector<HTMLButtonElement>('[data-progress-reset]')!;
  const cont = document.querySelector<HTMLAnchorElement>('[data-continue]')!;

  const lessons = items.map((el) => ({
    id: el.dataset.progressLesson!,
    title: el.dataset.title!,
    quizzes: (el.dataset.quizzes ?? '').split(' ').filter(Boolean),
  }));
  const read = lessons.filter((l) => l.id in progress.read).length;
  const quizzes = lessons.flatMap((l) => l.quizzes.map((q) => quizKey(l.id, q)));
  const passed = quizzes.filter((k) => progress.quizzes[k]?.passed).length;
  const exercises = (summary.dataset.exercises ?? '').split(' ').filter(Boolean);
  const solved = exercises.filter((id) => id in progress.exercises).length;
  const anything = Object.keys(progress.visited).length > 0 || Object.keys(progress.quizzes).length > 0 || solved > 0;

  const words = clientWords().progress;
  const locale = pageLanguage();
  summary.textContent = anything
    ? words.summary(read, lessons.length, passed, quizzes.length, words.exercises(solved, exercises.length))
    : words.none;
  reset.hidden = !anything;

  const last = lessons.find((l) => l.id === progress.last?.lesson);
  cont.hidden = !last;
  if (last) {
    cont.href = lessonPath(last.id, locale);
    cont.textContent = words.continue(last.title);
  }
}

export function mountHomeProgress(): void {
  keepProgressPainted(paintSummary);
  document.querySelector('[data-progress-reset]')?.addEventListener('click', () => {
    // A reset cannot be undone, so ask; confirm() is accessible and needs no extra UI.
    if (window.confirm(clientWords().progress.resetConfirm)) resetProgress();
  });
}
