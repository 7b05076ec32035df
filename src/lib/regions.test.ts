// Region extraction for source panels. Run: node --test "src/**/*.test.ts"
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dedent, extractRegion, listRegions } from './regions.ts';

const file = [
  'import x from "y";',
  '',
  'export function f() {',
  '  // #region outer',
  '  const a = 1;',
  '',
  '  // #region inner',
  '  if (a) {',
  '    return a;',
  '  }',
  '  // #endregion inner',
  '  // #endregion outer',
  '}',
  '// #region empty',
  '',
  '// #endregion empty',
].join('\n');

test('extracts a region, drops nested markers and common indentation, keeps line numbers', () => {
  const r = extractRegion(file, 'outer', 'f.ts');
  assert.equal(r.text, ['const a = 1;', '', 'if (a) {', '  return a;', '}'].join('\n'));
  assert.equal(r.startLine, 5);
  assert.equal(r.endLine, 10);
});

test('extracts a nested region on its own', () => {
  assert.equal(extractRegion(file, 'inner', 'f.ts').text, 'if (a) {\n  return a;\n}');
});

test('handles CRLF files', () => {
  assert.equal(extractRegion(file.replaceAll('\n', '\r\n'), 'inner', 'f.ts').text, 'if (a) {\n  return a;\n}');
});

test('a missing region throws, naming the file, the region and the regions that exist', () => {
  assert.throws(
    () => extractRegion(file, 'sse-stream', 'api/transports/sse.ts'),
    (err: Error) => {
      assert.match(err.message, /"sse-stream" not found in api\/transports\/sse\.ts/);
      assert.match(err.message, /"outer", "inner", "empty"/);
      return true;
    },
  );
});

test('an empty, unterminated or duplicated region throws', () => {
  assert.throws(() => extractRegion(file, 'empty', 'f.ts'), /is empty/);
  assert.throws(() => extractRegion('// #region a\nx\n', 'a', 'f.ts'), /no "#endregion a"/);
  assert.throws(
    () => extractRegion('// #region a\nx\n// #endregion a\n// #region a\ny\n// #endregion a', 'a', 'f.ts'),
    /opened 2 times/,
  );
});

test('a region name is matched whole, not as a prefix', () => {
  const src = '// #region sse-stream-extra\nno\n// #endregion sse-stream-extra\n';
  assert.throws(() => extractRegion(src, 'sse-stream', 'f.ts'), /not found/);
});

test('listRegions and dedent', () => {
  assert.deepEqual(listRegions(file), ['outer', 'inner', 'empty']);
  assert.deepEqual(dedent(['\t\ta', '', '\t\t\tb']), ['a', '', '\tb']);
});
