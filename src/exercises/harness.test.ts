// The sandbox's pure parts: the syntax check names a line, `export default` becomes a binding on the
// same line (never inside a string), and the exercises' own code parses.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { javascriptLanguage } from '@codemirror/lang-javascript';
import { EXERCISES } from '../../content/exercises/index.ts';
import { bindDefaultExport, CONNECT_BINDING, firstSyntaxError, lineColumn, workerModule } from './harness.ts';

const parse = (code: string) => javascriptLanguage.parser.parse(code);
const exportsOf = (code: string) => {
  const starts: number[] = [];
  for (let n = parse(code).topNode.firstChild; n; n = n.nextSibling)
    if (n.name === 'ExportDeclaration') starts.push(n.from);
  return starts;
};

describe('harness', () => {
  it('reports the first syntax error with its line and column', () => {
    const code = 'const a = 1;\nconst b = ;\nconst c = 3;\n';
    const problem = firstSyntaxError(code, parse(code));
    assert.equal(problem?.line, 2);
    assert.equal(firstSyntaxError('const a = 1;', parse('const a = 1;')), null);
    assert.deepEqual(lineColumn('ab\ncd', 4), { line: 2, column: 2 });
  });
  it('binds the default export on its own line, not one inside a string', () => {
    const code = 'const s = `\nexport default 1`;\nexport const x = 1;\nexport\n  default function connect() {}\n';
    const bound = bindDefaultExport(code, exportsOf(code))!;
    assert.match(bound, new RegExp(`const ${CONNECT_BINDING} =\\n function connect`));
    assert.equal(bound.split('\n').length, code.split('\n').length, 'every line keeps its number');
    assert.match(bound, /`\nexport default 1`/, 'the string is left alone');
    assert.equal(bindDefaultExport('export const a = 1;', exportsOf('export const a = 1;')), null);
  });
  it('every exercise’s starter and solution parse and have a default export', () => {
    for (const e of EXERCISES) {
      for (const [which, code] of [
        ['starter', e.starter],
        ['solution', e.solution],
      ] as const) {
        assert.equal(firstSyntaxError(code, parse(code)), null, `${e.id} ${which}`);
        const bound = bindDefaultExport(code, exportsOf(code));
        assert.ok(bound, `${e.id} ${which}: export default`);
        assert.match(
          workerModule(bound, { channel: 'c', base: 'http://x', beatMs: 200 }),
          /__exercise_connect__\(__ctx\)/,
        );
      }
    }
  });
});
