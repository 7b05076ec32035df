// Launches the system's Debian Chromium through playwright-core: the project never downloads a
// browser build of its own (the machines reach package registries only), so the browser comes
// from apt. Run with Node >= 24 (type stripping): erasable TypeScript only.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { chromium, type Browser } from 'playwright-core';

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

function hasCommand(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

function run(command: string, args: string[]): void {
  console.log(`[browser] $ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (result.status !== 0) {
    throw new Error(
      `[browser] "${command} ${args.join(' ')}" failed with ${result.error?.message ?? `exit code ${result.status}`}.`,
    );
  }
}

/**
 * Make sure a Chromium binary exists at `path`. On Debian as root, installs the `chromium` package
 * (synchronously, showing apt's output); anywhere else, says exactly what to install.
 */
export function ensureChromium(path: string): void {
  if (existsSync(path)) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (path === DEFAULT_PATH && isRoot && hasCommand('apt-get')) {
    console.log(`[browser] ${path} is missing; installing Debian's chromium package.`);
    run('apt-get', ['update']);
    run('apt-get', ['install', '-y', 'chromium']);
    if (existsSync(path)) return;
    throw new Error(`[browser] apt-get installed chromium but ${path} still does not exist.`);
  }
  throw new Error(
    `[browser] No Chromium at ${path}. Install it: on Debian/Ubuntu run "apt-get install -y chromium" as root ` +
      `(it provides /usr/bin/chromium), or set CHROMIUM_PATH to the path of a Chromium or Chrome executable.`,
  );
}

/** A headless Chromium for e2e tests. Close it in the test's after() hook. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH || DEFAULT_PATH;
  ensureChromium(executablePath);
  return chromium.launch({ executablePath, args: ARGS, headless: true });
}
