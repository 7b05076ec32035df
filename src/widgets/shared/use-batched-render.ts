import { useEffect, useRef, useState } from 'preact/hooks';

/**
 * A `render()` that redraws at most once per `batchMs`: widgets keep their figures in mutable models
 * that clients update per event, and a replay of a thousand events should be drawn a few times, not a
 * thousand.
 */
export function useBatchedRender(batchMs: number): () => void {
  const [, setRender] = useState(0);
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => clearTimeout(pending.current ?? undefined), []);
  return () => {
    if (pending.current) return;
    pending.current = setTimeout(() => {
      pending.current = null;
      setRender((n) => n + 1);
    }, batchMs);
  };
}
