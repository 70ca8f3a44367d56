// Rate limits (@fastify/rate-limit, in memory, per process): the client API per source address,
// the admin API per API key (or per address when none is sent). Over the limit: 429 RATE_LIMITED
// with Retry-After. Sized so that a site of routers behind one NAT address registering at once
// always passes (README, docs/security.md); a flood does not.
import { createHash } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import { DomainError } from '../domain/errors.js';
import { presentedKey } from '../modules/auth/auth.hook.js';
import type { App } from './http.js';

export const RATE_WINDOW_MS = 10_000;

const tooMany = (_req: FastifyRequest, ctx: { after: string; ttl: number }) =>
  new DomainError('RATE_LIMITED', `Too many requests: retry in ${ctx.after}`, 429, {
    retry_after_sec: Math.ceil(ctx.ttl / 1000),
  });

/** One limit for every route of the scope it is registered in, counted per `keyOf(req)`. */
async function limitScope(app: App, max: number, cache: number, keyOf: (req: FastifyRequest) => string) {
  if (max <= 0) return;
  await app.register(rateLimit, {
    global: true,
    max,
    timeWindow: RATE_WINDOW_MS,
    cache,
    keyGenerator: keyOf,
    errorResponseBuilder: tooMany,
  });
}

/** The client API's limit, per source address; registered inside its scope. */
export const clientRateLimit = (app: App, max: number) => limitScope(app, max, 100_000, (req) => `addr:${req.ip}`);

/** The admin API's limit, per presented key (hashed: never kept in clear) or per address. */
export const adminRateLimit = (app: App, max: number) =>
  limitScope(app, max, 10_000, (req) => {
    const key = presentedKey(req);
    return key ? `key:${createHash('sha256').update(key).digest('hex').slice(0, 32)}` : `addr:${req.ip}`;
  });
