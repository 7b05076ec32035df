/**
 * The words the site's small page scripts (src/scripts/) write into the page at run time, in English:
 * an area of its own, apart from ./site.ts, so a page's JavaScript carries only these two small objects
 * (src/scripts/words.ts picks one by <html lang>). src/i18n/ko/site-client.ts is of this type.
 */
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export const siteClientStrings = {
  search: {
    idle: 'Type to search.',
    unavailable: 'Search is not available here: it is built with the site (npm run build, then npm start).',
    none: (q: string) => `No results for “${q}”.`,
    found: (n: number, q: string, shown: number) =>
      `${n} ${n === 1 ? 'page matches' : 'pages match'} “${q}”${n > shown ? `; the first ${shown} are shown` : ''}.`,
    forWords: (words: string) => `Search the course for “${words}”`,
  },
  progress: {
    status: { new: 'not started', started: 'started', read: 'read', complete: 'completed' },
    /** A lesson's status after its title: " (read)". */
    statusAfter: (status: string) => ` (${status})`,
    summary: (read: number, lessons: number, passed: number, quizzes: number, exercises: string) =>
      `You have read ${read} of ${plural(lessons, 'lesson', 'lessons')}, passed ${passed} of ${plural(quizzes, 'quiz', 'quizzes')} and ${exercises}. Your progress is kept in this browser only.`,
    none: 'Your progress (lessons read, quizzes passed) is kept in this browser only: no account needed.',
    continue: (title: string) => `Continue where you left off: ${title}`,
    /** The exercises' part of the summary (not the exercises area: the home page's script stays small). */
    exercises: (done: number, total: number) => `solved ${done} of ${plural(total, 'exercise', 'exercises')}`,
    resetConfirm: 'Forget every lesson read and every quiz answer in this browser?',
  },
  quiz: {
    rightChosen: 'Right, and you chose it.',
    right: 'Right.',
    wrongChosen: 'Not quite, and you chose it.',
    wrong: 'Not right.',
    correct: 'Correct. Each option’s explanation is shown below it.',
    notQuite: 'Not quite. Read the explanations below the options, change your answer and check again.',
    revealed: 'Here is what happens. Each option’s explanation is shown below it.',
    locked: 'Prediction locked in. Now try it in the demo.',
    passed: (right: number, n: number) => `Quiz passed: ${right} of ${n}. It counts towards your progress.`,
    done: (right: number, n: number) => `${right} of ${n} done. Answer every question correctly to pass.`,
    chooseOne: 'Choose an answer first.',
    chooseSome: 'Choose at least one answer first.',
  },
  code: {
    copy: 'Copy',
    copyLabel: 'Copy this code',
    copied: 'Copied',
    failed: 'Copy failed',
    failedLong: 'Copying failed: select the code and copy it by hand.',
  },
};

export type SiteClientStrings = typeof siteClientStrings;
