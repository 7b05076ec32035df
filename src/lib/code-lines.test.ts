import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { countCodeLines } from './code-lines.ts';

describe('countCodeLines', () => {
  it('counts code, not blank lines, line comments or block comments', () => {
    const source = [
      '/**',
      ' * A doc comment.',
      ' */',
      'import x from "y";',
      '',
      '// a line comment',
      'const a = 1; // trailing comments keep the line',
      '/* one-line block */',
      'function f() { /* opens',
      '  still inside */ return a;',
      '}',
    ].join('\n');
    // import, const, "function f() {", "return a;" after the block ends, and "}".
    assert.equal(countCodeLines(source), 5);
  });
});
