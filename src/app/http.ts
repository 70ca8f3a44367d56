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

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/** The actor of a request: the API key that authenticated it, else the client it speaks for. */
export function actorOf(req: FastifyRequest, fallback: string): Actor {
  const keyId = req.principal?.keyId;
  return { actor: keyId ? `key:${keyId}` : fallback, sourceIp: req.ip, requestId: String(req.id) };
}
