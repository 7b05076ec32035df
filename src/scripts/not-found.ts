/** The 404 page: names the path that was asked for and offers its words to search. */
import { clientWords } from './words.ts';

/** "/lessons/web-sockets/" → "web sockets": the words a learner most likely meant. */
export function wordsOfPath(path: string): string {
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    // A malformed escape: search the raw text.
  }
  return decoded
    .split('/')
    .filter((s, i) => s !== '' && s !== 'lessons' && !(i === 1 && s === 'ko'))
    .join(' ')
    .replace(/\.html?$/, '')
    .replace(/[-_+.]+/g, ' ')
    .trim();
}

export function missingPathQuery(doc: Document): void {
  const shown = doc.querySelector<HTMLElement>('[data-missing-path]');
  if (shown) shown.textContent = location.pathname;
  const button = doc.querySelector<HTMLElement>('[data-not-found-search]');
  const words = wordsOfPath(location.pathname);
  if (button && words) {
    button.dataset.searchQuery = words;
    button.textContent = clientWords(doc).search.forWords(words);
  }
}
