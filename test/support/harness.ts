import { readFileSync } from 'node:fs';
import { type SQL, sql } from 'drizzle-orm';
import { inject } from 'vitest';
import { buildConfig, type Config } from '../../src/app/config.js';
import { type Database, openPglite, openPostgres, rows } from '../../src/app/database.js';
import type { App } from '../../src/app/http.js';
import type { GuardedRoute } from '../../src/app/route-guard.js';
import { WorkEngine } from '../../src/app/work/index.js';
import { eventProblems } from '../../src/modules/events/index.js';
import { DEMO_REMSIM_URL, seedDemo } from '../../src/modules/inventory/demo.js';
import { RulesEngine } from '../../src/modules/rules/index.js';
import { buildApp, type Services } from '../../src/server/server.js';
import { scratchPostgres } from './scratch-database.js';

export const onPostgres = process.env.IONMESH_TEST_DB === 'postgres';
export const ADMIN_KEY = 'test-admin-key-0123456789';
/** Tests drive thousands of requests from 127.0.0.1: rate limits are off unless a test turns them on. */
export const NO_LIMITS = { clientRateLimit: 0, adminRateLimit: 0 };

/** The configuration of a test server: loopback, quiet, the test admin key, no rate limits. */
const testConfig = (overrides: Partial<Config> = {}) =>
  buildConfig({ ...NO_LIMITS, port: 0, host: '127.0.0.1', logLevel: 'silent', adminKey: ADMIN_KEY, ...overrides });

export interface Harness {
  url: string;
  /** The PostgreSQL URL of this harness's database (null on PGlite). */
  databaseUrl: string | null;
  port: number;
  app: App;
  db: Database;
  services: Services;
  /** What every admin route declares (access, tenant rule, references). */
  guarded: GuardedRoute[];
  /** fetch against the admin API with the admin key */
  admin: (path: string, init?: RequestInit) => Promise<Response>;
  query: <T = Record<string, unknown>>(q: SQL) => Promise<T[]>;
  close: () => Promise<void>;
}

/** Where the suite's in-process PGlite runs (IONMESH_TEST_PGLITE_THREAD; default its own thread, as in production). */
const pgliteThread = process.env.IONMESH_TEST_PGLITE_THREAD === 'main' ? 'main' : 'worker';

/** The migrated image every PGlite of this worker starts from (test/global-setup.ts), read once. */
let image: Uint8Array<ArrayBuffer> | undefined;
function migratedImage(): Uint8Array<ArrayBuffer> | undefined {
  const file = inject('pgliteImage');
  if (file && !image) image = new Uint8Array(readFileSync(file));
  return image;
}

/** A fresh, migrated database for one test file: a copy of the run's migrated one. */
export async function freshDatabase(poolSize?: number): Promise<{ db: Database; url: string | null; drop: () => Promise<void> }> {
  if (!onPostgres)
    return { db: await openPglite(null, { thread: pgliteThread, image: migratedImage() }), url: null, drop: async () => {} };
  const template = inject('postgresTemplate') || undefined;
  const scratch = await scratchPostgres(process.env.TEST_DATABASE_URL as string, 'ionmesh_t', template);
  return { db: await openPostgres(scratch.url, poolSize), url: scratch.url, drop: scratch.drop };
}

export async function startIonMesh(
  options: {
    demo?: boolean;
    config?: Partial<Config>;
    poolSize?: number;
    /** A remsim-server double: the demo's remsim-server points at it and assignments are
     * reconciled onto it. Without one, nothing is reconciled (no request leaves the test). */
    remsim?: { url: string };
  } = {},
): Promise<Harness> {
  const { db, drop, url: databaseUrl } = await freshDatabase(options.poolSize);
  await db.migrate();
  const config = testConfig(options.config);
  const { app, services, guarded } = await buildApp({
    config,
    db,
    logger: false,
    jobs: false,
    reconcileOnChange: !!options.remsim,
  });
  await services.auth.ensureAdminKey(ADMIN_KEY);
  if (options.demo ?? true) await seedDemo(db);
  if (options.remsim) {
    const target = options.remsim.url;
    await db.run((h) => h.execute(sql`UPDATE remsim_servers SET url = ${target} WHERE url = ${DEMO_REMSIM_URL}`));
  }
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    databaseUrl,
    port,
    app,
    db,
    services,
    guarded,
    admin: (path, init = {}) =>
      fetch(`${url}/api/backend/v1${path}`, {
        ...init,
        headers: {
          'x-api-key': ADMIN_KEY,
          ...(init.body && typeof init.body === 'string' && !(init.headers as Record<string, string>)?.['content-type']
            ? { 'content-type': 'application/json' }
            : {}),
          ...(init.headers as Record<string, string>),
        },
      }),
    query: (q) => db.run((h) => rows(h, q)),
    close: async () => {
      // Every event this test file's server wrote, by TypeScript or SQL, is one of the catalogue
      // with its payload (test-only types, 'test.*', aside).
      // (A test that stopped the database itself has nothing to read here.)
      const written = await db
        .run((h) =>
          rows<{ id: number; type: string; tenant_id: number | null; data: unknown }>(
            h,
            sql`SELECT id::int AS id, type, tenant_id, data FROM events WHERE type NOT LIKE 'test.%' ORDER BY id`,
          ),
        )
        .catch(() => []);
      const problems = written.flatMap((e) => eventProblems(e).map((p) => `event ${e.id}: ${p}`));
      await app.close(); // closes the database too
      await drop();
      if (problems.length) throw new Error(`events of another shape than the catalogue's:\n${problems.slice(0, 20).join('\n')}`);
    },
  };
}

