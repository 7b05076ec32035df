/**
 * Markdown plugin (Sätteri, hast phase): makes every table of a lesson reachable by keyboard. Lesson
 * tables scroll sideways on a phone (global.css), and a scrolling region that cannot take focus cannot
 * be scrolled without a mouse (WCAG 2.1.1; axe's scrollable-region-focusable).
 */
interface Element {
  type: 'element';
  tagName: string;
  properties?: Record<string, unknown>;
  children: unknown[];
}
interface Context {
  setProperty(node: Element, key: string, value: unknown): void;
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
  });
}
