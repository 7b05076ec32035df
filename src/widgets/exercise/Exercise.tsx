/**
 * An exercise: the task, an editor with the learner's code (CodeMirror, loaded with the grader when
 * the exercise comes near: runtime.ts), Run and Stop, Reset, the solution beside the code, hints one
 * at a time, a console, and the grader's verdict per requirement with its evidence.
 *
 * Test hooks: the root carries data-exercise, data-state (idle, running, passed, failed) and, after
 * a run, data-lost and data-duplicated.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { exerciseWidgetWords, exerciseWords } from '../shared/words-exercises.ts';
import type { Locale } from '../../i18n/locales.ts';
import { browserStorage, markExercisePassed, readProgress, updateProgress } from '../../lib/progress.ts';
import { loadCode, replaceKeeping, restore, saveCode, type StoredCode } from './code-store.ts';
import type { CodeEditor, ConsoleLine, RunOutcome } from './runtime.ts';
import '../shared/widgets.css';
import './exercise.css';

/** What the page gives the widget: the exercise as parsed at build time, labels computed there. */
export interface ExerciseView {
  id: string;
  kind: 'technique' | 'capstone';
  techniqueName: string;
  title: string;
  task: string[];
  starter: string;
  solution: string;
  hints: string[];
  requirements: { id: string; label: string }[];
  /** The exercise as the grader needs it (plan, requirements, limits): passed through untouched. */
  grading: unknown;
}

type RunState = 'idle' | 'running' | 'passed' | 'failed';

