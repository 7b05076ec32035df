import { useEffect, useState } from 'preact/hooks';

/**
 * A value only the browser can make (a random id, something read from the URL). The static HTML and
 * the first render in the browser both use `initial`, then the value is made once mounted: hydration
 * keeps the server's attributes as they are, so an id made during the first render would never reach
 * the DOM.
 */
export function useBrowserValue<T>(make: () => T, initial: T): T {
  const [value, setValue] = useState(initial);
  useEffect(() => setValue(make()), []);
  return value;
}
