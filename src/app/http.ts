// Types and helpers shared by route modules.

import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyRequest,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { Actor } from '../domain/actor.js';
import { canonicalIp } from '../domain/enrollment.js';

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/** The caller's address in its one form (an IPv4-mapped IPv6 address is its IPv4 address):
 * what enrollment, source binding, limits and the audit all see. */
export const addressOf = (req: FastifyRequest) => canonicalIp(req.ip);

/** The actor of a request: the API key that authenticated it, else the client it speaks for. */
export function actorOf(req: FastifyRequest, fallback: string): Actor {
  const keyId = req.principal?.keyId;
  return { actor: keyId ? `key:${keyId}` : fallback, sourceIp: addressOf(req), requestId: String(req.id) };
}

/** The API key a request presents: X-API-Key, or Authorization: Bearer. Null: none. */
export function presentedKey(req: FastifyRequest): string | null {
  const header = req.headers['x-api-key'];
  if (typeof header === 'string' && header) return header;
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim() || null;
  return null;
}
