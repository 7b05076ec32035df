/**
 * `client:predict`: like `client:visible`, but the island hydrates only once the predict question of
 * its PredictGate has been answered or skipped (src/lib/predict-first.ts), so a live demo opens no
 * connection and shows nothing moving before the learner has committed to a prediction.
 * Without a gate around it, it behaves as `client:visible`: a misplaced demo still works.
 */
import type { ClientDirective } from 'astro';
import { GATE_SELECTOR, isPredicted, PREDICTED_EVENT, type PredictedDetail } from '../lib/predict-first.ts';

const whenVisible = (el: HTMLElement, hydrate: () => void) => {
  const io = new IntersectionObserver((entries) => {
    if (!entries.some((e) => e.isIntersecting)) return;
    io.disconnect();
    hydrate();
  });
  for (const child of el.children) io.observe(child);
};

const predictDirective: ClientDirective = (load, _options, el) => {
  const hydrate = () => {
    void load().then((run) => run());
  };
  const gate = el.closest<HTMLElement>(GATE_SELECTOR);
  const quiz = gate?.dataset.quiz;
  const question = gate?.dataset.question;
  if (!gate || !quiz || !question || isPredicted(document, { quiz, question })) {
    whenVisible(el, hydrate);
    return;
  }
  const onPredicted = (event: Event) => {
    const detail = (event as CustomEvent<PredictedDetail>).detail;
    if (detail.quiz !== quiz || detail.question !== question) return;
    window.removeEventListener(PREDICTED_EVENT, onPredicted);
    whenVisible(el, hydrate);
  };
  window.addEventListener(PREDICTED_EVENT, onPredicted);
};

export default predictDirective;
