/**
 * Lesson code blocks, once the page has loaded:
 * - the server address the lessons' commands are written with (the default `npm start` address) is
 *   shown as the origin this page came from, as the API reference does with its `[data-origin]`
 *   spans, so a command pasted from a server on another port or host reaches that server;
 * - each block gets a Copy button (a real button: Tab and Enter work), which announces "Copied".
 * The button lies over the block's corner and the text swap stays inside a scrolling <pre>, so
 * neither moves anything on the page.
 */
import { clientWords } from './words.ts';

/** The address lessons write commands with: `npm start`'s default (api/config.ts PORT and HOST). */
export const LESSON_ORIGIN = 'http://127.0.0.1:4321';

/** Wraps each occurrence of `origin` in the block's text in `<span data-origin>`, set to `actual`. */
export function showOrigin(block: HTMLElement, origin: string, actual: string): number {
  const walker = block.ownerDocument.createTreeWalker(block, NodeFilter.SHOW_TEXT);
  const hits: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if ((node as Text).data.includes(origin)) hits.push(node as Text);
  }
  let count = 0;
  for (const text of hits) {
    const parts = text.data.split(origin);
    const doc = block.ownerDocument;
    const fragment = doc.createDocumentFragment();
    parts.forEach((part, i) => {
      if (i > 0) {
        const span = doc.createElement('span');
        span.dataset.origin = '';
        span.textContent = actual;
        fragment.append(span);
        count++;
      }
      if (part) fragment.append(part);
    });
    text.replaceWith(fragment);
  }
  return count;
}

function liveRegion(doc: Document): HTMLElement {
  let region = doc.querySelector<HTMLElement>('[data-copy-status]');
  if (!region) {
    region = doc.createElement('p');
    region.className = 'visually-hidden';
    region.setAttribute('role', 'status');
    region.dataset.copyStatus = '';
    doc.body.append(region);
  }
  return region;
}

function addCopyButton(pre: HTMLElement): void {
  const doc = pre.ownerDocument;
  const words = clientWords(doc).code;
  const wrap = doc.createElement('div');
  wrap.className = 'code-block';
  pre.replaceWith(wrap);
  wrap.append(pre);
  const button = doc.createElement('button');
  button.type = 'button';
  button.className = 'code-copy';
  button.textContent = words.copy;
  button.setAttribute('aria-label', words.copyLabel);
  let timer: ReturnType<typeof setTimeout> | undefined;
  button.addEventListener('click', async () => {
    const region = liveRegion(doc);
    try {
      await navigator.clipboard.writeText(pre.querySelector('code')?.textContent ?? pre.textContent ?? '');
      button.textContent = words.copied;
      // Emptied first, so saying "Copied" twice in a row is announced twice.
      region.textContent = '';
      region.textContent = words.copied;
    } catch {
      button.textContent = words.failed;
      region.textContent = words.failedLong;
    }
    clearTimeout(timer);
    timer = setTimeout(() => {
      button.textContent = words.copy;
    }, 2000);
  });
  wrap.append(button);
}

export function enhanceCodeBlocks(root: ParentNode, origin = location.origin): void {
  for (const pre of root.querySelectorAll<HTMLElement>('pre.astro-code')) {
    if (pre.closest('.code-block')) continue;
    if (origin !== LESSON_ORIGIN) showOrigin(pre, LESSON_ORIGIN, origin);
    addCopyButton(pre);
  }
}
