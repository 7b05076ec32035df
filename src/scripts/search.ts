/**
 * Behaviour of Search.astro. Pagefind's browser API is imported from /pagefind/pagefind.js the first
 * time the dialog opens: before that the page has loaded none of it.
 */
import { clientWords } from './words.ts';

interface PagefindResultData {
  url: string;
  excerpt: string;
  meta: { title?: string };
  sub_results?: SubResult[];
}
interface SubResult {
  url: string;
  title: string;
  excerpt: string;
  /** Each match in the section, with Pagefind's score for it (headings and data-pagefind-weight count). */
  weighted_locations?: { weight: number; balanced_score: number }[];
}

/**
 * The section that matches best: Pagefind lists a page's sections in page order, so the first one
 * that mentions a word is often a quiz near the top, not the section that teaches it. A match in a
 * heading scores higher, and quizzes weigh their words down (Quiz.astro), so the teaching section wins.
 */
export function bestSection(subs: readonly SubResult[]): SubResult | undefined {
  const score = (s: SubResult) => (s.weighted_locations ?? []).reduce((n, l) => n + l.balanced_score, 0);
  let best: SubResult | undefined;
  for (const sub of subs) {
    if (!sub.url.includes('#')) continue;
    if (!best || score(sub) > score(best)) best = sub;
  }
  return best;
}
interface Pagefind {
  init(): Promise<void>;
  options(o: Record<string, unknown>): Promise<void>;
  debouncedSearch(
    query: string,
    options?: object,
    ms?: number,
  ): Promise<{ results: { data(): Promise<PagefindResultData> }[] } | null>;
}

const MAX_RESULTS = 8;
// A runtime URL, not a module the bundler can see: the index only exists after `astro build`.
const PAGEFIND_URL = '/pagefind/pagefind.js';

let pagefind: Promise<Pagefind> | undefined;

function loadPagefind(): Promise<Pagefind> {
  pagefind ??= import(/* @vite-ignore */ PAGEFIND_URL).then(async (pf: Pagefind) => {
    await pf.options({ excerptLength: 24 });
    await pf.init();
    return pf;
  });
  return pagefind;
}

import { isTyping } from './search-trigger.ts';

function resultItem(data: PagefindResultData): HTMLLIElement {
  // Link to the best-matching section when Pagefind found one (it uses our heading ids).
  const sub = bestSection(data.sub_results ?? []);
  const li = document.createElement('li');
  const a = document.createElement('a');
  a.href = sub?.url ?? data.url;
  const title = document.createElement('span');
  title.className = 'result-title';
  title.textContent =
    sub && sub.title !== data.meta.title
      ? `${data.meta.title ?? data.url} › ${sub.title}`
      : (data.meta.title ?? data.url);
  const excerpt = document.createElement('span');
  excerpt.className = 'result-excerpt';
  // Pagefind's excerpt is the page's own text, HTML-escaped by Pagefind, with <mark> around matches.
  excerpt.innerHTML = sub?.excerpt ?? data.excerpt;
  a.append(title, excerpt);
  li.append(a);
  return li;
}

/** What search-trigger.ts does once this module has loaded: open the dialog, or search for a query. */
export interface MountedSearch {
  open(): void;
  searchFor(query: string): void;
}

export function mountSearch(): MountedSearch | undefined {
  const dialog = document.querySelector<HTMLDialogElement>('dialog.search-dialog');
  const openButton = document.querySelector<HTMLButtonElement>('[data-search-open]');
  if (!dialog || !openButton) return undefined;
  const input = dialog.querySelector<HTMLInputElement>('input[type="search"]')!;
  const status = dialog.querySelector<HTMLElement>('[data-search-status]')!;
  const list = dialog.querySelector<HTMLOListElement>('[data-search-results]')!;
  const words = clientWords().search;

  // The trigger may have opened the dialog already (it does so at once, before this module loads).
  const open = () => {
    if (!dialog.open) {
      dialog.showModal();
      input.focus();
      input.select();
    }
    loadPagefind().catch(() => {
      status.textContent = words.unavailable;
    });
  };

  const search = async () => {
    const query = input.value.trim();
    if (query === '') {
      list.replaceChildren();
      status.textContent = words.idle;
      return;
    }
    let pf: Pagefind;
    try {
      pf = await loadPagefind();
    } catch {
      return; // open() has said why
    }
    const found = await pf.debouncedSearch(query, {}, 150);
    if (found === null) return; // a newer keystroke superseded this search
    const data = await Promise.all(found.results.slice(0, MAX_RESULTS).map((r) => r.data()));
    if (input.value.trim() !== query) return;
    list.replaceChildren(...data.map(resultItem));
    const n = found.results.length;
    status.textContent = n === 0 ? words.none(query) : words.found(n, query, MAX_RESULTS);
  };

  const searchFor = (query: string) => {
    open();
    input.value = query;
    void search();
  };
  openButton.addEventListener('click', open);
  // Other buttons may open search with a query already typed (the 404 page offers the missing path's words).
  for (const button of document.querySelectorAll<HTMLElement>('[data-search-query]'))
    button.addEventListener('click', () => searchFor(button.dataset.searchQuery ?? ''));
  dialog.querySelector('[data-search-close]')!.addEventListener('click', () => dialog.close());
  dialog.querySelector('form')!.addEventListener('submit', (e) => {
    e.preventDefault();
    list.querySelector('a')?.focus();
  });
  input.addEventListener('input', () => void search());
  // A click on the backdrop (outside the dialog box) closes it, as people expect of a modal.
  dialog.addEventListener('click', (e) => {
    if (e.target !== dialog) return;
    const box = dialog.getBoundingClientRect();
    const inside = e.clientX >= box.left && e.clientX <= box.right && e.clientY >= box.top && e.clientY <= box.bottom;
    if (!inside) dialog.close();
  });
  dialog.addEventListener('close', () => openButton.focus());
  document.addEventListener('keydown', (e) => {
    if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
    e.preventDefault();
    open();
  });
  // What was typed while this module loaded is searched for now.
  if (input.value.trim() !== '') void search();
  return { open, searchFor };
}
