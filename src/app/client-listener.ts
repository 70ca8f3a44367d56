// --client-http-port: a plain-HTTP listener that serves the client API only. The deployed OpenWRT
// client hard-codes http:// (CLIENT-CONTRACT.md), so with --tls-cert it could not register at all;
// this lets an operator keep the admin API and the console behind TLS and deployed routers
// working. Requests go through the same Fastify instance (same routes, limits, enrollment and
// token checks); anything outside /api/backend/v1/remsim/ is a 404 here. See docs/security.md.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';

export const CLIENT_API_PREFIX = '/api/backend/v1/remsim/';

const notHere = JSON.stringify({
  status: 'error',
  code: 'NOT_FOUND',
  message: `This plain-HTTP listener serves the client API (${CLIENT_API_PREFIX}) only; use the HTTPS address for the rest`,
});

export async function listenClientHttp(
  app: FastifyInstance,
  options: { port: number; host: string; requestTimeoutMs: number },
): Promise<{ server: Server; port: number }> {
  const server = createServer(
    { requestTimeout: options.requestTimeoutMs, headersTimeout: Math.min(options.requestTimeoutMs, 60_000) },
    (req, res) => {
      if (!(req.url ?? '/').startsWith(CLIENT_API_PREFIX)) {
        res.writeHead(404, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(notHere) });
        res.end(notHere);
        return;
      }
      app.routing(req, res);
    },
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return { server, port: (server.address() as AddressInfo).port };
}

/** Stops taking requests and ends idle connections (in-flight ones finish). */
export function closeClientHttp(server: Server) {
  return new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}
