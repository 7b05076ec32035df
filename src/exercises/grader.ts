/**
 * One grading run, orchestrated by the learner's page: check the code's syntax, make a lab id and
 * start a grading run on the server (the run's channel `lab-<id>` is then the lab's, so the learner's
 * code needs no `?lab=`), start the code in a fresh worker (harness.ts), follow the exercise's plan
 * (publish, cut, refuse, restart, repeat, drop an ack, send chat messages), call the code's close
 * function, check that nothing is left open, then judge (judge.ts).
 *
 * Loaded with the editor, when the learner opens or scrolls to an exercise: never on page load.
 */
import { javascriptLanguage } from '@codemirror/lang-javascript';
import type {
  ExerciseStart,
  LabConnections,
  LabRequests,
  PublishPlanAnswer,
  RestartAnswer,
  WirePage,
} from '../../protocol/lab.ts';
import { EMPTY_EPOCH } from '../../protocol/channels.ts';
import { exerciseWidgetWords, exerciseWords } from '../widgets/shared/words-exercises.ts';
import type { ExerciseStrings } from '../i18n/en/exercises.ts';
import type { ExerciseWidgetStrings } from '../i18n/en/widgetsExercise.ts';
import type { Locale } from '../i18n/locales.ts';
import { newLabId } from '../widgets/shared/lab-api.ts';
import { bindDefaultExport, firstSyntaxError, workerModule } from './harness.ts';
import { type Delivery, type Judgement, judge, notJudged, type PublishedEvent, type RunRecord } from './judge.ts';
import type { Exercise, Step } from './schema.ts';

export type ConsoleLine = { kind: 'log' | 'error' | 'info'; text: string; line?: number | null };

export interface RunHooks {
  onProgress(text: string): void;
  onConsole(line: ConsoleLine): void;
  /** Aborted by the Stop button. */
  signal: AbortSignal;
  /** The page's language: progress, console lines and verdicts come in it (English by default). */
  lang?: Locale;
}

export type StoppedBy = 'syntax' | 'no-connect' | 'module' | 'hung' | 'time-limit' | 'stopped' | 'server';

export interface RunOutcome {
  judgement: Judgement;
  stoppedBy: StoppedBy | null;
  /** Wall time of the run, ms. */
  ms: number;
  lab: string;
}

const BEAT_MS = 200;
/** No heartbeat for this long: the code blocks the worker's event loop. */
export const HUNG_MS = 2000;
/** The module must load and start within this long. */
const START_MS = 5000;
/** After the close function: how long new requests are watched for. */
const AFTER_CLOSE_MS = 1200;

