// Builds the static site when it is missing or stale. "Stale" is decided by a hash of every input of
// the build (not by mtimes: a fresh clone gives every file the same new mtime), stored next to the output.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { CODINGS, COMPRESSIBLE } from '../api/content-encoding.ts';
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

/**
 * A Brotli (quality 11) and a gzip (level 9) copy beside every HTML, CSS, JS, SVG and JSON file of
 * `dist`, compressed once here at the slowest, best settings so that the server does no compression
 * work per request (api/content-encoding.ts serves them). A copy that would not be smaller is not
 * written. Returns the bytes before and after (Brotli) for the log.
 */
export function compressSite(dist: string): { files: number; bytes: number; brotli: number } {
  let count = 0;
  let bytes = 0;
  let brotli = 0;
  for (const file of files(dist)) {
    if (!COMPRESSIBLE.has(extname(file))) continue;
    const body = readFileSync(file);
    const copies = {
      br: brotliCompressSync(body, {
        params: {
          [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY,
          [zlib.BROTLI_PARAM_SIZE_HINT]: body.length,
          [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT,
        },
      }),
      gzip: gzipSync(body, { level: 9 }),
    };
    count++;
    bytes += body.length;
    brotli += Math.min(body.length, copies.br.length);
    for (const { coding, suffix } of CODINGS) {
      const copy = copies[coding];
      if (copy.length < body.length) writeFileSync(file + suffix, copy);
      else rmSync(file + suffix, { force: true });
    }
  }
  return { files: count, bytes, brotli };
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
  const c = compressSite(join(root, 'dist'));
  console.log(
    `Compressed ${c.files} files: ${(c.bytes / 1024).toFixed(0)} KiB, ${(c.brotli / 1024).toFixed(0)} KiB as Brotli (gzip copies beside them).`,
  );
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
