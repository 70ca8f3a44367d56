// Authentication and authorization of the admin API: a valid API key (X-API-Key or
// Authorization: Bearer), whose role grants the access the route declares (route config
// `access`, src/app/route-guard.ts; roles in src/domain/roles.ts). A route without one is refused
// (the server does not start with one anyway).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { presentedKey } from '../../app/http.js';
import { allows } from '../../domain/roles.js';
import { forbidden, unauthorized } from './auth.errors.js';
import type { AuthService, Principal } from './auth.usecases.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}

export { presentedKey } from '../../app/http.js';

export interface AuthObserver {
  authFailed?: (reason: 'missing' | 'invalid' | 'forbidden') => void;
}

export function requireApiKey(auth: AuthService, observer: AuthObserver = {}) {
  return async (req: FastifyRequest, _reply: FastifyReply) => {
    const key = presentedKey(req);
    const principal = key ? await auth.verify(key) : null;
    if (!principal) {
      observer.authFailed?.(key ? 'invalid' : 'missing');
      // Never the key itself: only whether one was presented, and its first characters.
      req.log.warn({ reqId: req.id, ip: req.ip, presented: key !== null, prefix: key?.slice(0, 8) }, 'authentication failed');
      throw unauthorized(key !== null);
    }
    req.principal = principal;
    const access = req.routeOptions.config?.access;
    if (!access || (access !== 'self' && !allows(principal.role, access))) {
      observer.authFailed?.('forbidden');
      req.log.warn({ reqId: req.id, ip: req.ip, key: principal.keyId, role: principal.role, access }, 'authorization refused');
      throw forbidden(principal.role, access ?? 'a declared');
    }
  };
}
