// The JDK's HttpClient and WebSocket client (java.net.http), where a JDK is on the machine: a bonus
// client, not a requirement of the suite. Without `java`, the test is reported as skipped (not passed).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { after, before, it } from 'node:test';
import { commandPath } from '../../scripts/debian-packages.ts';
import { INTEROP_CONFIG } from '../helpers/interop.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const java = commandPath('java');
let S: TestServer;
before(async () => {
  if (java) S = await startTestServer(INTEROP_CONFIG);
});
after(() => S?.close());

it('HttpClient with its defaults (Upgrade: h2c) and the WebSocket client', {
  skip: java ? false : 'no JDK (java) on this machine: a bonus client',
}, async () => {
  const source = fileURLToPath(new URL('./java/Interop.java', import.meta.url));
  const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn(java!, [source, S.base, 'interop-jdk'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const take = (d: Buffer) => {
      out += d;
      process.stdout.write(d);
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('close', (c) => {
      clearTimeout(timer);
      resolve({ code: c, output: out });
    });
  });
  assert.equal(code, 0, output);
});
