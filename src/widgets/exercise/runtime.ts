/**
 * Everything an exercise needs once the learner opens or scrolls to it, in one chunk loaded with a
 * dynamic import (never on page load): the CodeMirror editor and the grader (with the harness and the
 * judge). The lesson's JavaScript budget counts the widget without it.
 */
export { createEditor, type CodeEditor } from './editor.ts';
export { gradeRun, type ConsoleLine, type RunOutcome } from '../../exercises/grader.ts';
