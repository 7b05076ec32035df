/**
 * What the exercises say to the learner, in English: the widget's controls and states, the grader's
 * progress, and each requirement's line and evidence (src/exercises/judge.ts). A Korean edition is
 * another module of the same shape (`ExerciseStrings`).
 */

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "3, 4, 7–9": seqs as runs, at most `max` runs shown. */
export function seqList(seqs: readonly number[], max = 8): string {
  const sorted = [...new Set(seqs)].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    runs.push(j === i ? `${sorted[i]}` : `${sorted[i]}–${sorted[j]}`);
    i = j + 1;
  }
  return runs.length > max ? `${runs.slice(0, max).join(', ')} and ${runs.length - max} more runs` : runs.join(', ');
}

export const exerciseStrings = {
  label: 'Exercise',
  capstone: 'Capstone',
  editorLabel: (title: string) => `Your code for “${title}”`,
  editorLoading: 'Loading the editor…',
  editorFailed: 'The editor could not be loaded; reload the page to try again. Your code is kept in this browser.',
  editorKeys: 'Tab indents. Press Esc, then Tab, to leave the editor.',
  solutionLabel: 'The solution (read only)',
  run: 'Run and grade',
  stop: 'Stop',
  reset: 'Reset to the starter',
  restore: 'Restore my code',
  showSolution: 'Show the solution beside my code',
  hideSolution: 'Hide the solution',
  copySolution: 'Copy the solution into my editor',
  hint: (shown: number, total: number) =>
    shown === 0
      ? `Show a hint (${total} available)`
      : shown < total
        ? `Show the next hint (${shown + 1} of ${total})`
        : 'All hints shown',
  hintTitle: (n: number) => `Hint ${n}`,
  savedNote: 'Your code is saved in this browser as you type; Reset and the solution never delete it.',
  resetDone: 'The starter code is back in the editor. Your code was kept: “Restore my code” brings it back.',
  restored: 'Your code is back in the editor.',
  copiedSolution: 'The solution is in your editor now. Your own code was kept: “Restore my code” brings it back.',
  consoleLabel: 'Console (what your code logs, and its errors)',
  consoleEmpty: 'Nothing logged yet. log(…) in your code prints here.',
  checksTitle: 'What the grader checks',
  goToLine: (line: number) => `go to line ${line}`,
  met: 'Met: ',
  notMet: 'Not met: ',
  resultTitle: 'Result',
  states: {
    idle: 'Not run yet',
    running: 'Running…',
    passed: 'Passed: every requirement met',
    failed: 'Failed: see the lines marked ✗',
  },
  passedBefore: 'You passed this exercise before.',
  progress: (step: number, total: number, what: string) => `Step ${step} of ${total}: ${what}`,
  steps: {
    start: 'starting your code in its sandbox',
    'wait-request': 'waiting for your first request',
    publish: (count: number, cut: boolean) =>
      cut
        ? `cutting your connection, then publishing ${plural(count, 'event')}`
        : `publishing ${plural(count, 'event')}`,
    delivered: 'waiting for your code to deliver what was published',
    wait: (ms: number) => `waiting ${(ms / 1000).toFixed(1)} s`,
    mark: 'noting the time',
    refuse: (status: number, retryAfter: number, cut: boolean) =>
      `${cut ? 'cutting your connection; ' : ''}the server answers ${status} with Retry-After: ${retryAfter}`,
    restart: "restarting the channel's history (your client should be told reset)",
    cut: 'cutting your connection',
    repeat: 'sending the last event again on your WebSocket',
    'drop-ack': 'the next publish loses its ack (the connection is cut right after the server reads it)',
    send: (text: string) => `the user sends “${text}”`,
    closing: 'calling your close function and checking that nothing is left open',
    judging: 'judging',
  },
  console: {
    started: (channel: string) => `Your code is running on channel ${channel}.`,
    exception: (message: string, line: number | null) =>
      line === null ? `Uncaught error: ${message}` : `Uncaught error on line ${line}: ${message}`,
    syntax: (line: number, column: number, near: string) =>
      `Syntax error on line ${line}, column ${column}${near ? `, near “${near}”` : ''}. Nothing was run.`,
    moduleFailed:
      'The browser could not load your code as a module (a syntax error the checker missed?). Nothing was run.',
    noConnect: 'Your code has no `export default function connect(…)`: the grader has nothing to call.',
    noClose:
      'connect() returned no function, so the grader could not ask your code to close what it opened (it was stopped instead).',
    hung: (seconds: number) =>
      `Your code kept the sandbox busy for ${seconds} s without a break (an endless loop?): the run was stopped. The page was not affected.`,
    timeLimit: (seconds: number) => `The run took longer than its ${seconds} s limit and was stopped.`,
    stopped: 'Stopped: nothing was graded.',
    serverError: (message: string) => `The grader could not talk to the server: ${message}`,
  },
  verdicts: {
    notJudged: 'not judged: the run did not get that far',
    'exactly-once': {
      label: 'Every event delivered exactly once, in order',
      pass: (n: number) => `${plural(n, 'event')} delivered, each once, in order.`,
      lost: (seqs: readonly number[]) => `Lost (never delivered): seq ${seqList(seqs)}.`,
      duplicated: (seqs: readonly number[]) => `Delivered more than once: seq ${seqList(seqs)}.`,
      unordered: (seq: number, after: number) => `Out of order: seq ${seq} was delivered after seq ${after}.`,
      unexpected: (seqs: readonly number[]) => `Delivered but never published: seq ${seqList(seqs)}.`,
      altered: (seq: number) =>
        `Seq ${seq} was not delivered as the server sent it: deliver the event object { seq, time, data } itself.`,
      afterRestart: (n: number) => `After restart ${n} of the history:`,
      wireAround: 'What crossed the wire around it (from the lab’s capture):',
    },
    backlog: {
      label: (count: number, ms: number) => `The ${count} waiting events delivered within ${ms} ms, page after page`,
      pass: (count: number, ms: number) => `All ${count} waiting events delivered in ${ms} ms.`,
      slow: (count: number, ms: number) =>
        `The ${count} waiting events took ${ms} ms: after a full page, ask again at once instead of waiting the interval.`,
      missing: (delivered: number, count: number) => `Only ${delivered} of the ${count} waiting events were delivered.`,
    },
    'retry-after': {
      label: 'Retry-After honoured after every refusal',
      pass: (n: number) => `${plural(n, 'refusal')}; each time the next request waited at least its Retry-After.`,
      early: (status: number, asked: number, waited: number) =>
        `After a ${status} with Retry-After: ${asked}, the next request came ${(waited / 1000).toFixed(2)} s later.`,
      none: 'No request of yours was refused, so there was nothing to honour: did your code keep asking?',
    },
    'outage-rate': {
      label: (max: number) => `At most ${max} requests per second during the outage`,
      pass: (peak: number) => `At most ${plural(peak, 'request')} in any second of the outage.`,
      fail: (peak: number, max: number) => `${peak} requests within one second of the outage (at most ${max}).`,
    },
    backoff: {
      label: (max: number) => `Exponential backoff while the server refuses (at most ${max} tries per second)`,
      pass: (gaps: readonly number[]) => `Waits between tries: ${gaps.map((g) => `${g} ms`).join(', ')}.`,
      fast: (peak: number, max: number) => `${peak} tries within one second while refused (at most ${max}).`,
      flat: (gaps: readonly number[]) =>
        `The waits between tries did not grow: ${gaps.map((g) => `${g} ms`).join(', ')}. Double the delay after each failure.`,
      few: 'Fewer than two tries while the server refused: reconnect after a failure.',
      immediate: (gaps: readonly number[]) =>
        `A try came right after a refusal: waits ${gaps.map((g) => `${g} ms`).join(', ')}. Wait before each reconnect, longer each time.`,
    },
    'asks-again': {
      label: 'Asked again after each empty answer (the timeout)',
      pass: (n: number, s: number) => `${plural(n, 'request')} in the ${s.toFixed(1)} s quiet time.`,
      fail: (n: number, min: number, s: number) =>
        `${plural(n, 'request')} in the ${s.toFixed(1)} s quiet time (at least ${min} expected): an empty answer must be followed by a new request.`,
    },
    reopens: {
      label: 'A new stream opened after the server refused the reconnect',
      pass: (ms: number) => `A new request ${(ms / 1000).toFixed(1)} s after the refusal.`,
      fail: 'No request after the refusal: EventSource had closed for good and nobody opened a new one.',
      none: 'No request was refused: the stream never reconnected.',
    },
    reset: {
      label: 'The reset handled: reset() called, then the new history delivered',
      pass: (n: number) => `reset() called ${plural(n, 'time')}, once per restart.`,
      missing: (called: number, expected: number) =>
        `reset() called ${plural(called, 'time')} for ${plural(expected, 'restart')} of the history.`,
    },
    'each-message-once': {
      label: 'Every message published exactly once (the ref as an idempotency key)',
      pass: (n: number) => `${plural(n, 'message')} sent, each once in the channel.`,
      missing: (texts: readonly string[]) => `Never published: ${texts.map((t) => `“${t}”`).join(', ')}.`,
      twice: (texts: readonly string[]) => `In the channel more than once: ${texts.map((t) => `“${t}”`).join(', ')}.`,
    },
    cleanup: {
      label: 'Cleanup: nothing left open or asking after close',
      pass: 'Nothing open and no new request after your close function ran.',
      open: (n: number) => `${plural(n, 'connection')} still open after your close function ran.`,
      asked: (n: number) =>
        `${plural(n, 'request')} after your close function ran: a timer or a retry was left behind.`,
      noClose: 'connect() returned no close function.',
    },
  },
  homeSummary: (done: number, total: number) => `solved ${done} of ${plural(total, 'exercise')}`,
  homeSolved: 'exercise solved',
};

export type ExerciseStrings = typeof exerciseStrings;
