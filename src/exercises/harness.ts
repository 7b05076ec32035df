/**
 * The sandbox the learner's code runs in: a dedicated module Worker made from a Blob URL, one per run,
 * terminated at the end, on Stop, on the time limit and when it stops answering. The module is the
 * learner's code with `export default` turned into a binding the harness can call, followed by the
 * harness itself (at the end, so the learner's line numbers stay theirs). A worker has no DOM, no
 * localStorage and no access to the page's variables; a blob worker inherits the page's CSP, so its
 * connections may only go to this origin (connect-src 'self') and it cannot eval or import anything.
 *
 * The harness contract (fixed): `connect({ channel, base, deliver, log })`, plus `reset(epoch)`,
 * `gap(missed)` and `onSend(handler)`. `connect` may return (or resolve to) a function that closes
 * everything it opened.
 *
 * Worker → page messages: beat, started, deliver, log, reset, gap, exception, no-connect, closed.
 * Page → worker: send (a chat message for onSend), stop (call the close function).
 */
import type { Tree } from '@lezer/common';

/** The binding `export default` becomes. */
export const CONNECT_BINDING = '__exercise_connect__';

export interface SyntaxProblem {
  line: number;
  column: number;
  near: string;
}

/** Line and column (from 1) of an offset in `code`. */
export function lineColumn(code: string, offset: number): { line: number; column: number } {
  const before = code.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** The first syntax error the parser found in `tree` (a lezer JavaScript tree), or null. */
export function firstSyntaxError(code: string, tree: Tree): SyntaxProblem | null {
  let at: number | null = null;
  tree.iterate({
    enter: (node) => {
      if (at !== null) return false;
      if (node.type.isError) {
        at = node.from;
        return false;
      }
      return undefined;
    },
  });
  if (at === null) return null;
  const { line, column } = lineColumn(code, at);
  const near = code
    .slice(at, at + 24)
    .split('\n')[0]!
    .trim();
  return { line, column, near };
}

/**
 * `export default` at the start of a statement becomes `const __exercise_connect__ =`, on the same
 * line. Returns null when the code has none. `starts` are the offsets of the module's top-level
 * export declarations (from the parser), so an `export default` inside a string or a comment is left alone.
 */
export function bindDefaultExport(code: string, starts: readonly number[]): string | null {
  for (const start of starts) {
    const m = /^export(\s+)default\b/.exec(code.slice(start));
    if (!m) continue;
    // Keep the line breaks between the two words, so every later line keeps its number.
    const breaks = m[1]!.replace(/[^\n]/g, '');
    return `${code.slice(0, start)}const ${CONNECT_BINDING} =${breaks}${code.slice(start + m[0].length)}`;
  }
  return null;
}

/** What the harness is started with. */
import { exerciseWidgetStrings } from '../i18n/en/widgetsExercise.ts';

export interface HarnessConfig {
  channel: string;
  base: string;
  /** ms between heartbeats: the page stops a worker whose heartbeat stops (an endless loop). */
  beatMs: number;
  /** The two sentences the harness itself may say, in the page's language (English by default). */
  words?: HarnessWords;
}

export interface HarnessWords {
  /** Before the browser's own reason, when deliver() or log() got something that is not plain data. */
  notPlainData: string;
  /** A chat message arrived and the code has no onSend handler. */
  noOnSend: string;
}

/**
 * The harness, as JavaScript text appended to the learner's module. Plain ES2022, no imports: it runs
 * inside the worker, not through the site's bundler.
 */
export function harnessSource(config: HarnessConfig): string {
  return `
;{
const __cfg = ${JSON.stringify(config)};
const __words = ${JSON.stringify(config.words ?? exerciseWidgetStrings.harness)};
const __post = (m) => {
  try { self.postMessage(m); }
  catch (err) { self.postMessage({ type: 'exception', message: __words.notPlainData + err.message, line: null }); }
};
const __line = (err) => {
  const m = /blob:[^\\s)]*?:(\\d+):(\\d+)/.exec(String((err && err.stack) || ''));
  return m ? Number(m[1]) : null;
};
const __text = (v) => {
  if (typeof v === 'string') return v;
  if (v instanceof Error) return v.name + ': ' + v.message;
  try { return JSON.stringify(v) ?? String(v); } catch { return String(v); }
};
let __stopped = false;
let __close = null;
let __onSend = null;
const __report = (err) => {
  if (__stopped) return;
  __post({ type: 'exception', message: (err && err.message) || String(err), name: err && err.name, line: __line(err) });
};
self.addEventListener('error', (e) => {
  e.preventDefault();
  if (!__stopped) __post({ type: 'exception', message: e.message, line: e.lineno || __line(e.error) });
});
self.addEventListener('unhandledrejection', (e) => {
  e.preventDefault();
  __report(e.reason);
});
setInterval(() => __post({ type: 'beat' }), __cfg.beatMs);
const __ctx = Object.freeze({
  channel: __cfg.channel,
  base: __cfg.base,
  deliver: (event) => { if (!__stopped) __post({ type: 'deliver', event, at: Date.now() }); },
  log: (...args) => __post({ type: 'log', text: args.map(__text).join(' ') }),
  reset: (epoch) => { if (!__stopped) __post({ type: 'reset', epoch: epoch === undefined ? null : String(epoch), at: Date.now() }); },
  gap: (missed) => { if (!__stopped) __post({ type: 'gap', missed: typeof missed === 'number' ? missed : null, at: Date.now() }); },
  onSend: (handler) => { __onSend = handler; },
});
self.onmessage = async (m) => {
  const d = m.data;
  if (d.type === 'send') {
    if (typeof __onSend !== 'function') { __post({ type: 'log', text: __words.noOnSend }); return; }
    try { await __onSend(d.message); } catch (err) { __report(err); }
  } else if (d.type === 'stop') {
    const close = __close;
    __stopped = true;
    if (typeof close === 'function') { try { await close(); } catch (err) { __post({ type: 'exception', message: (err && err.message) || String(err), line: __line(err) }); } }
    __post({ type: 'closed', returnedClose: typeof close === 'function' });
  }
};
if (typeof ${CONNECT_BINDING} !== 'function') {
  __post({ type: 'no-connect' });
} else {
  try {
    const result = ${CONNECT_BINDING}(__ctx);
    if (typeof result === 'function') __close = result;
    else Promise.resolve(result).then((value) => { __close = value; }, __report);
    __post({ type: 'started' });
  } catch (err) {
    __report(err);
    __post({ type: 'started' });
  }
}
}
`;
}

/** The module a run's worker is made from: the learner's code (export bound) and the harness. */
export function workerModule(bound: string, config: HarnessConfig): string {
  return `${bound}\n${harnessSource(config)}`;
}