class Interrupted extends Error {
  readonly why: StoppedBy;
  constructor(why: StoppedBy, message: string) {
    super(message);
    this.why = why;
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The grader's words: the exercise strings, and why the server could not help (the widget strings). */
interface Words {
  t: ExerciseStrings;
  server: ExerciseWidgetStrings;
}

async function callApi<T>({ t, server }: Words, path: string, body?: unknown): Promise<T> {
  const init: RequestInit =
    body === undefined
      ? { method: path.startsWith('GET ') ? 'GET' : 'POST', cache: 'no-store' }
      : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
  const url = path.replace(/^GET /, '');
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch {
    throw new Interrupted('server', t.console.serverError(server.unreachable));
  }
  const json = (await response.json().catch(() => undefined)) as { error?: { message?: string } } | undefined;
  if (!response.ok)
    throw new Interrupted('server', t.console.serverError(server.answered(response.status, json?.error?.message)));
  return json as T;
}

function describeStep(t: ExerciseStrings, step: Step): string {
  const s = t.steps;
  switch (step.do) {
    case 'publish':
      return s.publish(step.count, step.cut);
    case 'wait':
      return s.wait(step.ms);
    case 'refuse':
      return s.refuse(step.status, step.retryAfter, step.cut);
    case 'send':
      return s.send(step.text);
    default:
      return s[step.do];
  }
}

/** Top-level `export` declarations' offsets, for bindDefaultExport. */
function exportStarts(tree: ReturnType<typeof javascriptLanguage.parser.parse>): number[] {
  const starts: number[] = [];
  for (let node = tree.topNode.firstChild; node; node = node.nextSibling)
    if (node.name === 'ExportDeclaration') starts.push(node.from);
  return starts;
}

export async function gradeRun(exercise: Exercise, code: string, hooks: RunHooks): Promise<RunOutcome> {
  const t = exerciseWords(hooks.lang ?? 'en');
  const widgets = exerciseWidgetWords(hooks.lang ?? 'en');
  const api = <T>(path: string, body?: unknown) => callApi<T>({ t, server: widgets }, path, body);
  const began = performance.now();
  const lab = newLabId();
  const done = (judgement: Judgement, stoppedBy: StoppedBy | null): RunOutcome => ({
    judgement,
    stoppedBy,
    ms: Math.round(performance.now() - began),
    lab,
  });
  const failed = () => notJudged(exercise.requirements, t);

  // 1. Syntax, before anything runs: a module worker that fails to parse says nothing useful.
  const tree = javascriptLanguage.parser.parse(code);
  const syntax = firstSyntaxError(code, tree);
  if (syntax) {
    hooks.onConsole({
      kind: 'error',
      text: t.console.syntax(syntax.line, syntax.column, syntax.near),
      line: syntax.line,
    });
    return done(failed(), 'syntax');
  }
  const bound = bindDefaultExport(code, exportStarts(tree));
  if (bound === null) {
    hooks.onConsole({ kind: 'error', text: t.console.noConnect });
    return done(failed(), 'no-connect');
  }

  let worker: Worker | null = null;
  let workerUrl: string | null = null;
  let interrupt: (err: Interrupted) => void = () => {};
  const interrupted = new Promise<never>((_, reject) => {
    interrupt = reject;
  });
  interrupted.catch(() => {});
  /** Waits for `op`, unless the run is interrupted first (Stop, an endless loop, the time limit). */
  const guard = <T>(op: Promise<T>) => Promise.race([op, interrupted]);
  const onAbort = () => interrupt(new Interrupted('stopped', t.console.stopped));
  hooks.signal.addEventListener('abort', onAbort);
  const limit = setTimeout(
    () => interrupt(new Interrupted('time-limit', t.console.timeLimit(exercise.timeLimitMs / 1000))),
    exercise.timeLimitMs,
  );
  let watchdog: ReturnType<typeof setInterval> | undefined;

  const deliveries: Delivery[] = [];
  const sent: { ref: string; text: string }[] = [];
  let resets = 0;
  let closed: ((returnedClose: boolean) => void) | null = null;
  const marks: Record<string, number> = {};

  try {
    // 2. The server's clock against ours (one round trip: marks are compared with request times).
    const t0 = Date.now();
    const { now } = await guard(api<{ now: number }>('GET /api/time'));
    const offset = now - (t0 + Date.now()) / 2;
    const serverNow = () => Date.now() + offset;

    // 3. The grading run: the channel is claimed, quiet and logged from here on.
    const start = await guard(api<ExerciseStart>(`/api/lab/${lab}/exercise`));
    let epoch = start.epoch;
    const histories: PublishedEvent[][] = [[]];
    const current = () => histories[histories.length - 1]!;
    const noteSeqs = (answer: { epoch: string; first: number; last: number }) => {
      // A lab nobody has published to reads as the empty log; its first events continue that log
      // (no reset for the client, docs/api-contract.md "Nothing yet"), so they are the same history.
      if (answer.epoch !== epoch && epoch === EMPTY_EPOCH && current().length === 0) epoch = answer.epoch;
      if (answer.epoch !== epoch) {
        epoch = answer.epoch;
        histories.push([]);
      }
      for (let seq = answer.first; seq <= answer.last; seq++) current().push({ seq });
    };
    const covered = () => {
      const segment = histories.length - 1;
      const have = new Set(
        deliveries.filter((d) => d.segment === segment).map((d) => (d.event as { seq?: unknown } | null)?.seq),
      );
      return current().every((e) => have.has(e.seq));
    };
    const until = async (check: () => boolean, timeoutMs: number) => {
      const deadline = Date.now() + timeoutMs;
      while (!check() && Date.now() < deadline) await guard(sleep(50));
    };

    const startWorker = async () => {
      const module = workerModule(bound, {
        channel: start.channel,
        base: location.origin,
        beatMs: BEAT_MS,
        words: widgets.harness,
      });
      workerUrl = URL.createObjectURL(new Blob([module], { type: 'text/javascript' }));
      const w = new Worker(workerUrl, { type: 'module', name: `exercise ${exercise.id}` });
      worker = w;
      let lastSign = Date.now();
      let started = false;
      w.onmessage = (e: MessageEvent) => {
        const m = e.data as Record<string, unknown>;
        lastSign = Date.now();
        switch (m.type) {
          case 'started':
            started = true;
            break;
          case 'deliver':
            deliveries.push({ event: m.event, at: m.at as number, segment: resets });
            break;
          case 'log':
            hooks.onConsole({ kind: 'log', text: m.text as string });
            break;
          case 'reset':
            resets++;
            break;
          case 'exception':
            hooks.onConsole({
              kind: 'error',
              text: t.console.exception(m.message as string, (m.line as number | null) ?? null),
              line: (m.line as number | null) ?? null,
            });
            break;
          case 'no-connect':
            interrupt(new Interrupted('no-connect', t.console.noConnect));
            break;
          case 'closed':
            closed?.(m.returnedClose === true);
            break;
        }
      };
      // A module that fails to load or parse: a plain error event, without a line.
      w.onerror = (e) => {
        e.preventDefault();
        interrupt(
          new Interrupted('module', e.message ? `${t.console.moduleFailed} (${e.message})` : t.console.moduleFailed),
        );
      };
      watchdog = setInterval(() => {
        const quiet = Date.now() - lastSign;
        if (quiet > (started ? HUNG_MS : START_MS))
          interrupt(new Interrupted('hung', t.console.hung(Math.round(quiet / 1000))));
      }, 100);
      hooks.onConsole({ kind: 'info', text: t.console.started(start.channel) });
    };

    // 4. The plan.
    const steps = exercise.plan;
    for (let i = 0; i < steps.length; i++) {
      const step = steps[i]!;
      hooks.onProgress(t.progress(i + 1, steps.length, describeStep(t, step)));
      switch (step.do) {
        case 'start':
          await startWorker();
          break;
        case 'wait-request':
          for (const deadline = Date.now() + step.timeoutMs; Date.now() < deadline; ) {
            const r = await guard(api<LabRequests>(`GET /api/lab/${lab}/requests`));
            if (r.requests.length > 0) break;
            await guard(sleep(100));
          }
          break;
        case 'publish':
          noteSeqs(
            await guard(api<PublishPlanAnswer>(`/api/lab/${lab}/publish`, { count: step.count, cut: step.cut })),
          );
          break;
        case 'delivered':
          await until(covered, step.timeoutMs);
          break;
        case 'wait':
          await guard(sleep(step.ms));
          break;
        case 'mark':
          marks[step.name] = serverNow();
          break;
        case 'refuse': {
          const { do: _, ...plan } = step;
          await guard(api(`/api/lab/${lab}/refuse`, plan));
          break;
        }
        case 'restart': {
          const answer = await guard(api<RestartAnswer>(`/api/lab/${lab}/restart`));
          epoch = answer.epoch;
          histories.push([]);
          break;
        }
        case 'cut':
          await guard(api(`/api/lab/${lab}/cut`));
          break;
        case 'repeat':
          await guard(api(`/api/lab/${lab}/repeat`));
          break;
        case 'drop-ack':
          await guard(api(`/api/lab/${lab}/drop-ack`));
          break;
        case 'send': {
          const ref = `msg-${sent.length + 1}-${lab.slice(0, 6)}`;
          sent.push({ ref, text: step.text });
          (worker as Worker | null)?.postMessage({ type: 'send', message: { ref, text: step.text } });
          const arrived = () =>
            deliveries.some((d) => (d.event as { data?: { ref?: unknown } } | null)?.data?.ref === ref);
          await until(arrived, step.timeoutMs);
          break;
        }
      }
    }

    // 5. Cleanup: the code's own close function, then nothing may be open or asking.
    hooks.onProgress(t.progress(steps.length, steps.length, t.steps.closing));
    const returnedClose = await guard(
      new Promise<boolean>((resolve) => {
        closed = resolve;
        (worker as Worker | null)?.postMessage({ type: 'stop' });
        setTimeout(() => resolve(false), 2000);
      }),
    );
    const closedAt = serverNow();
    if (!returnedClose) hooks.onConsole({ kind: 'error', text: t.console.noClose });
    let live = 0;
    for (const deadline = Date.now() + AFTER_CLOSE_MS; ; ) {
      await guard(sleep(150));
      live = (await guard(api<LabConnections>(`GET /api/lab/${lab}/connections`))).live;
      if (Date.now() >= deadline) break;
    }
    clearInterval(watchdog);
    const requests = await guard(api<LabRequests>(`GET /api/lab/${lab}/requests`));
    const requestsAfterClose = requests.requests.filter((r) => r.at > closedAt + 100).length;
    // What the server kept of the last history (the learner's own publishes included).
    const log = await guard(
      api<{ epoch: string; events: { seq: number; time: number; data: unknown }[] }>(`GET /api/lab/${lab}/log?after=0`),
    );
    const stillEmpty = epoch === EMPTY_EPOCH && histories.length === 1 && current().length === 0;
    if (log.epoch === epoch || stillEmpty) histories[histories.length - 1] = log.events;
    const refsInLog: Record<string, number> = {};
    for (const e of log.events) {
      const ref = (e.data as { ref?: unknown } | null)?.ref;
      if (typeof ref === 'string') refsInLog[ref] = (refsInLog[ref] ?? 0) + 1;
    }
    const wire = await guard(api<WirePage>(`GET /api/lab/${lab}/wire?after=0`));

    hooks.onProgress(t.steps.judging);
    const record: RunRecord = {
      histories,
      deliveries,
      resets,
      requests,
      marks,
      sent,
      refsInLog,
      cleanup: { returnedClose, live, requestsAfterClose },
      wire: wire.entries,
    };
    return done(judge(exercise.requirements, record, t), null);
  } catch (err) {
    if (!(err instanceof Interrupted)) throw err;
    hooks.onConsole({ kind: err.why === 'stopped' ? 'info' : 'error', text: err.message });
    return done(failed(), err.why);
  } finally {
    clearTimeout(limit);
    clearInterval(watchdog);
    hooks.signal.removeEventListener('abort', onAbort);
    (worker as Worker | null)?.terminate();
    if (workerUrl) URL.revokeObjectURL(workerUrl);
  }
}