/** `code` in backticks becomes <code>. */
function Inline({ text }: { text: string }) {
  const parts = text.split(/`([^`]+)`/);
  return <>{parts.map((p, i) => (i % 2 === 1 ? <code key={i}>{p}</code> : p))}</>;
}

type Runtime = typeof import('./runtime.ts');

/** The exercise as the page gives it (in its language), and the language of the widget's own words. */
export default function Exercise({ exercise, lang = 'en' }: { exercise: ExerciseView; lang?: Locale }) {
  const t = exerciseWords(lang);
  const [stored, setStored] = useState<StoredCode>({ code: exercise.starter, backup: null });
  const [editorState, setEditorState] = useState<'loading' | 'ready' | 'failed'>('loading');
  const [showSolution, setShowSolution] = useState(false);
  const [hints, setHints] = useState(0);
  const [state, setState] = useState<RunState>('idle');
  const [progress, setProgress] = useState('');
  const [note, setNote] = useState('');
  const [lines, setLines] = useState<ConsoleLine[]>([]);
  const [outcome, setOutcome] = useState<RunOutcome | null>(null);
  const [passedBefore, setPassedBefore] = useState(false);
  const editorBox = useRef<HTMLDivElement>(null);
  const solutionBox = useRef<HTMLDivElement>(null);
  const editor = useRef<CodeEditor | null>(null);
  const solutionEditor = useRef<CodeEditor | null>(null);
  const runtime = useRef<Runtime | null>(null);
  const stop = useRef<AbortController | null>(null);
  const storedRef = useRef(stored);
  storedRef.current = stored;

  const keep = (next: StoredCode) => {
    // At once, not at the next render: setDoc below fires onChange, which reads it.
    storedRef.current = next;
    setStored(next);
    saveCode(browserStorage(), exercise.id, next);
  };

  // Hydrated means the exercise is in view (or near): load the editor and the grader now.
  useEffect(() => {
    const initial = loadCode(browserStorage(), exercise.id, exercise.starter);
    setStored(initial);
    setPassedBefore(exercise.id in readProgress().exercises);
    let cancelled = false;
    import('./runtime.ts').then(
      (rt) => {
        if (cancelled || !editorBox.current) return;
        runtime.current = rt;
        editorBox.current.textContent = '';
        editor.current = rt.createEditor(editorBox.current, {
          doc: initial.code,
          label: t.editorLabel(exercise.title),
          onChange: (code) => {
            const next = { ...storedRef.current, code };
            storedRef.current = next;
            setStored(next);
            saveCode(browserStorage(), exercise.id, next);
          },
        });
        setEditorState('ready');
      },
      () => !cancelled && setEditorState('failed'),
    );
    return () => {
      cancelled = true;
      stop.current?.abort();
      editor.current?.destroy();
      solutionEditor.current?.destroy();
    };
  }, [exercise.id]);

  // The solution beside the code, read-only, made when first shown.
  useEffect(() => {
    if (!showSolution || !runtime.current || !solutionBox.current || solutionEditor.current) return;
    solutionBox.current.textContent = '';
    solutionEditor.current = runtime.current.createEditor(solutionBox.current, {
      doc: exercise.solution,
      label: t.solutionLabel,
      readOnly: true,
    });
  }, [showSolution, editorState]);

  const putInEditor = (next: StoredCode, message: string) => {
    keep(next);
    editor.current?.setDoc(next.code);
    setNote(message);
  };

  const run = async () => {
    if (!runtime.current || state === 'running') return;
    const controller = new AbortController();
    stop.current = controller;
    setState('running');
    setOutcome(null);
    setLines([]);
    setNote('');
    const code = editor.current?.getDoc() ?? stored.code;
    const result = await runtime.current.gradeRun(exercise.grading as never, code, {
      signal: controller.signal,
      lang,
      onProgress: setProgress,
      onConsole: (line) => setLines((all) => [...all, line].slice(-200)),
    });
    stop.current = null;
    setOutcome(result);
    setProgress('');
    const passed = result.judgement.passed;
    setState(passed ? 'passed' : 'failed');
    if (passed) {
      updateProgress((p) => markExercisePassed(p, exercise.id, Date.now()));
      setPassedBefore(true);
    }
  };

  const untouched = [exercise.starter, exercise.solution];
  const verdicts = outcome?.judgement.verdicts;
  const running = state === 'running';
  const headingId = `exercise-${exercise.id}-title`;

  return (
    <section
      class="w-widget ex"
      aria-labelledby={headingId}
      data-exercise={exercise.id}
      data-state={state}
      {...(outcome ? { 'data-lost': outcome.judgement.lost, 'data-duplicated': outcome.judgement.duplicated } : {})}
    >
      <p class="ex-kicker">
        {exercise.kind === 'capstone' ? t.capstone : t.label} · {exercise.techniqueName}
        {passedBefore && <span class="ex-done"> · ✓ {t.passedBefore}</span>}
      </p>
      <h3 id={headingId} class="ex-title">
        {exercise.title}
      </h3>
      {exercise.task.map((p, i) => (
        <p key={i} class="ex-task">
          <Inline text={p} />
        </p>
      ))}

      <div class={`ex-code${showSolution ? ' ex-code-pair' : ''}`}>
        <div class="ex-editor" ref={editorBox}>
          <section class="ex-placeholder-box" aria-label={t.editorLabel(exercise.title)}>
            <pre class="ex-placeholder" tabIndex={0}>
              <code>{exercise.starter}</code>
            </pre>
          </section>
        </div>
        {showSolution && (
          <div class="ex-editor ex-solution" ref={solutionBox}>
            <section class="ex-placeholder-box" aria-label={t.solutionLabel}>
              <pre class="ex-placeholder" tabIndex={0}>
                <code>{exercise.solution}</code>
              </pre>
            </section>
          </div>
        )}
      </div>
      <p class="ex-keys">
        {editorState === 'loading' ? t.editorLoading : editorState === 'failed' ? t.editorFailed : t.editorKeys}{' '}
        {t.savedNote}
      </p>

      <div class="ex-actions">
        {running ? (
          <button type="button" class="w-button ex-primary" onClick={() => stop.current?.abort()}>
            {t.stop}
          </button>
        ) : (
          <button type="button" class="w-button ex-primary" onClick={run} disabled={editorState !== 'ready'}>
            {t.run}
          </button>
        )}
        <button
          type="button"
          class="w-button"
          disabled={running || editorState !== 'ready'}
          onClick={() => putInEditor(replaceKeeping(stored, exercise.starter, untouched), t.resetDone)}
        >
          {t.reset}
        </button>
        {stored.backup !== null && stored.backup !== stored.code && (
          <button
            type="button"
            class="w-button"
            disabled={running || editorState !== 'ready'}
            onClick={() => putInEditor(restore(stored), t.restored)}
          >
            {t.restore}
          </button>
        )}
        <button
          type="button"
          class="w-button"
          aria-expanded={showSolution}
          onClick={() => setShowSolution(!showSolution)}
        >
          {showSolution ? t.hideSolution : t.showSolution}
        </button>
        {showSolution && (
          <button
            type="button"
            class="w-button"
            disabled={running || editorState !== 'ready'}
            onClick={() => putInEditor(replaceKeeping(stored, exercise.solution, untouched), t.copiedSolution)}
          >
            {t.copySolution}
          </button>
        )}
      </div>
      <p class="ex-note" role="status">
        {note}
      </p>

      <div class="ex-hints">
        {exercise.hints.slice(0, hints).map((h, i) => (
          <p key={i} class="ex-hint">
            <strong>{t.hintTitle(i + 1)}.</strong> <Inline text={h} />
          </p>
        ))}
        {hints < exercise.hints.length && (
          <button type="button" class="w-button" onClick={() => setHints(hints + 1)}>
            {t.hint(hints, exercise.hints.length)}
          </button>
        )}
      </div>

      <h4 class="ex-subtitle">{outcome ? t.resultTitle : t.checksTitle}</h4>
      <p class="ex-state" role="status" aria-live="polite">
        <span class={`ex-badge ex-badge-${state}`}>{t.states[state]}</span>
        {running && progress ? ` ${progress}` : ''}
        {outcome && !running ? exerciseWidgetWords(lang).took((outcome.ms / 1000).toFixed(1)) : ''}
      </p>
      <ul class="ex-checks">
        {exercise.requirements.map((r) => {
          const v = verdicts?.find((x) => x.id === r.id);
          return (
            <li key={r.id} data-requirement={r.id} data-passed={v ? String(v.passed) : undefined}>
              <span class="ex-mark" aria-hidden="true">
                {v ? (v.passed ? '✓' : '✗') : '•'}
              </span>
              <span class="visually-hidden">{v ? (v.passed ? t.met : t.notMet) : ''}</span>
              <span class="ex-check-label">{r.label}</span>
              {v && (
                <ul class="ex-evidence">
                  {v.evidence.map((e, i) => (
                    <li key={i} class={e.startsWith('#') ? 'ex-wire' : undefined}>
                      {e}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ul>

      <h4 class="ex-subtitle">{t.consoleLabel}</h4>
      <div class="ex-console" role="log" aria-label={t.consoleLabel} tabIndex={0}>
        {lines.length === 0 ? (
          <p class="ex-console-empty">{t.consoleEmpty}</p>
        ) : (
          lines.map((l, i) => (
            <p key={i} class={`ex-line ex-line-${l.kind}`}>
              {l.text}
              {l.line ? (
                <>
                  {' '}
                  <button type="button" class="ex-goto" onClick={() => editor.current?.goToLine(l.line!)}>
                    {t.goToLine(l.line)}
                  </button>
                </>
              ) : null}
            </p>
          ))
        )}
      </div>
    </section>
  );
}
