/** Behaviour of PredictGate.astro: the cover goes and the demo becomes usable once its question is predicted. */
import { announcePredicted, isPredicted, PREDICTED_EVENT, type PredictedDetail } from '../lib/predict-first.ts';

function open(gate: HTMLElement): void {
  gate.querySelector<HTMLElement>('[data-gate-cover]')!.hidden = true;
  gate.querySelector<HTMLElement>('[data-gate-demo]')!.inert = false;
  gate.dataset.open = '';
}

export function mountPredictGates(root: ParentNode): void {
  for (const gate of root.querySelectorAll<HTMLElement>('[data-predict-gate]:not([data-gate-mounted])')) {
    gate.dataset.gateMounted = '';
    const detail: PredictedDetail = { quiz: gate.dataset.quiz!, question: gate.dataset.question! };
    if (isPredicted(document, detail)) open(gate);
    window.addEventListener(PREDICTED_EVENT, (event) => {
      const d = (event as CustomEvent<PredictedDetail>).detail;
      if (d.quiz === detail.quiz && d.question === detail.question) open(gate);
    });
    gate.querySelector('[data-gate-skip]')!.addEventListener('click', () => {
      // Skipping starts the demo without a prediction; the question stays open to answer later.
      const form = document.querySelector<HTMLElement>(
        `section.quiz[data-quiz="${CSS.escape(detail.quiz)}"] form[data-question="${CSS.escape(detail.question)}"]`,
      );
      if (form) form.dataset.predicted = 'skipped';
      announcePredicted(detail);
      // The button is gone with the cover: keep keyboard focus at the demo rather than on <body>.
      const demo = gate.querySelector<HTMLElement>('[data-gate-demo]')!;
      demo.tabIndex = -1;
      demo.focus({ preventScroll: true });
    });
  }
}
