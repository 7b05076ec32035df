// Launches the system's Debian Chromium through playwright-core: the project never downloads a
// browser build of its own (the machines reach package registries only), so the browser comes
// from apt. Run with Node >= 24 (type stripping): erasable TypeScript only.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { spawnSync } from 'node:child_process';
import { ensureDebianPackages } from '../../scripts/debian-packages.ts';

const DEFAULT_PATH = '/usr/bin/chromium';

const ARGS = [
  // Tests run as root in CI, where Chromium's sandbox cannot start.
  '--no-sandbox',
  '--disable-gpu',
  // QUIC would let the browser try HTTP/3 (UDP) and skew what the lessons measure.
  '--disable-quic',
  '--no-first-run',
  // No background traffic: a test that checks "no failed request" must only see the page's own.
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Make sure a Chromium binary exists at `path`. On Debian as root, installs the `chromium` package
 * (synchronously, showing apt's output); anywhere else, says exactly what to install.
 */
export function ensureChromium(path: string): void {
  ensureKoreanFont();
  if (existsSync(path)) return;
  if (path !== DEFAULT_PATH) throw new Error(`[browser] No Chromium at ${path} (CHROMIUM_PATH).`);
  ensureDebianPackages(
    'browser',
    [{ pkg: 'chromium', present: () => existsSync(path) }],
    'which provides /usr/bin/chromium, or set CHROMIUM_PATH to the path of a Chromium or Chrome executable',
    { recommends: true },
  );
}

/**
 * A font with Hangul: without one, Chromium draws the Korean pages' text as empty boxes, so the Korean
 * layout checks would measure boxes, and `npm run diagrams` would size the Korean diagrams' labels
 * wrongly. Chromium's recommended fonts have none; Debian's Noto CJK does (56 MB, once).
 */
export function ensureKoreanFont(): void {
  const hasHangul = () => (spawnSync('fc-list', [':lang=ko'], { encoding: 'utf8' }).stdout ?? '').trim() !== '';
  ensureDebianPackages('browser', [{ pkg: 'fonts-noto-cjk', present: hasHangul }]);
}

/** A headless Chromium for e2e tests. Close it in the test's after() hook. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH || DEFAULT_PATH;
  ensureChromium(executablePath);
  return chromium.launch({ executablePath, args: ARGS, headless: true });
}
