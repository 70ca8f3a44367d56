// Requires a valid API key (X-API-Key or Authorization: Bearer) on the routes it guards.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../domain/errors.js';
import type { AuthService } from './auth.usecases.js';

export function presentedKey(req: FastifyRequest): string | null {
  const header = req.headers['x-api-key'];
  if (typeof header === 'string' && header) return header;
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim() || null;
  return null;
}

export function requireApiKey(auth: AuthService) {
  return async (req: FastifyRequest, _reply: FastifyReply) => {
    const key = presentedKey(req);
    const id = key ? await auth.verify(key) : null;
    if (!id) {
      req.log.warn({ reqId: req.id, ip: req.ip, presented: key !== null }, 'authentication failed');
      throw new DomainError('UNAUTHORIZED', key ? 'The API key is not valid' : 'An API key is required (X-API-Key)', 401);
    }
    (req as FastifyRequest & { apiKeyId?: number }).apiKeyId = id;
  };
}
