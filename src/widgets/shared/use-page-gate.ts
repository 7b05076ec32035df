/**
 * Whether a widget may hold connections right now: not while the tab is hidden (a hidden tab still
 * holds one of the browser's 6 connections per host, shared with the learner's other tabs of the
 * site), and not while another widget has claimed the page for an experiment.
 */
import { useEffect, useState } from 'preact/hooks';
import { onPageClaimed } from './page-connections.ts';

export type GateReason = 'hidden' | 'claimed' | null;

export function usePageGate(self: string): GateReason {
  const [hidden, setHidden] = useState(false);
  const [claimed, setClaimed] = useState(false);
  useEffect(() => {
    const onVisibility = () => setHidden(document.hidden);
    onVisibility();
    document.addEventListener('visibilitychange', onVisibility);
    const stopListening = onPageClaimed(self, setClaimed);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      stopListening();
    };
  }, [self]);
  return hidden ? 'hidden' : claimed ? 'claimed' : null;
}
