/**
 * Lines of code in a TypeScript file, without blank lines and comments: the measure the comparison
 * lesson uses for "implementation difficulty", counted from the real files at build time.
 */
export function countCodeLines(source: string): number {
  let inBlock = false;
  let count = 0;
  for (const raw of source.split('\n')) {
    let line = raw.trim();
    if (inBlock) {
      const end = line.indexOf('*/');
      if (end < 0) continue;
      inBlock = false;
      line = line.slice(end + 2).trim();
    }
    // A line that opens a block comment counts only for the code before it.
    const open = line.indexOf('/*');
    if (open >= 0 && line.indexOf('*/', open + 2) < 0) {
      inBlock = true;
      line = line.slice(0, open).trim();
    }
    if (line === '' || line.startsWith('//') || (line.startsWith('/*') && line.endsWith('*/'))) continue;
    count++;
  }
  return count;
}
