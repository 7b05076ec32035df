// The architecture, checked: a technique is defined once (protocol/techniques.ts), protocol/ imports
// nothing of the project's, and the browser side (src/) takes nothing from the server (api/) but the
// source text that lessons show.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { TECHNIQUE_IDS } from '../../protocol/techniques.ts';

const root = new URL('../../', import.meta.url);
const sources = execFileSync('git', ['ls-files', '-co', '--exclude-standard'], { cwd: root, encoding: 'utf8' })
  .split('\n')
  .filter((f) => /\.(ts|tsx|astro|mjs|js)$/.test(f) && !f.startsWith('node_modules/'));
const read = (f: string) => readFileSync(new URL(f, root), 'utf8');
const importsOf = (text: string) =>
  [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map(
    (m) => (m[1] ?? m[2])!,
  );

/** The registry's own file, and the string catalogues (one per language), may name every technique. */
const MAY_LIST = (f: string) => f === 'protocol/techniques.ts' || f.startsWith('src/i18n/');

test('the technique ids are listed together in one source file: the registry', () => {
  const quoted = (id: string) => new RegExp(`['"\`]${id}['"\`]|^\\s*${id}:`, 'm');
  const listing = sources.filter((f) => !MAY_LIST(f) && TECHNIQUE_IDS.every((id) => quoted(id).test(read(f))));
  assert.deepEqual(listing, [], `these files name every technique instead of looping over the registry`);
});

test('protocol/ imports nothing of the project outside itself', () => {
  for (const f of sources.filter((s) => s.startsWith('protocol/'))) {
    for (const spec of importsOf(read(f))) {
      assert.ok(spec.startsWith('./') || !spec.startsWith('.'), `${f} imports ${spec}`);
    }
  }
});

test('src/ imports from api/ only the text of files a lesson shows (?raw)', () => {
  for (const f of sources.filter((s) => s.startsWith('src/'))) {
    for (const spec of importsOf(read(f))) {
      if (/(^|\/)api\//.test(spec)) assert.ok(spec.endsWith('?raw'), `${f} imports ${spec}`);
    }
  }
});

test('the checks above see the files they judge', () => {
  assert.ok(sources.includes('protocol/techniques.ts'));
  assert.ok(sources.filter((f) => f.startsWith('src/')).length > 50, 'src/ files found');
  assert.ok(importsOf("import { a } from './b.ts';\nexport * from '../c.ts';").length === 2);
});
