import assert from 'node:assert/strict';
import { test } from 'node:test';
import { englishTwinOf } from './heading-ids.ts';

test('a Korean lesson file names its English twin; any other file has none', () => {
  assert.equal(englishTwinOf('/repo/content/ko/lessons/sse.mdx'), '/repo/content/lessons/sse.mdx');
  assert.equal(englishTwinOf('/repo/content/lessons/sse.mdx'), undefined);
  assert.equal(englishTwinOf('/repo/content/ko/lessons/sse.md'), undefined);
  assert.equal(englishTwinOf('/repo/content/ko/glossary.mdx'), undefined);
});
