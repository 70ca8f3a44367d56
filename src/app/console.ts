// Serves the web console (web/, built by Vite into dist/web) at /: hashed assets cached for a
// year, the page and the service worker never cached, and every other path that is not the API
// answered with the page (client-side routes such as /clients/r-17 load on a reload).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from './http.js';

/** dist/web of the package, from src/app (tests) and from dist/app (npm start) alike. */
export const CONSOLE_DIR = fileURLToPath(new URL('../../dist/web', import.meta.url));

const NOT_CONSOLE = /^\/(api|docs|metrics|healthz|readyz)(\/|$|\?)/;

/** Security headers of the console's documents (the API answers JSON and sets its own). */
export const CONSOLE_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
    "worker-src 'self'; manifest-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
};

export function wantsConsole(req: FastifyRequest) {
  return (
    (req.method === 'GET' || req.method === 'HEAD') &&
    !NOT_CONSOLE.test(req.url) &&
    (req.headers.accept ?? '').includes('text/html')
  );
}

export async function registerConsole(app: App, dir = CONSOLE_DIR) {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) {
    app.get('/', { schema: { hide: true } }, async (_req, reply) =>
      reply
        .code(503)
        .type('text/html; charset=utf-8')
        .send(
          '<!doctype html><title>IonMesh</title><p>The console is not built: run <code>npm run build</code>. The API is at <a href="/docs">/docs</a>.</p>',
        ),
    );
    return { page: null };
  }
  const page = readFileSync(index);
  await app.register(fastifyStatic, {
    root: dir,
    prefix: '/',
    wildcard: false,
    index: false,
    cacheControl: false,
    setHeaders: (res, path) => {
      if (path.includes(`${join(dir, 'assets')}`)) res.setHeader('cache-control', 'public, max-age=31536000, immutable');
      else res.setHeader('cache-control', 'no-cache');
      for (const [k, v] of Object.entries(CONSOLE_HEADERS)) res.setHeader(k, v);
    },
  });
  const sendPage = (reply: FastifyReply) =>
    reply
      .code(200)
      .headers({ ...CONSOLE_HEADERS, 'cache-control': 'no-cache' })
      .type('text/html; charset=utf-8')
      .send(page);
  app.get('/', { schema: { hide: true } }, async (_req, reply) => sendPage(reply));
  return { page: sendPage };
}
