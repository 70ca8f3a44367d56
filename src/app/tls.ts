// HTTPS (--tls-cert/--tls-key) and mutual TLS for routers (--tls-client-ca). Client certificates
// are asked for but not required at the handshake, so browsers reach the console and the admin
// API with keys; the client API then requires a certificate of that CA whose CN is the client_id
// of the request (src/modules/clients/clients.routes.ts).
import { readFileSync } from 'node:fs';
import type { TLSSocket } from 'node:tls';
import type { FastifyRequest } from 'fastify';
import type { Config } from './config.js';

export function httpsOptions(config: Config, serverOptions: object = {}): { https?: object } {
  if (!config.tlsCert || !config.tlsKey) return {};
  return {
    https: {
      ...serverOptions,
      cert: readFileSync(config.tlsCert),
      key: readFileSync(config.tlsKey),
      ...(config.tlsClientCa ? { ca: readFileSync(config.tlsClientCa), requestCert: true, rejectUnauthorized: false } : {}),
      minVersion: 'TLSv1.2',
    },
  };
}

/** The CN of the client certificate the request came with, when the CA vouches for it. */
export function verifiedClientCn(req: FastifyRequest): string | null {
  const socket = req.raw.socket as TLSSocket;
  if (typeof socket.getPeerCertificate !== 'function' || !socket.authorized) return null;
  const cn = socket.getPeerCertificate()?.subject?.CN;
  return typeof cn === 'string' && cn ? cn : null;
}
