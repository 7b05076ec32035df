// One good and one bad case per glossary field. Run: node --test "src/**/*.test.ts"
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { glossaryEntrySchema } from './glossary-schema.ts';

const good = {
  term: 'Epoch',
  definition: 'An opaque name for one history of a channel log.',
  lesson: 'sse',
  see: ['cursor'],
  source: 'https://www.rfc-editor.org/rfc/rfc6455',
};

const refuses = (patch: Record<string, unknown>) =>
  assert.equal(glossaryEntrySchema.safeParse({ ...good, ...patch }).success, false, JSON.stringify(patch));

test('a complete entry is accepted; see defaults to none', () => {
  assert.deepEqual(glossaryEntrySchema.parse(good), good);
  const { see: _see, lesson: _lesson, source: _source, ...minimal } = good;
  assert.deepEqual(glossaryEntrySchema.parse(minimal).see, []);
});
test('term must not be empty', () => refuses({ term: ' ' }));
test('definition must say something', () => refuses({ definition: 'Short.' }));
test('lesson is a lesson id', () => refuses({ lesson: 'Server Sent Events' }));
test('see lists entry ids', () => refuses({ see: ['Not An Id'] }));
test('source is a URL', () => refuses({ source: 'RFC 6455' }));
test('unknown keys are refused', () => refuses({ defintion: 'typo' }));
test('every field is described', () => {
  for (const [name, field] of Object.entries(glossaryEntrySchema.shape))
    assert.ok(field.description, `field "${name}" has no .describe()`);
});
