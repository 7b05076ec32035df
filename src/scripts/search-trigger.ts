/**
 * Search's first use: the search button, a "search for …" button (the 404 page) or the "/" key. The
 * dialog opens at once, so what the learner types lands in its box, and search.ts with its words loads
 * then: every page carries these few lines instead of the whole search (about 1 KB gzipped), which
 * keeps the non-lesson pages under their 30 KB budget (tests/e2e/budgets.test.ts).
 */

/** "/" opens search unless the learner is typing somewhere (a quiz has no text fields, a widget might). */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function armSearch(): void {
  const dialog = document.querySelector<HTMLDialogElement>('dialog.search-dialog');
  const openButton = document.querySelector<HTMLButtonElement>('[data-search-open]');
  if (!dialog || !openButton) return;
  const queryButtons = [...document.querySelectorAll<HTMLElement>('[data-search-query]')];
  const disarm = () => {
    openButton.removeEventListener('click', onOpen);
    for (const button of queryButtons) button.removeEventListener('click', onQuery);
    document.removeEventListener('keydown', onKey);
  };
  let loading: Promise<void> | undefined;
  const first = (then: (search: import('./search.ts').MountedSearch) => void): Promise<void> => {
    if (!dialog.open) {
      dialog.showModal();
      dialog.querySelector<HTMLInputElement>('input[type="search"]')?.focus();
    }
    loading ??= import('./search.ts').then(({ mountSearch }) => {
      disarm();
      const search = mountSearch();
      if (search) then(search);
    });
    return loading;
  };
  const onOpen = () => first((search) => search.open());
  const onQuery = (e: Event) => {
    const query = (e.currentTarget as HTMLElement).dataset.searchQuery ?? '';
    first((search) => search.searchFor(query));
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
    e.preventDefault();
    first((search) => search.open());
  };
  openButton.addEventListener('click', onOpen);
  for (const button of queryButtons) button.addEventListener('click', onQuery);
  document.addEventListener('keydown', onKey);
}
