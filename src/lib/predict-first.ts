/**
 * Predict, then observe: a live demo placed after a predict question waits until the learner has
 * locked in a prediction (or skipped it), so the demo cannot give the answer away. The pieces:
 *
 * - Quiz.astro / src/scripts/quiz.ts mark a predicted question's form with `data-predicted` and fire
 *   PREDICTED_EVENT (also when an earlier prediction is restored from the learner's progress);
 * - PredictGate.astro wraps the demo, covers it with a note and a Skip button until then;
 * - the `client:predict` directive (src/scripts/predict-directive.ts, registered in astro.config.mjs)
 *   hydrates the island only after that, once it is in view, so the demo opens no connection before.
 */

/** Fired on window with a PredictedDetail when a question is predicted, revealed or skipped. */
export const PREDICTED_EVENT = 'realtime-lab:predicted';

export interface PredictedDetail {
  quiz: string;
  question: string;
}

/** The `data-*` attributes that tie a gate to its question, read by the directive and the gate script. */
export const GATE_SELECTOR = '[data-predict-gate]';

export function gateKey(detail: PredictedDetail): string {
  return `${detail.quiz}/${detail.question}`;
}

/** True once the question has been predicted or skipped in this page (the quiz form carries the mark). */
export function isPredicted(doc: Document, detail: PredictedDetail): boolean {
  return (
    doc.querySelector(
      `section.quiz[data-quiz="${CSS.escape(detail.quiz)}"] form[data-question="${CSS.escape(detail.question)}"][data-predicted]`,
    ) !== null
  );
}

export function announcePredicted(detail: PredictedDetail): void {
  window.dispatchEvent(new CustomEvent<PredictedDetail>(PREDICTED_EVENT, { detail }));
}

declare module 'astro' {
  interface AstroClientDirectives {
    /** Hydrate once the surrounding PredictGate's question is predicted, and in view. */
    'client:predict'?: boolean;
  }
}
