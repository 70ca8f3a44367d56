// Three IonMesh processes on one PostgreSQL and one Redis, as a site scaled out behind a load
// balancer runs them: started at once, they migrate once; a limit is one limit for all three, not
// three times it; and a registration storm spread over them keeps every invariant.
import type { ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onPostgres } from './support/harness.js';
import { freePort, spawnIonMesh } from './support/processes.js';
import { testRedisUrl } from './support/redis.js';
import { scratchPostgres } from './support/scratch-database.js';

const REDIS_URL = testRedisUrl ?? 'redis://127.0.0.1:6379';
const ADMIN_KEY = 'scale-out-admin-key-0123456789';
// A Redis database of its own for this run (the limits' keys are IonMesh's, with a 10 s life).
const redisDb = 1 + Math.floor(Math.random() * 15);

interface Replica {
  url: string;
  proc: ChildProcess;
  output: () => string;
}

const procs: ChildProcess[] = [];

async function replica(databaseUrl: string, limits: string[]): Promise<Replica> {
  const port = await freePort();
  const proc = spawnIonMesh(
    [
      'serve',
      '--demo',
      '--port',
      String(port),
      '--host',
      '127.0.0.1',
      '--database-url',
      databaseUrl,
      '--redis-url',
      `${REDIS_URL}/${redisDb}`,
      '--log-level',
      'warn',
      ...limits,
    ],
    { env: { ...process.env, DATABASE_URL: '', IONMESH_ADMIN_KEY: ADMIN_KEY }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  procs.push(proc);
  let output = '';
  proc.stdout?.on('data', (d) => (output += d));
  proc.stderr?.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    if (proc.exitCode !== null) throw new Error(`a replica exited ${proc.exitCode}:\n${output}`);
    const ready = await fetch(`${url}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return { url, proc, output: () => output };
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`a replica did not become ready:\n${output}`);
}

describe.runIf(onPostgres && testRedisUrl)('three replicas on one PostgreSQL and one Redis', () => {
  let replicas: Replica[] = [];
  let drop: () => Promise<void> = async () => {};
  let databaseUrl = '';
  let redis: Redis;

  beforeAll(async () => {
    redis = new Redis(`${REDIS_URL}/${redisDb}`, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await redis.connect();
    const stale = await redis.keys('ionmesh:*');
    if (stale.length) await redis.del(...stale);
    const scratch = await scratchPostgres(process.env.TEST_DATABASE_URL as string, 'ionmesh_scale');
    drop = scratch.drop;
    databaseUrl = scratch.url;
    // All three at once, as an orchestrator starts them: one migrates and seeds, the others wait.
    replicas = await Promise.all(
      [0, 1, 2].map(() =>
        replica(scratch.url, [
          '--no-simulation',
          '--admin-rate-limit',
          '30',
          '--auth-failure-limit',
          '6',
          '--client-rate-limit',
          '0',
        ]),
      ),
    );
  }, 120_000);

  afterAll(async () => {
    for (const p of procs) p.kill('SIGKILL');
    await redis?.quit();
    await drop();
  });

  it('started together, they seeded the demo once', async () => {
    const banks = await (await fetch(`${replicas[0]?.url}/api/backend/v1/banks`, { headers: { 'x-api-key': ADMIN_KEY } })).json();
    expect(banks.items.map((b: { bank_id: number }) => b.bank_id)).toEqual([1, 2]);
  });

  it('allows one admin limit for a key across all three, not three times it', async () => {
    const created = await fetch(`${replicas[0]?.url}/api/backend/v1/api-keys`, {
      method: 'POST',
      headers: { 'x-api-key': ADMIN_KEY, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'noc dashboard', role: 'readonly' }),
    });
    expect(created.status).toBe(201);
    const { key } = (await created.json()) as { key: string };
    const statuses: number[] = [];
    // 60 requests, round robin: a per-process limit of 30 would let all of them through.
    for (let i = 0; i < 60; i++) {
      const r = await fetch(`${replicas[i % 3]?.url}/api/backend/v1/tenants`, { headers: { 'x-api-key': key } });
      statuses.push(r.status);
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(30);
    expect(statuses.filter((s) => s === 429)).toHaveLength(30);
    // The count lives in Redis, under IonMesh's own name.
    expect((await redis.keys('ionmesh:rl:admin:*')).length).toBeGreaterThan(0);
  });

  it('refuses an address that failed authentication too often, whichever replica it tries next', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 9; i++) {
      const r = await fetch(`${replicas[i % 3]?.url}/api/backend/v1/clients`, {
        headers: { 'x-api-key': `imk_wrong_${i}_0123456789` },
      });
      statuses.push(r.status);
    }
    // Six failures in all (two per replica) spend the budget; a per-process budget would allow 18.
    expect(statuses.slice(0, 6)).toEqual([401, 401, 401, 401, 401, 401]);
    expect(statuses.slice(6)).toEqual([429, 429, 429]);
  });

  it('keeps every invariant under a registration storm spread over the three', async () => {
    // 100 routers for the demo's 64 cards, each registering twice on different replicas at once.
    const ids = Array.from({ length: 100 }, (_, i) => `storm${String(i).padStart(3, '0')}-slot0`);
    const register = (id: string, via: number) =>
      fetch(`${replicas[via % 3]?.url}/api/backend/v1/remsim/register-client`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ client_id: id, mapping_mode: 'ONE_TO_ONE_SWSIM', mcc_mnc: '', tenant_id: 1 }),
      }).then(async (r) => ({
        id,
        status: r.status,
        body: (await r.json()) as { sim_slot?: { bank_id: number; slot_id: number }; code?: string },
      }));
    const answers = await Promise.all(ids.flatMap((id, i) => [register(id, i), register(id, i + 1)]));
    const assigned = answers.filter((a) => a.status === 200);
    const refused = answers.filter((a) => a.status !== 200);
    expect(
      refused.every((a) => [503, 409].includes(a.status)),
      JSON.stringify(refused.slice(0, 3)),
    ).toBe(true);
    // The two answers a router got name the same card.
    const cardOf = new Map<string, string>();
    for (const a of assigned) {
      // sim_slot is the physical card (slot_id at the top is the client's RSPRO view of it).
      const card = `${a.body.sim_slot?.bank_id}/${a.body.sim_slot?.slot_id}`;
      expect(cardOf.get(a.id) ?? card).toBe(card);
      cardOf.set(a.id, card);
    }
    // No card was given to two routers, and every card found a router.
    const cards = [...cardOf.values()];
    expect(new Set(cards).size).toBe(cards.length);
    expect(cards).toHaveLength(64);
    // What the database holds agrees with what was answered.
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      const held = await db.query<{ client_id: string; card: string }>(
        `SELECT client_id, bank_id || '/' || slot_id AS card FROM service_profiles WHERE status = 'ACTIVE'`,
      );
      const sorted = (pairs: Iterable<[string, string]>) => [...pairs].map(([id, card]) => `${id}@${card}`).sort();
      expect(sorted(held.rows.map((r) => [r.client_id, r.card]))).toEqual(sorted(cardOf));
    } finally {
      await db.end();
    }
  });
});
