// One good and one bad case per field of the lesson frontmatter. Run: node --test "src/**/*.test.ts"
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lessonSchema } from './lesson-schema.ts';

const good = {
  title: 'Server-Sent Events',
  description: 'One long HTTP response.',
  order: 4,
  goal: 'Read an event stream field by field.',
  youWill: 'read a stream, cut it and watch it resume',
  techniques: ['sse'],
};

function rejects(patch: Record<string, unknown>, field: string) {
  const result = lessonSchema.safeParse({ ...good, ...patch });
  assert.equal(result.success, false, `expected ${JSON.stringify(patch)} to be refused`);
  assert.ok(
    result.error!.issues.some(
      (issue) => issue.path[0] === field || (issue.code === 'unrecognized_keys' && issue.keys.includes(field)),
    ),
    `expected an issue about "${field}", got ${JSON.stringify(result.error!.issues)}`,
  );
}

test('a complete lesson is accepted and draft defaults to false', () => {
  const parsed = lessonSchema.parse(good);
  assert.equal(parsed.draft, false);
  assert.deepEqual(parsed.techniques, ['sse']);
});

test('title must be a non-empty string', () => rejects({ title: '  ' }, 'title'));
test('description must be a non-empty string', () => rejects({ description: '' }, 'description'));
test('order must be a positive integer', () => {
  rejects({ order: 0 }, 'order');
  rejects({ order: 1.5 }, 'order');
  assert.equal(lessonSchema.parse({ ...good, order: 1 }).order, 1);
});
test('goal must be one sentence', () => {
  rejects({ goal: 'Do this. Then that.' }, 'goal');
  rejects({ goal: '' }, 'goal');
});
test('youWill continues "In this lesson you will…"', () => {
  rejects({ youWill: 'Read a stream.' }, 'youWill');
  rejects({ youWill: '' }, 'youWill');
  rejects({ youWill: undefined }, 'youWill');
});
test('techniques only names techniques of the registry, and may be empty', () => {
  rejects({ techniques: ['comet'] }, 'techniques');
  assert.deepEqual(lessonSchema.parse({ ...good, techniques: [] }).techniques, []);
});
test('draft must be a boolean', () => {
  rejects({ draft: 'yes' }, 'draft');
  assert.equal(lessonSchema.parse({ ...good, draft: true }).draft, true);
});
test('unknown keys are refused, so a typo cannot pass silently', () => rejects({ orde: 4 }, 'orde'));
test('every field is described', () => {
  for (const [name, field] of Object.entries(lessonSchema.shape)) {
    assert.ok(field.description, `field "${name}" has no .describe()`);
  }
});
