/**
 * Widgets on one page share the browser's 6 HTTP/1.1 connections per host (with every other tab of
 * the site). An experiment that needs them all (the connection-limit lab) claims the page: the other
 * widgets close their connections until it releases it, then resume from their cursors.
 */
const EVENT = 'realtime-lab:connections';

interface ClaimDetail {
  owner: string;
  claimed: boolean;
}

export function claimPage(owner: string, claimed: boolean): void {
  window.dispatchEvent(new CustomEvent<ClaimDetail>(EVENT, { detail: { owner, claimed } }));
}

/** Calls `onChange(true)` while another widget holds the page, `onChange(false)` once it lets go. */
export function onPageClaimed(self: string, onChange: (claimedByOther: boolean) => void): () => void {
  const holders = new Set<string>();
  const listener = (e: Event) => {
    const { owner, claimed } = (e as CustomEvent<ClaimDetail>).detail;
    if (owner === self) return;
    const before = holders.size > 0;
    if (claimed) holders.add(owner);
    else holders.delete(owner);
    if (before !== holders.size > 0) onChange(holders.size > 0);
  };
  window.addEventListener(EVENT, listener);
  return () => window.removeEventListener(EVENT, listener);
}
