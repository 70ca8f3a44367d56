// The Redis the shared-limits tests use: TEST_REDIS_URL when set (CI sets it and a Redis that does
// not answer then fails those tests), otherwise the one on 127.0.0.1:6379 if it answers, or none
// (the tests that need one are skipped, as PostgreSQL's are without TEST_DATABASE_URL).
import { Redis } from 'ioredis';

async function answers(url: string) {
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 1000 });
  probe.on('error', () => {});
  try {
    await probe.connect();
    await probe.ping();
    return true;
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

export const testRedisUrl: string | null =
  process.env.TEST_REDIS_URL ?? ((await answers('redis://127.0.0.1:6379')) ? 'redis://127.0.0.1:6379' : null);
