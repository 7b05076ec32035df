/**
 * A Shiki transformer that gives each line an id (L1, L2, …) so a source panel can link to the exact
 * line in the whole file, the way code hosts do.
 */
export const lineIds = {
  name: 'realtime-lab-line-ids',
  line(node: { properties: Record<string, unknown> }, line: number) {
    node.properties.id = `L${line}`;
  },
};
