import { useEffect, useRef, useState } from 'preact/hooks';

/**
 * A re-render that is asked for often (every event of a fast stream) but happens at most once per
 * `ms`: a replay of a thousand events is drawn a few times, not a thousand.
 */
export function useBatchedRender(ms: number): () => void {
  const [, setRender] = useState(0);
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => clearTimeout(pending.current ?? undefined), []);
  return () => {
    if (pending.current) return;
    pending.current = setTimeout(() => {
      pending.current = null;
      setRender((n) => n + 1);
    }, ms);
  };
}
