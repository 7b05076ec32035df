// Builds the static site when it is missing or stale. "Stale" is decided by a hash of every input of
// the build (not by mtimes: a fresh clone gives every file the same new mtime), stored next to the output.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = fileURLToPath(new URL('..', import.meta.url));
// bench/: the site's benchmark page renders the committed results (every run) with the bench's own report code.
const INPUTS = [
  'astro.config.mjs',
  'package-lock.json',
  'tsconfig.json',
  'src',
  'content',
  'public',
  'api',
  'bench/report',
  'bench/stats.ts',
  'bench/results',
];
const SKIP = new Set(['node_modules', '.git', 'dist', '.astro']);

function* files(path: string): Generator<string> {
  if (!existsSync(path)) return;
  const entries = readdirSync(path, { withFileTypes: true });
  if (!entries) return;
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (SKIP.has(e.name)) continue;
    const full = join(path, e.name);
    if (e.isDirectory()) yield* files(full);
    else if (e.isFile()) yield full;
  }
}

export function inputHash(root = projectRoot): string {
  const hash = createHash('sha256');
  for (const input of INPUTS) {
    const full = join(root, input);
    const list = input.includes('.') ? (existsSync(full) ? [full] : []) : [...files(full)];
    for (const file of list) {
      hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
    }
  }
  return hash.digest('hex');
}

const stampFile = (root: string) => join(root, 'dist', '.build-stamp');

export function buildIsFresh(root = projectRoot): boolean {
  const stamp = stampFile(root);
  return (
    existsSync(join(root, 'dist', 'index.html')) &&
    existsSync(stamp) &&
    readFileSync(stamp, 'utf8').trim() === inputHash(root)
  );
}

/** Runs `astro build` on this same Node (the project's pinned one) and stamps the output. */
export function buildSite(root = projectRoot): void {
  const hash = inputHash(root);
  const astro = join(root, 'node_modules', 'astro', 'bin', 'astro.mjs');
  const started = Date.now();
  console.log('Building the site (astro build)…');
  const r = spawnSync(process.execPath, [astro, 'build'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
  });
  if (r.status !== 0) throw new Error(`astro build failed (exit ${r.status ?? r.signal}); see the output above.`);
  writeFileSync(stampFile(root), `${hash}\n`);
  console.log(`Site built in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}

export function ensureSiteBuilt(root = projectRoot): void {
  if (buildIsFresh(root)) return;
  buildSite(root);
}

if (import.meta.main) {
  if (process.argv.includes('--if-stale')) ensureSiteBuilt();
  else buildSite();
}
