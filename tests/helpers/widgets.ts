// Browser-test helpers for the live widgets (src/widgets/): every widget's root carries data-demo,
// data-state and data-received (docs/api-contract.md, "For tests of the site"), plus its own data-*.
import type { Browser, Locator, Page } from 'playwright-core';

/** Generous: the machine running the suite may be shared, and hydration waits for the island to be seen. */
export const WIDGET_TIMEOUT_MS = 20_000;

export type DemoAttrs = Record<string, string>;

/** Every data-* attribute of a widget's root, without the "data-" prefix. */
export async function attrs(widget: Locator): Promise<DemoAttrs> {
  return widget.evaluate((el) =>
    Object.fromEntries(
      [...el.attributes].filter((a) => a.name.startsWith('data-')).map((a) => [a.name.slice(5), a.value]),
    ),
  );
}

/**
 * Waits until `check` holds for the widget's attributes; on time-out says what they were, so a failure
 * reads as "state=connecting received=0", not as a bare time-out.
 */
export async function waitForWidget(
  widget: Locator,
  check: (a: DemoAttrs) => boolean,
  what: string,
  timeoutMs = WIDGET_TIMEOUT_MS,
): Promise<DemoAttrs> {
  const started = Date.now();
  let last: DemoAttrs = {};
  while (Date.now() - started < timeoutMs) {
    last = await attrs(widget);
    if (check(last)) return last;
    await widget.page().waitForTimeout(100);
  }
  const status = await widget
    .locator('[role="status"]')
    .first()
    .textContent()
    .catch(() => '');
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}: ${JSON.stringify(last)} status="${status}"`);
}

export interface WidgetPage {
  page: Page;
  /** Uncaught exceptions in the page: a widget must never throw. */
  errors: string[];
}

/** A page in a context of its own: its own connection pool, as a separate browser profile would have. */
export async function openWidgetPage(browser: Browser, url: string): Promise<WidgetPage> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  const response = await page.goto(url, { waitUntil: 'load' });
  if (response?.status() !== 200) throw new Error(`GET ${url} answered ${response?.status()}`);
  return { page, errors };
}

/** The widget's root, scrolled into view so that client:visible hydrates it. */
export async function showWidget(page: Page, selector: string): Promise<Locator> {
  const widget = page.locator(selector);
  await widget.scrollIntoViewIfNeeded();
  return widget;
}

export const live = (min: number) => (a: DemoAttrs) => a.state === 'live' && Number(a.received) >= min;
