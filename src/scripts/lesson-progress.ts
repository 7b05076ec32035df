/**
 * On a lesson page: remembers it as the place to continue from, marks it read once the learner
 * reaches its end, and highlights the current section in the table of contents.
 */
import { markRead, markVisited, readProgress, updateProgress } from '../lib/progress.ts';

/** The marker's texts are in the page (LessonLayout.astro), which keeps room for the longer one. */
function showEndState(end: HTMLElement, text: HTMLElement, read: boolean): void {
  text.textContent = (read ? end.dataset.readText : end.dataset.endText) ?? '';
}

function trackReading(lesson: string): void {
  const end = document.querySelector<HTMLElement>('[data-lesson-end]');
  const text = document.querySelector<HTMLElement>('[data-lesson-end-text]');
  if (!end || !text) return;
  showEndState(end, text, lesson in readProgress().read);
  const observer = new IntersectionObserver((entries) => {
    if (!entries.some((e) => e.isIntersecting)) return;
    observer.disconnect();
    updateProgress((p) => markRead(p, lesson, Date.now()));
    showEndState(end, text, true);
  });
  observer.observe(end);
}

/** aria-current="location" on the TOC links of the section being read. */
function trackSection(): void {
  const links = [...document.querySelectorAll<HTMLAnchorElement>('.toc a[href^="#"]')];
  if (links.length === 0) return;
  const ids = [...new Set(links.map((a) => decodeURIComponent(a.hash.slice(1))))];
  const headings = ids.map((id) => document.getElementById(id)).filter((h): h is HTMLElement => h !== null);
  let current: string | undefined;
  let scheduled = false;
  const update = () => {
    scheduled = false;
    // The section being read is the last one whose heading has passed the upper 40% of the viewport.
    const line = window.innerHeight * 0.4;
    const passed = headings.filter((h) => h.getBoundingClientRect().top <= line);
    const next = passed[passed.length - 1]?.id;
    if (next === current) return;
    current = next;
    for (const a of links) {
      if (current !== undefined && decodeURIComponent(a.hash.slice(1)) === current)
        a.setAttribute('aria-current', 'location');
      else a.removeAttribute('aria-current');
    }
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(update);
  };
  window.addEventListener('scroll', schedule, { passive: true });
  window.addEventListener('resize', schedule, { passive: true });
  update();
}

export function trackLesson(): void {
  const main = document.querySelector<HTMLElement>('main[data-lesson-id]');
  if (!main) return;
  const lesson = main.dataset.lessonId!;
  updateProgress((p) => markVisited(p, lesson, Date.now()));
  trackReading(lesson);
  trackSection();
}
