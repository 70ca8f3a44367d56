// The budgets replicas share through Redis: one count for every process, a misspelt or
// unreachable Redis refused at start, and an outage while running lets requests through.
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { buildConfig, ConfigError } from '../src/app/config.js';
import { SharedFailureBudget } from '../src/app/limits.js';
import { connectRedis } from '../src/app/redis.js';
import { buildApp } from '../src/server/server.js';
import { freshDatabase, onPostgres } from './support/harness.js';
import { testRedisUrl } from './support/redis.js';

const REDIS_URL = testRedisUrl ?? 'redis://127.0.0.1:6379';
const opened: Redis[] = [];
afterAll(async () => {
  for (const r of opened) r.disconnect();
});

describe.runIf(testRedisUrl)('failed authentications counted in Redis', () => {
  it('are one budget for two processes', async () => {
    const a = await connectRedis(REDIS_URL);
    const b = await connectRedis(REDIS_URL);
    opened.push(a, b);
    const address = `198.51.100.${randomBytes(1)[0]}-${randomBytes(4).toString('hex')}`;
    const here = new SharedFailureBudget(4, a, 10_000);
    const there = new SharedFailureBudget(4, b, 10_000);
    await here.fail(address);
    await there.fail(address);
    await here.fail(address);
    expect(await there.waitMs(address)).toBe(0);
    await there.fail(address);
    const wait = await here.waitMs(address);
    expect(wait).toBeGreaterThan(9000);
    expect(wait).toBeLessThanOrEqual(10_000);
    // Another address has its own budget.
    expect(await there.waitMs(`${address}-other`)).toBe(0);
    await a.del(`ionmesh:authfail:${address}`);
  });

  it('let requests through while Redis is away, and say so', async () => {
    const redis = await connectRedis(REDIS_URL);
    opened.push(redis);
    const errors: unknown[] = [];
    const budget = new SharedFailureBudget(1, redis, 10_000, (e) => errors.push(e));
    redis.disconnect();
    await budget.fail('203.0.113.9');
    expect(await budget.waitMs('203.0.113.9')).toBe(0);
    expect(errors.length).toBe(2);
  });
});

describe('--redis-url', () => {
  it.runIf(onPostgres && testRedisUrl)(
    'is missed out loud on PostgreSQL, where replicas would each count their own limits',
    async () => {
      const lines: string[] = [];
      const logger = { level: 'warn', stream: { write: (line: string) => void lines.push(line) } };
      const start = async (redisUrl: string | null) => {
        const { db, drop } = await freshDatabase();
        await db.migrate();
        const { app } = await buildApp({ config: buildConfig({ logLevel: 'warn', redisUrl }), db, logger, jobs: false });
        await app.close();
        await drop();
      };
      await start(REDIS_URL);
      expect(lines.join('')).not.toContain('rate limits are counted per process');
      await start(null);
      expect(lines.join('')).toContain('rate limits are counted per process: N replicas allow N times each limit');
    },
  );

  it('refuses a Redis it cannot reach at start, without printing its password', async () => {
    const refused = connectRedis('redis://:s3cret-pass@127.0.0.1:1/0');
    await expect(refused).rejects.toThrow(ConfigError);
    await expect(refused).rejects.toThrow(/cannot reach redis:\/\/:\*\*\*@127\.0\.0\.1:1\/0/);
    await expect(connectRedis('http://127.0.0.1:6379')).rejects.toThrow(/must start with redis:\/\/ or rediss:\/\//);
  });
});
