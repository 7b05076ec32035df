// The scrollable-tables plugin on both kinds of table a lesson can hold. Run: node --test "src/**/*.test.ts"
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mdxToJs } from 'satteri';
import { scrollableTablesPlugin } from './hast-scrollable-tables.ts';

const compile = (source: string) => mdxToJs(source, { hastPlugins: [scrollableTablesPlugin()] }).code;

test('a Markdown table can take focus', () => {
  assert.match(compile('| a | b |\n| - | - |\n| 1 | 2 |\n'), /tabIndex: "0"/);
});

test("a JSX <table> in the MDX can take focus too, and an author's own tabIndex is kept", () => {
  const jsx = compile('<table>\n  <tbody>{rows.map((r) => <tr><td>{r}</td></tr>)}</tbody>\n</table>\n');
  assert.match(jsx, /["']?tabindex["']?: ["']0["']/);
  const own = compile('<table tabIndex={-1}>\n  <tbody><tr><td>1</td></tr></tbody>\n</table>\n');
  assert.doesNotMatch(own, /["']?tabindex["']?: ["']0["']/);
  assert.match(own, /tabIndex: -1/);
});
