// Rate limits (@fastify/rate-limit, in memory, per process): the client API per source address,
// the admin API per API key (or per address when none is sent), both counted before the key is
// checked, so requests that fail authentication count too. Over the limit: 429 RATE_LIMITED with
// Retry-After. Sized so that a site of routers behind one NAT address registering at once
// always passes (README, docs/security.md); a flood does not. Failed authentications have a
// stricter budget of their own per address (FailureBudget).
import { createHash } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../domain/errors.js';
import { type App, addressOf, presentedKey } from './http.js';

export const RATE_WINDOW_MS = 10_000;

const tooMany = (_req: FastifyRequest, ctx: { after: string; ttl: number }) =>
  new DomainError('RATE_LIMITED', `Too many requests: retry in ${ctx.after}`, 429, {
    retry_after_sec: Math.ceil(ctx.ttl / 1000),
  });

/**
 * One limit for every route of the scope it is registered in, counted per `keyOf(req)`, in an
 * onRequest hook of the scope itself: it runs before the scope's authentication hook (route-level
 * hooks, the plugin's default, would run after it and never see a refused key).
 */
async function limitScope(app: App, max: number, cache: number, keyOf: (req: FastifyRequest) => string) {
  if (max <= 0) return;
  await app.register(rateLimit, {
    global: false,
    max,
    timeWindow: RATE_WINDOW_MS,
    cache,
    keyGenerator: keyOf,
    errorResponseBuilder: tooMany,
  });
  app.addHook('onRequest', app.rateLimit());
}

/** The client API's limit, per source address; registered inside its scope. */
export const clientRateLimit = (app: App, max: number) => limitScope(app, max, 100_000, (req) => `addr:${addressOf(req)}`);

/** The admin API's limit, per presented key (hashed: never kept in clear) or per address. */
export const adminRateLimit = (app: App, max: number) =>
  limitScope(app, max, 10_000, (req) => {
    const key = presentedKey(req);
    return key ? `key:${createHash('sha256').update(key).digest('hex').slice(0, 32)}` : `addr:${addressOf(req)}`;
  });

/** Refusals that mean "this caller could not prove who it is". */
const AUTH_FAILURES = new Set(['UNAUTHORIZED', 'CLIENT_TOKEN_INVALID', 'CLIENT_CERT_REQUIRED', 'CLIENT_CERT_MISMATCH']);

/**
 * Failed authentications per source address in fixed windows. Past `max` in a window, the
 * address's credentialed requests answer 429 before any key is looked up, until the window ends.
 * Keyless router calls are never held back by it (a NAT shares its address with routers that
 * prove nothing). Bounded: at most `capacity` addresses are remembered.
 */
export class FailureBudget {
  private readonly windows = new Map<string, { count: number; endsAt: number }>();

  constructor(
    readonly max: number,
    private readonly windowMs = RATE_WINDOW_MS,
    private readonly capacity = 100_000,
  ) {}

  /** Milliseconds until the address may try again (0: it may now). */
  waitMs(address: string, now = Date.now()) {
    const w = this.windows.get(address);
    if (!w || w.endsAt <= now || w.count < this.max) return 0;
    return w.endsAt - now;
  }

  fail(address: string, now = Date.now()) {
    let w = this.windows.get(address);
    if (!w || w.endsAt <= now) {
      this.windows.delete(address);
      if (this.windows.size >= this.capacity) this.evict(now);
      w = { count: 0, endsAt: now + this.windowMs };
      this.windows.set(address, w);
    }
    w.count++;
  }

  private evict(now: number) {
    for (const [a, w] of this.windows) if (w.endsAt <= now) this.windows.delete(a);
    // Still full: the oldest windows go first (a Map keeps insertion order).
    for (const a of this.windows.keys()) {
      if (this.windows.size < this.capacity) break;
      this.windows.delete(a);
    }
  }
}

const presentsCredential = (req: FastifyRequest) => {
  if (presentedKey(req) !== null || typeof req.headers['x-client-token'] === 'string') return true;
  const body = req.body as { client_token?: unknown } | undefined;
  if (body && typeof body === 'object' && body.client_token !== undefined) return true;
  // A TLS client certificate is a credential too.
  const socket = req.raw.socket as { getPeerCertificate?: () => object | null };
  return Object.keys(socket.getPeerCertificate?.() ?? {}).length > 0;
};

/**
 * Counts failed authentications of every route (an onError hook) and refuses credentialed
 * requests of an address over its budget before anything else runs (an onRequest hook).
 */
export function authFailureBudget(app: App, budget: FailureBudget, onRefused?: () => void) {
  if (budget.max <= 0) return;
  const gate = async (req: FastifyRequest, reply: FastifyReply) => {
    const wait = budget.waitMs(addressOf(req));
    if (wait === 0 || !presentsCredential(req)) return;
    onRefused?.();
    const sec = Math.ceil(wait / 1000);
    reply.header('retry-after', String(sec));
    throw new DomainError('RATE_LIMITED', `Too many failed authentications from this address: retry in ${sec} s`, 429, {
      retry_after_sec: sec,
    });
  };
  app.addHook('onRequest', gate);
  // A token may also come in the body (a heartbeat's client_token), read once it is parsed.
  app.addHook('preValidation', gate);
  app.addHook('onError', async (req, _reply, error) => {
    if (error instanceof DomainError && AUTH_FAILURES.has(error.code)) budget.fail(addressOf(req));
  });
}
