// Diagram discovery and cache keys. Run: node --test "src/**/*.test.ts"
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagramFile, diagramKey, findDiagrams, normalizeDiagram, parseCaption, svgSize } from './diagrams.ts';

const lesson = [
  '# A lesson',
  '',
  '```mermaid caption="Two boxes talk."',
  'sequenceDiagram',
  '  A->>B: hi   ',
  '```',
  '',
  '````md',
  '```mermaid',
  'not a diagram: inside a longer fence',
  '```',
  '````',
  '',
  "~~~mermaid caption='Tilde fence'",
  'graph TD; A-->B',
  '~~~',
  '```js',
  'const x = 1;',
  '```',
].join('\n');

test('finds mermaid fences with their caption and line, and nothing inside other fences', () => {
  assert.deepEqual(findDiagrams(lesson), [
    { code: 'sequenceDiagram\n  A->>B: hi   ', caption: 'Two boxes talk.', line: 3 },
    { code: 'graph TD; A-->B', caption: 'Tilde fence', line: 14 },
  ]);
});

test('a caption is required to be non-empty to count', () => {
  assert.equal(parseCaption('caption=""'), undefined);
  assert.equal(parseCaption(undefined), undefined);
  assert.equal(parseCaption('title=x caption="It works"'), 'It works');
});

test('the key ignores trailing spaces and outer blank lines, and changes with the diagram', () => {
  const a = diagramKey('sequenceDiagram\n  A->>B: hi');
  assert.equal(diagramKey('\nsequenceDiagram  \r\n  A->>B: hi   \n\n'), a);
  assert.notEqual(diagramKey('sequenceDiagram\n  A->>B: ho'), a);
  assert.match(a, /^[0-9a-f]{16}$/);
  assert.equal(normalizeDiagram(' x \n'), 'x');
  assert.equal(diagramFile(a, 'dark'), `${a}.dark.svg`);
});

test('svgSize reads the viewBox and refuses an SVG without one', () => {
  assert.deepEqual(svgSize('<svg width="1" viewBox="-50 -10 674.5 586" xmlns="x">'), { width: 675, height: 586 });
  assert.throws(() => svgSize('<svg width="10">'), /no viewBox/);
});
