// `npm start`: build the site if it is missing or stale, then serve site + API on one port.
import { ensureSiteBuilt } from './site-build.ts';

try {
  ensureSiteBuilt();
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}
await import('../api/server.ts').then((m) => m.main());
