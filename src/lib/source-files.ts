/**
 * The source files a lesson may show, published whole at /source/<path>/ so every source panel can
 * link to the complete file. Only the code lessons teach from: transports, the log, the browser
 * clients; never tests, config or anything with secrets. Vite reads them at build time (`?raw`).
 */
const FILES = import.meta.glob<string>(['/api/transports/*.ts', '/api/log/*.ts', '/src/client/*.ts', '!**/*.test.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

/** Repository-relative path (api/transports/sse.ts) → file text. */
export const SOURCE_FILES: ReadonlyMap<string, string> = new Map(
  Object.entries(FILES).map(([key, text]) => [key.replace(/^\//, ''), text]),
);

export function sourceHref(file: string, line?: number): string {
  if (!SOURCE_FILES.has(file)) {
    throw new Error(
      `No published source file "${file}". Source panels can show: ${[...SOURCE_FILES.keys()].join(', ')} ` +
        '(src/lib/source-files.ts decides which folders are published).',
    );
  }
  return `/source/${file}/${line ? `#L${line}` : ''}`;
}

/** The /source/<file>/ pages (and /ko/source/<file>/): one per published file, for getStaticPaths. */
export const sourceFilePaths = () =>
  [...SOURCE_FILES.keys()].map((file) => ({ params: { file }, props: { file, code: SOURCE_FILES.get(file)! } }));
