/**
 * The exercise's code editor: CodeMirror 6 with JavaScript, the site's light and dark colours (every
 * colour a light-dark() pair, so it follows the page's theme), line numbers, history, bracket
 * matching and indentation. Tab indents; Esc then Tab leaves the editor, and focus that arrives with
 * the keyboard passes through with Tab until the learner types, so Tab never traps focus.
 *
 * Part of the chunk loaded when the learner opens or scrolls to an exercise (runtime.ts).
 */
import { defaultKeymap, history, historyKeymap, indentWithTab, temporarilySetTabFocusMode } from '@codemirror/commands';
import { javascriptLanguage } from '@codemirror/lang-javascript';
import {
  bracketMatching,
  HighlightStyle,
  indentOnInput,
  LanguageSupport,
  syntaxHighlighting,
} from '@codemirror/language';
import { EditorState, type Extension } from '@codemirror/state';
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
} from '@codemirror/view';
import { tags } from '@lezer/highlight';

const highlight = HighlightStyle.define([
  { tag: [tags.keyword, tags.controlKeyword, tags.moduleKeyword], color: 'light-dark(#a0113e, #ff8fa8)' },
  { tag: [tags.string, tags.special(tags.string)], color: 'light-dark(#0a6b2b, #7ee2a0)' },
  { tag: [tags.number, tags.bool, tags.null], color: 'light-dark(#9a4b00, #ffb86b)' },
  { tag: tags.comment, color: 'light-dark(#5a6472, #a0aab8)', fontStyle: 'italic' },
  { tag: [tags.function(tags.variableName), tags.function(tags.propertyName)], color: 'light-dark(#0a55d6, #8fb8ff)' },
  { tag: tags.propertyName, color: 'light-dark(#6b2fb3, #d2a8ff)' },
]);

const theme = EditorView.theme({
  '&': {
    color: 'var(--fg)',
    backgroundColor: 'var(--code-bg)',
    fontSize: '0.85rem',
    height: '100%',
  },
  '.cm-scroller': { fontFamily: 'var(--mono)', lineHeight: '1.5' },
  '.cm-content': { caretColor: 'var(--fg)' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--fg)' },
  '&.cm-focused': { outline: '3px solid var(--focus)', outlineOffset: '-3px' },
  '.cm-gutters': { backgroundColor: 'var(--bg-soft)', color: 'var(--fg-muted)', border: 'none' },
  '.cm-activeLine': { backgroundColor: 'light-dark(#eef2f7, #1a2030)' },
  '.cm-activeLineGutter': { backgroundColor: 'light-dark(#e3e8f0, #222a38)', color: 'var(--fg)' },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection': {
    backgroundColor: 'light-dark(#c9dcff, #2c4370) !important',
  },
  '.cm-matchingBracket': { outline: '1px solid var(--accent)' },
});

export interface CodeEditor {
  readonly view: EditorView;
  getDoc(): string;
  setDoc(text: string): void;
  /** Puts the cursor on `line` (from 1) and focuses the editor: where an error was reported. */
  goToLine(line: number): void;
  destroy(): void;
}

export interface EditorOptions {
  doc: string;
  label: string;
  readOnly?: boolean;
  onChange?: (text: string) => void;
}

export function createEditor(parent: HTMLElement, options: EditorOptions): CodeEditor {
  const extensions: Extension[] = [
    lineNumbers(),
    highlightActiveLineGutter(),
    history(),
    drawSelection(),
    indentOnInput(),
    bracketMatching(),
    highlightActiveLine(),
    // The language alone: javascript() would add completion and snippets, twice the weight.
    new LanguageSupport(javascriptLanguage),
    syntaxHighlighting(highlight),
    theme,
    EditorState.tabSize.of(2),
    keymap.of([{ key: 'Escape', run: temporarilySetTabFocusMode }, indentWithTab, ...defaultKeymap, ...historyKeymap]),
    // An explicit tabindex: the scrolling box then has focusable content for every checker (axe).
    EditorView.contentAttributes.of({ 'aria-label': options.label, tabindex: '0' }),
    EditorView.updateListener.of((update) => {
      if (update.docChanged) options.onChange?.(update.state.doc.toString());
    }),
  ];
  if (options.readOnly) extensions.push(EditorState.readOnly.of(true), EditorView.editable.of(false));
  const view = new EditorView({ parent, state: EditorState.create({ doc: options.doc, extensions }) });

  // Focus that arrives with the keyboard passes through with Tab (tab focus mode) until the learner
  // types; a click into the editor is a learner who came to write, so Tab indents at once.
  let pointer = false;
  view.dom.addEventListener('pointerdown', () => {
    pointer = true;
  });
  view.contentDOM.addEventListener('focus', () => {
    view.setTabFocusMode(!pointer);
    pointer = false;
  });
  view.contentDOM.addEventListener('keydown', (e) => {
    if (e.key !== 'Tab' && e.key !== 'Escape' && e.key !== 'Shift') view.setTabFocusMode(false);
  });

  return {
    view,
    getDoc: () => view.state.doc.toString(),
    setDoc: (text) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } }),
    goToLine: (line) => {
      const at = view.state.doc.line(Math.max(1, Math.min(line, view.state.doc.lines))).from;
      view.dispatch({ selection: { anchor: at }, scrollIntoView: true });
      view.focus();
    },
    destroy: () => view.destroy(),
  };
}
