// The Redis that replicas share their budgets through (rate limits, failed authentications), when
// --redis-url is set. Reached at start or the start fails (a misspelt URL must not silently give
// every replica a limit of its own); once running, an outage lets requests through (fail open)
// rather than turning them away, and is logged.
import type { FastifyBaseLogger } from 'fastify';
import { Redis } from 'ioredis';
import { ConfigError } from './config.js';

/** The URL without its password, for messages and logs. */
export const redactedRedisUrl = (url: string) => {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'the redis URL';
  }
};

export async function connectRedis(url: string, log?: FastifyBaseLogger): Promise<Redis> {
  if (!/^rediss?:\/\//.test(url)) throw new ConfigError('redis-url must start with redis:// or rediss://', 'redis-url');
  const redis = new Redis(url, {
    lazyConnect: true,
    // A command fails at once while Redis is away, instead of queueing behind a reconnect.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 3000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 5000),
  });
  let lastLogged = 0;
  redis.on('error', (err) => {
    // One line per 30 s while it lasts, not one per reconnect attempt.
    if (Date.now() - lastLogged < 30_000) return;
    lastLogged = Date.now();
    log?.warn({ err: err.message, redis: redactedRedisUrl(url) }, 'redis unreachable: shared limits let requests through');
  });
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    redis.disconnect();
    throw new ConfigError(
      `redis-url: cannot reach ${redactedRedisUrl(url)} (${error instanceof Error ? error.message : String(error)})`,
      'redis-url',
    );
  }
  return redis;
}
