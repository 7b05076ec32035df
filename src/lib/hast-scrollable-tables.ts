/**
 * Markdown plugin (Sätteri, hast phase): makes every table of a lesson reachable by keyboard. Lesson
 * tables scroll sideways on a phone (global.css), and a scrolling region that cannot take focus cannot
 * be scrolled without a mouse (WCAG 2.1.1; axe's scrollable-region-focusable).
 *
 * Both kinds of table a lesson can hold: a Markdown table (a hast `element`) and a `<table>` written
 * as JSX in the MDX (an `mdxJsxFlowElement`, e.g. one filled from benchmark results with `.map`).
 */
interface Element {
  type: 'element';
  tagName: string;
  properties?: Record<string, unknown>;
  children: unknown[];
}
interface JsxElement {
  type: 'mdxJsxFlowElement';
  name: string | null;
  attributes: { type: string; name?: string }[];
  children: unknown[];
}
interface Context {
  setProperty(node: Element | JsxElement, key: string, value: unknown): void;
}

export function scrollableTablesPlugin() {
  return () => ({
    name: 'realtime-lab-scrollable-tables',
    element: {
      filter: ['table'],
      visit(node: Element, ctx: Context) {
        if (node.properties?.tabIndex === undefined) ctx.setProperty(node, 'tabIndex', 0);
      },
    },
    mdxJsxFlowElement: {
      filter: ['table'],
      visit(node: JsxElement, ctx: Context) {
        // An author's own tabIndex (or a spread of props that may carry one) is left as it is.
        const given = node.attributes.some((a) => a.type !== 'mdxJsxAttribute' || a.name?.toLowerCase() === 'tabindex');
        if (!given) ctx.setProperty(node, 'tabindex', '0');
      },
    },
  });
}
