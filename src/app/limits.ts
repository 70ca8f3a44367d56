// Rate limits (@fastify/rate-limit): the client API per source address,
// the admin API per API key (or per address when none is sent), both counted before the key is
// checked, so requests that fail authentication count too. Over the limit: 429 RATE_LIMITED with
// Retry-After. Sized so that a site of routers behind one NAT address registering at once
// always passes (README, docs/security.md); a flood does not. Failed authentications have a
// stricter budget of their own per address (FailureBudget). With a Redis (--redis-url) every
// count lives there, so replicas share one limit; without, each process counts its own.
import { createHash } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
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
async function limitScope(
  app: App,
  max: number,
  cache: number,
  keyOf: (req: FastifyRequest) => string,
  shared: { redis: Redis | null; nameSpace: string },
  /** x-ratelimit-limit/remaining/reset on answers under the limit (a 429 always has them). */
  headersUnderLimit = true,
) {
  if (max <= 0) return;
  await app.register(rateLimit, {
    global: false,
    max,
    timeWindow: RATE_WINDOW_MS,
    cache,
    keyGenerator: keyOf,
    errorResponseBuilder: tooMany,
    ...(headersUnderLimit
      ? {}
      : { addHeadersOnExceeding: { 'x-ratelimit-limit': false, 'x-ratelimit-remaining': false, 'x-ratelimit-reset': false } }),
    ...(shared.redis ? { redis: shared.redis, nameSpace: shared.nameSpace, skipOnError: true } : {}),
  });
  app.addHook('onRequest', app.rateLimit());
}

/** The client API's limit, per source address; registered inside its scope. Routers never read
 * the x-ratelimit-* headers, so answers under the limit go without them: half the limit's cost
 * on the heartbeat path (about 6 of 12 µs, decision 0013); a 429 still carries them and
 * Retry-After. */
export const clientRateLimit = (app: App, max: number, redis: Redis | null = null) =>
  limitScope(app, max, 100_000, (req) => `addr:${addressOf(req)}`, { redis, nameSpace: 'ionmesh:rl:client:' }, false);

/** The admin API's limit, per presented key (hashed: never kept in clear) or per address. */
export const adminRateLimit = (app: App, max: number, redis: Redis | null = null) =>
  limitScope(
    app,
    max,
    10_000,
    (req) => {
      const key = presentedKey(req);
      return key ? `key:${createHash('sha256').update(key).digest('hex').slice(0, 32)}` : `addr:${addressOf(req)}`;
    },
    { redis, nameSpace: 'ionmesh:rl:admin:' },
  );

/** Refusals that mean "this caller could not prove who it is". */
const AUTH_FAILURES = new Set(['UNAUTHORIZED', 'CLIENT_TOKEN_INVALID', 'CLIENT_CERT_REQUIRED', 'CLIENT_CERT_MISMATCH']);

/** Failed authentications per address: counted in this process, or shared through Redis. */
export interface AuthFailureBudget {
  readonly max: number;
  /** Milliseconds until the address may try again (0: it may now). */
  waitMs(address: string): number | Promise<number>;
  fail(address: string): void | Promise<void>;
}

/**
 * Failed authentications per source address in fixed windows. Past `max` in a window, the
 * address's credentialed requests answer 429 before any key is looked up, until the window ends.
 * Keyless router calls are never held back by it (a NAT shares its address with routers that
 * prove nothing). Bounded: at most `capacity` addresses are remembered.
 */
export class FailureBudget implements AuthFailureBudget {
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

/**
 * The same fixed windows kept in Redis, so every replica sees one budget per address. Redis away:
 * nothing is refused (fail open) and `onError` is told.
 */
export class SharedFailureBudget implements AuthFailureBudget {
  constructor(
    readonly max: number,
    private readonly redis: Redis,
    private readonly windowMs = RATE_WINDOW_MS,
    private readonly onError: (error: unknown) => void = () => {},
  ) {}

  private key = (address: string) => `ionmesh:authfail:${address}`;

  async waitMs(address: string) {
    try {
      const [count, ttl] = await this.redis.multi().get(this.key(address)).pttl(this.key(address)).exec().then(valuesOf);
      return Number(count ?? 0) >= this.max && Number(ttl) > 0 ? Number(ttl) : 0;
    } catch (error) {
      this.onError(error);
      return 0;
    }
  }

  async fail(address: string) {
    try {
      // The window starts with the first failure (SET NX with its expiry), then only counts.
      await this.redis.multi().set(this.key(address), 0, 'PX', this.windowMs, 'NX').incr(this.key(address)).exec().then(valuesOf);
    } catch (error) {
      this.onError(error);
    }
  }
}

/** The replies of a MULTI, or its first error. */
function valuesOf(results: Array<[Error | null, unknown]> | null): unknown[] {
  if (!results) throw new Error('redis transaction aborted');
  return results.map(([err, value]) => {
    if (err) throw err;
    return value;
  });
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
export function authFailureBudget(
  app: App,
  budget: AuthFailureBudget,
  onRefused?: () => void,
  /** Whether a presented API key is an active one (as cheap as a refusal): such a key passes an
   * address over its budget, so a flood of bad keys from a NAT never locks its operators out. */
  knownKey?: (key: string) => Promise<boolean>,
) {
  if (budget.max <= 0) return;
  const gate = async (req: FastifyRequest, reply: FastifyReply) => {
    if (!presentsCredential(req)) return;
    const wait = await budget.waitMs(addressOf(req));
    if (wait === 0) return;
    const key = presentedKey(req);
    if (key && knownKey && (await knownKey(key))) return;
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
    if (error instanceof DomainError && AUTH_FAILURES.has(error.code)) await budget.fail(addressOf(req));
  });
}
