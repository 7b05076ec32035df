/**
 * Behaviour of Quiz.astro: check answers, show every option's explanation, keep answers and results
 * in the learner's progress, and restore them on the next visit. The markup carries the answer key
 * (data-correct): this is self-study, and a learner who reads the source has learned something too.
 */
import { clientWords } from './words.ts';

const words = () => clientWords().quiz;
import { quizKey, readProgress, updateProgress, type QuizResult } from '../lib/progress.ts';
import { announcePredicted } from '../lib/predict-first.ts';

type Outcome = 'right' | 'wrong' | 'revealed';

function chosen(form: HTMLFormElement): string[] {
  return [...form.querySelectorAll<HTMLInputElement>('input:checked')].map((i) => i.value);
}

function correctValues(form: HTMLFormElement): string[] {
  return [...form.querySelectorAll<HTMLElement>('.quiz-option')]
    .map((li, i) => (li.hasAttribute('data-correct') ? String(i) : null))
    .filter((v): v is string => v !== null);
}

function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((v) => b.includes(v));
}

/** Marks every option right or wrong and shows why; the verdict is text, not only colour. */
function showResult(form: HTMLFormElement, outcome: Outcome): void {
  const picked = chosen(form);
  form.querySelectorAll<HTMLElement>('.quiz-option').forEach((li, i) => {
    const correct = li.hasAttribute('data-correct');
    const mine = picked.includes(String(i));
    li.dataset.result = correct ? 'right' : mine ? 'wrong' : 'other';
    const verdict = li.querySelector<HTMLElement>('.quiz-verdict');
    if (verdict)
      verdict.textContent = correct
        ? mine
          ? words().rightChosen
          : words().right
        : mine
          ? words().wrongChosen
          : words().wrong;
    const explain = li.querySelector<HTMLElement>('.quiz-explain')!;
    explain.hidden = false;
    // Linked only now: a description is read out even while hidden, and would give the answer away.
    li.querySelector('input')!.setAttribute('aria-describedby', explain.id);
  });
  form.dataset.outcome = outcome;
  const feedback = form.querySelector<HTMLElement>('[data-feedback]')!;
  feedback.textContent =
    outcome === 'right' ? words().correct : outcome === 'wrong' ? words().notQuite : words().revealed;
}

function outcomeOf(form: HTMLFormElement): Outcome {
  if (form.dataset.kind === 'predict') return 'revealed';
  return sameSet(chosen(form), correctValues(form)) ? 'right' : 'wrong';
}

function showPredictionLocked(form: HTMLFormElement): void {
  // A prediction is a commitment: it cannot be changed after seeing the demo.
  form.querySelector('fieldset')!.disabled = true;
  form.querySelector<HTMLElement>('[data-action="predict"]')!.hidden = true;
  form.querySelector<HTMLElement>('[data-observe]')!.hidden = false;
  form.querySelector<HTMLElement>('[data-action="reveal"]')!.hidden = false;
  form.querySelector<HTMLElement>('[data-feedback]')!.textContent = words().locked;
}

/** Lets the demo this question is about start (src/lib/predict-first.ts): the prediction is made. */
function markPredicted(form: HTMLFormElement): void {
  if (form.dataset.kind !== 'predict' || form.dataset.predicted === 'locked') return;
  form.dataset.predicted = 'locked';
  const quiz = form.closest<HTMLElement>('section.quiz')!.dataset.quiz!;
  announcePredicted({ quiz, question: form.dataset.question! });
}

function mountQuiz(section: HTMLElement): void {
  const lesson = section.dataset.lesson!;
  const key = quizKey(lesson, section.dataset.quiz!);
  const forms = [...section.querySelectorAll<HTMLFormElement>('form.quiz-question')];
  const score = section.querySelector<HTMLElement>('[data-quiz-score]')!;

  const save = (checked: Set<string>) => {
    const answers: QuizResult['answers'] = {};
    let passed = true;
    for (const form of forms) {
      const id = form.dataset.question!;
      answers[id] = chosen(form);
      if (!checked.has(id) || (form.dataset.kind !== 'predict' && outcomeOf(form) !== 'right')) passed = false;
    }
    updateProgress((p) => {
      p.quizzes[key] = { answers, checked: [...checked], passed };
    });
    const right = forms.filter(
      (f) => checked.has(f.dataset.question!) && (f.dataset.kind === 'predict' || outcomeOf(f) === 'right'),
    ).length;
    score.textContent = passed ? words().passed(right, forms.length) : words().done(right, forms.length);
  };

  // Restore what the learner did last time.
  const stored = readProgress().quizzes[key];
  const checked = new Set(stored?.checked ?? []);
  for (const form of forms) {
    const answer = stored?.answers[form.dataset.question!] ?? [];
    form.querySelectorAll<HTMLInputElement>('input').forEach((input) => {
      input.checked = answer.includes(input.value);
    });
    if (checked.has(form.dataset.question!)) {
      showResult(form, outcomeOf(form));
      markPredicted(form);
    } else if (form.dataset.kind === 'predict' && answer.length > 0) {
      showPredictionLocked(form);
      markPredicted(form);
    }
  }
  if (stored) save(checked);

  for (const form of forms) {
    const id = form.dataset.question!;
    const feedback = form.querySelector<HTMLElement>('[data-feedback]')!;
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (chosen(form).length === 0) {
        feedback.textContent = form.dataset.kind === 'multiple' ? words().chooseSome : words().chooseOne;
        return;
      }
      if (form.dataset.kind === 'predict') {
        showPredictionLocked(form);
        save(checked);
        markPredicted(form);
        return;
      }
      checked.add(id);
      showResult(form, outcomeOf(form));
      save(checked);
    });
    form.querySelector<HTMLButtonElement>('[data-action="reveal"]')?.addEventListener('click', () => {
      checked.add(id);
      showResult(form, 'revealed');
      save(checked);
      markPredicted(form);
    });
    // Changing an answer after checking hides the old verdicts, so they never describe another answer.
    form.addEventListener('change', () => {
      if (form.dataset.kind === 'predict' || !form.dataset.outcome) return;
      delete form.dataset.outcome;
      feedback.textContent = '';
      form.querySelectorAll<HTMLElement>('.quiz-option').forEach((li) => {
        delete li.dataset.result;
        li.querySelector<HTMLElement>('.quiz-explain')!.hidden = true;
        li.querySelector('input')!.removeAttribute('aria-describedby');
      });
    });
  }
}

export function mountQuizzes(root: ParentNode): void {
  root.querySelectorAll<HTMLElement>('section.quiz[data-quiz]').forEach(mountQuiz);
}
