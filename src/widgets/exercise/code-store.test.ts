// The learner's code is never lost: Reset and copying the solution keep it as the backup, a second
// Reset does not overwrite it with the starter, restore swaps it back, and storage survives a reload.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadCode, replaceKeeping, restore, saveCode } from './code-store.ts';

const memory = () => {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v) };
};

test('reset keeps the learner’s code, restore brings it back, storage keeps both', () => {
  const storage = memory();
  assert.deepEqual(loadCode(storage, 'x', 'STARTER'), { code: 'STARTER', backup: null });
  let v = { code: 'mine', backup: null as string | null };
  v = replaceKeeping(v, 'STARTER', ['STARTER', 'SOLUTION']);
  assert.deepEqual(v, { code: 'STARTER', backup: 'mine' });
  v = replaceKeeping(v, 'SOLUTION', ['STARTER', 'SOLUTION']);
  assert.deepEqual(v, { code: 'SOLUTION', backup: 'mine' }, 'the untouched starter does not replace the backup');
  v = restore(v);
  assert.deepEqual(v, { code: 'mine', backup: 'SOLUTION' });
  saveCode(storage, 'x', v);
  assert.deepEqual(loadCode(storage, 'x', 'STARTER'), v);
  storage.setItem('realtime-lab:exercise-code:v1:y', '{not json');
  assert.deepEqual(loadCode(storage, 'y', 'S'), { code: 'S', backup: null });
});
