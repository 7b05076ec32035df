// The interop suite's side of clients nobody on this project wrote: Debian's python3 with Debian's
// python3-* packages (installed here when missing, as root on Debian; otherwise the test fails and
// says what to install: a check that did not run must never count as passed), and the scripts in
// tests/interop/python/, each a list of checks printing one line per check and exiting non-zero when
// one failed.
import { execFile, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  command,
  DEBIAN_PYTHON,
  type DebianNeed,
  ensureDebianPackages,
  pythonModule,
} from '../../scripts/debian-packages.ts';

export const PYTHON_DIR = fileURLToPath(new URL('../interop/python/', import.meta.url));

/**
 * The server every interop test runs against: a small retention so that a gap is 25 publishes away,
 * quick SSE retries and heartbeats, publish limits out of the way, no ticker traffic.
 */
export const INTEROP_CONFIG = {
  RETENTION: 20,
  PUBLISH_RATE_PER_SEC: 10_000,
  PUBLISH_BURST: 10_000,
  SSE_RETRY_MS: 500,
  SSE_HEARTBEAT_MS: 300,
  TICK_MS: 3_600_000,
} as const;

/** The Python clients of the suite, each with its Debian package. */
export const PYTHON_CLIENTS = {
  websockets: pythonModule('python3-websockets', 'websockets'),
  aiohttp: pythonModule('python3-aiohttp', 'aiohttp'),
  httpx: pythonModule('python3-httpx', 'httpx'),
  'websocket-client': pythonModule('python3-websocket', 'websocket'),
} satisfies Record<string, DebianNeed>;

export function ensurePython(...clients: (keyof typeof PYTHON_CLIENTS)[]): void {
  ensureDebianPackages('interop', [
    { pkg: 'python3', present: () => command('python3', DEBIAN_PYTHON).present() },
    ...clients.map((c) => PYTHON_CLIENTS[c]),
  ]);
}

export function ensureTools(...names: ('curl' | 'slowhttptest')[]): void {
  ensureDebianPackages(
    'interop',
    names.map((n) => command(n, n)),
  );
}

export interface RunResult {
  readonly code: number | null;
  readonly output: string;
}

/**
 * Runs one of tests/interop/python/ with Debian's python3, asynchronously (the server under test runs
 * in this process), bounded in time; the output is echoed so that each check shows in the test log.
 */
export function runPython(script: string, args: string[], timeoutMs = 120_000): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(DEBIAN_PYTHON, ['-u', script, ...args], {
      cwd: PYTHON_DIR,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
    });
    let output = '';
    const take = (d: Buffer) => {
      output += d;
      process.stdout.write(d);
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    const timer = setTimeout(() => {
      output += `\n[interop] ${script} ran past ${timeoutMs} ms and was killed`;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/** A command's output, asynchronously; rejects with its stderr when it exits non-zero. */
export function execText(file: string, args: string[], timeoutMs = 30_000): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile(file, args, { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (err, out, stderr) =>
      err ? reject(new Error(`${file} ${args.join(' ')} failed: ${stderr || err.message}`)) : resolve(out),
    ),
  );
}
