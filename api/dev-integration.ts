// `npm run dev`: the same API and WebSocket endpoints inside Astro's dev server, so lessons hot-reload
// while their widgets talk to a real backend on the same origin.
import type { AstroIntegration } from 'astro';
import { getRequestListener } from '@hono/node-server';
import { loadConfig } from './config.ts';
import { createBackend } from './server.ts';

export function realtimeLabApi(): AstroIntegration {
  return {
    name: 'realtime-lab-api',
    hooks: {
      'astro:server:setup': ({ server }) => {
        const backend = createBackend(loadConfig());
        // Hono's listener swaps the global Request/Response for faster ones by default; Astro's MDX
        // pipeline in the same process then fails with "Cannot read private member #state".
        const listener = getRequestListener(backend.api.app.fetch, { overrideGlobalObjects: false });
        server.middlewares.use((req, res, next) => {
          const path = req.url ?? '';
          if (path.startsWith('/api/') || path === '/api' || path.startsWith('/metrics')) void listener(req, res);
          else next();
        });
        // Vite's own HMR socket shares this server: only channel WebSocket paths are taken.
        server.httpServer?.on('upgrade', (req, socket, head) => {
          backend.upgrade(req, socket, head);
        });
        server.httpServer?.once('close', () => void backend.close());
      },
    },
  };
}
