/**
 * Shows the learner's progress wherever the page lists lessons (the sidebar, the home page): every
 * element with data-progress-lesson="<id>" (and data-quizzes="<ids>") gets data-status and a
 * screen-reader text, kept current when progress changes in this tab or another one.
 */
import { PROGRESS_EVENT, PROGRESS_KEY, lessonStatus, readProgress } from '../lib/progress.ts';
import { clientWords } from './words.ts';

export function paintProgress(root: ParentNode = document): void {
  const progress = readProgress();
  const words = clientWords().progress;
  root.querySelectorAll<HTMLElement>('[data-progress-lesson]').forEach((el) => {
    const quizzes = (el.dataset.quizzes ?? '').split(' ').filter(Boolean);
    const status = lessonStatus(progress, el.dataset.progressLesson!, quizzes);
    el.dataset.status = status;
    const label = el.querySelector<HTMLElement>('[data-status-label]');
    if (label) label.textContent = status === 'new' ? '' : words.statusAfter(words.status[status]);
  });
}

export function keepProgressPainted(onChange?: () => void): void {
  const repaint = () => {
    paintProgress();
    onChange?.();
  };
  repaint();
  window.addEventListener(PROGRESS_EVENT, repaint);
  // Another tab of the site changed progress.
  window.addEventListener('storage', (e) => {
    if (e.key === PROGRESS_KEY || e.key === null) repaint();
  });
}
