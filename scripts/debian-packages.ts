// Tools the project takes from Debian rather than downloading builds of its own (the machines reach the
// npm registry and Debian's archive only): Chromium for the browser tests, redis-server, and the real
// clients and attack tools of the interop suite (Python's websockets, aiohttp, httpx, websocket-client;
// slowhttptest). As root on Debian a missing package is installed with apt-get (synchronously, showing
// apt's output); anywhere else the error says exactly what to install. Nothing is skipped silently.
import { spawnSync } from 'node:child_process';

export interface DebianNeed {
  /** The Debian package that provides it. */
  readonly pkg: string;
  /** Whether it is there now (a command on the PATH, a file, a Python module that imports). */
  readonly present: () => boolean;
}

export function commandPath(name: string): string | undefined {
  const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/** Debian's own Python, not one a version manager put first on the PATH: python3-* packages go there. */
export const DEBIAN_PYTHON = '/usr/bin/python3';

/** A Python module that Debian's python3 can import. */
export function pythonModule(pkg: string, module: string): DebianNeed {
  return {
    pkg,
    present: () => spawnSync(DEBIAN_PYTHON, ['-c', `import ${module}`], { stdio: 'ignore' }).status === 0,
  };
}

/** A command on the PATH. */
export function command(pkg: string, name: string): DebianNeed {
  return { pkg, present: () => commandPath(name) !== undefined };
}

function run(tag: string, args: string[]): void {
  console.log(`[${tag}] $ apt-get ${args.join(' ')}`);
  const result = spawnSync('apt-get', args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (result.status !== 0) {
    throw new Error(
      `[${tag}] "apt-get ${args.join(' ')}" failed with ${result.error?.message ?? `exit code ${result.status}`}.`,
    );
  }
}

/**
 * Makes sure every need is met: as root on Debian, installs the missing packages (one apt-get update,
 * one install); elsewhere throws with the command to run. `hint` is added to that message (another
 * way to provide it, such as an environment variable). Recommended packages are left out unless asked
 * for (Chromium wants its fonts).
 */
export function ensureDebianPackages(
  tag: string,
  needs: readonly DebianNeed[],
  hint = '',
  opts: { recommends?: boolean } = {},
): void {
  const missing = [...new Set(needs.filter((n) => !n.present()).map((n) => n.pkg))];
  if (missing.length === 0) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const flags = opts.recommends ? ['-y'] : ['-y', '--no-install-recommends'];
  const install = `apt-get install ${flags.join(' ')} ${missing.join(' ')}`;
  if (isRoot && commandPath('apt-get')) {
    console.log(`[${tag}] missing: ${missing.join(', ')}; installing Debian's package(s).`);
    run(tag, ['update']);
    // Two test processes may get here at once: wait for the other's dpkg lock instead of failing.
    run(tag, ['-o', 'DPkg::Lock::Timeout=300', 'install', ...flags, ...missing]);
    const still = needs.filter((n) => !n.present()).map((n) => n.pkg);
    if (still.length === 0) return;
    throw new Error(`[${tag}] apt-get installed ${missing.join(' ')} but ${still.join(', ')} is still missing.`);
  }
  throw new Error(
    `[${tag}] Missing ${missing.join(', ')}. Install it: on Debian/Ubuntu run "${install}" as root${hint ? `, ${hint}` : ''}.`,
  );
}
