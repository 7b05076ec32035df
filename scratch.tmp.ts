import { launchChromium } from './tests/helpers/browser.ts';
import { startTestServer } from './tests/helpers/server.ts';
const S = await startTestServer();
const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
page.on('console', (m) => console.log('console:', m.type(), m.text()));
page.on('pageerror', (e) => console.log('pageerror:', e.message));
page.on('requestfailed', (r) => console.log('requestfailed:', r.url().slice(0, 80), r.failure()?.errorText));
await page.goto(S.base + '/lab/');
const techs = process.argv.slice(2);
for (const t of techs) {
  const el = page.locator(`[data-demo="${t}"]`);
  await el.scrollIntoViewIfNeeded();
  await page.waitForFunction((t) => Number(document.querySelector(`[data-demo="${t}"]`)?.getAttribute('data-received')) >= 2, t, { timeout: 10000 });
  const before = Number(await el.getAttribute('data-received'));
  await el.getByRole('button', { name: 'Cut the connection' }).click();
  const t0 = Date.now();
  const states = new Set<string>();
  while (Date.now() - t0 < 7000) { states.add(String(await el.getAttribute('data-state'))); await page.waitForTimeout(100); }
  console.log(t, 'states seen', [...states], 'received', before, '->', await el.getAttribute('data-received'), 'last', await el.getAttribute('data-last-seq'), 'lost', await el.getAttribute('data-lost'), 'dup', await el.getAttribute('data-duplicates'));
  console.log('   status:', await el.locator('[role=status]').textContent());
  console.log('   reconnects:', await el.locator('.w-counts div', { hasText: 'Reconnects' }).locator('dd').textContent());
}
await browser.close();
await S.close();