export const json = (body: unknown): RequestInit => ({ method: 'POST', body: JSON.stringify(body) });

/**
 * Waits until every committed event is readable by the outbox's readers (outboxAfter reads the
 * events of transactions below the snapshot's xmin). On PostgreSQL the xmin is the cluster's: a
 * write transaction of another test file's database, still open, holds it back for a moment.
 * On PGlite (one connection) it always is.
 */
export async function outboxSettled(h: Pick<Harness, 'query'>) {
  if (!onPostgres) return;
  await until(
    'the outbox readable (no write transaction older than its events still open)',
    async () =>
      (
        await h.query<{ n: number }>(
          sql`SELECT count(*)::int AS n FROM events WHERE txid >= pg_snapshot_xmin(pg_current_snapshot())::text::bigint`,
        )
      )[0]?.n === 0,
    10_000,
  );
}

/** An engine's tick once the outbox is readable (see outboxSettled): what the tick reads is known. */
export async function settledTick<T>(h: Pick<Harness, 'query'>, engine: { tick(): Promise<T> }): Promise<T> {
  await outboxSettled(h);
  return engine.tick();
}

/** Polls `probe` every 10 ms until it answers something truthy; fails after `ms`. */
export async function until<T>(what: string, probe: () => T | Promise<T>, ms = 3000): Promise<NonNullable<T>> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v as NonNullable<T>;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Counts of every table a refused request must leave unchanged. */
export async function snapshot(h: Harness) {
  const [r] = await h.query(
    sql`SELECT (SELECT count(*) FROM service_profiles)::int AS profiles,
               (SELECT count(*) FROM service_profiles WHERE status = 'ACTIVE')::int AS active,
               (SELECT count(*) FROM slots WHERE status = 'assigned')::int AS assigned,
               (SELECT count(*) FROM slots)::int AS slots,
               (SELECT count(*) FROM audit_log)::int AS audit,
               (SELECT count(*) FROM health_log)::int AS health,
               (SELECT count(*) FROM tenants)::int AS tenants,
               (SELECT count(*) FROM sim_banks)::int AS banks,
               (SELECT count(*) FROM bankd_instances)::int AS bankds,
               (SELECT string_agg(id || ':' || url, ',' ORDER BY id) FROM remsim_servers) AS remsim_servers,
               (SELECT count(*) FROM remsim_mappings)::int AS owned_maps,
               (SELECT string_agg(bank_id || ':' || slot_id || ':' || coalesce(iccid, '') || ':' || status, ',' ORDER BY bank_id, slot_id) FROM slots) AS slot_state`,
  );
  return r;
}

/** A second IonMesh process on the same PostgreSQL database (a replica behind a load balancer). */
export async function startReplica(h: Harness, poolSize = 20, options: { reconcile?: boolean; config?: Partial<Config> } = {}) {
  if (!h.databaseUrl) throw new Error('replicas need PostgreSQL');
  const db = await openPostgres(h.databaseUrl, poolSize);
  const config = testConfig(options.config);
  const { app, services } = await buildApp({
    config,
    db,
    logger: false,
    jobs: false,
    reconcileOnChange: options.reconcile ?? false,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { port, services, close: () => app.close() };
}

/** A rules engine of the test's own, ticked by the test (the harness runs no background jobs). */
export function rulesEngineOf(h: Pick<Harness, 'db' | 'services'>, options: { measureEverySec: number; inlineMax: number }) {
  const s = h.services;
  const ports = {
    inventory: s.inventory,
    clients: s.clients,
    commands: s.commands,
    groups: s.groups,
    protection: s.protection,
    cardActions: s.cardActions,
    rotation: s.rotation,
    jobs: s.jobs,
  };
  return new RulesEngine(h.db, ports, new WorkEngine(h.db), undefined, options);
}

/** Self-healing's detection until it has read every committed event, then a pass. */
export async function healAll(h: Pick<Harness, 'services' | 'query'>) {
  // Every committed event readable first (outboxSettled), then detection until it has read them all.
  await outboxSettled(h);
  for (let i = 0; i < 100; i++) if ((await h.services.healingEngine.detect()).taken === 0) break;
  return h.services.healingEngine.tick();
}
