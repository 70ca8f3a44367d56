// SQL of the remsim-server inventory (the servers IonMesh drives) and the status the reconciler
// keeps on them (the remsim module writes it; src/modules/remsim/remsim.repository.ts).
import { Type } from '@sinclair/typebox';
import { asc, count, eq, sql } from 'drizzle-orm';
import { rowsOf, type Sql } from '../../app/database.js';
import { type PageRequest, pageOf } from '../../domain/pagination.js';
import { paged } from './inventory.repository.js';
import { bankdInstances, remsimServers } from './inventory.table.js';

const columns = {
  id: remsimServers.id,
  name: remsimServers.name,
  url: remsimServers.url,
  enabled: remsimServers.enabled,
  simulated: remsimServers.simulated,
  reachable: remsimServers.reachable,
  failures: remsimServers.failures,
  nextAttemptAt: remsimServers.nextAttemptAt,
  lastPassAt: remsimServers.lastPassAt,
  lastPassMs: remsimServers.lastPassMs,
  lastSuccessAt: remsimServers.lastSuccessAt,
  lastError: remsimServers.lastError,
  figures: remsimServers.figures,
  conflicts: remsimServers.conflicts,
  stalled: remsimServers.stalled,
  stallsTotal: remsimServers.stallsTotal,
  repairsTotal: remsimServers.repairsTotal,
  flushesTotal: remsimServers.flushesTotal,
  leaseOwner: sql<string | null>`CASE WHEN ${remsimServers.leaseUntil} > now() THEN ${remsimServers.leaseOwner} END`,
  bankdInstances: sql<number>`(SELECT count(*)::int FROM bankd_instances bi WHERE bi.remsim_server_id = "remsim_servers"."id")`,
  createdAt: remsimServers.createdAt,
  updatedAt: remsimServers.updatedAt,
};

/** remsim-servers; a tenant-scoped caller (scope) sees those behind its own banks only. */
export const listServers = (db: Sql, page: PageRequest, scope: number | null = null) => {
  const p = pageOf(page);
  const cond =
    scope === null
      ? undefined
      : sql`EXISTS (SELECT 1 FROM sim_banks b JOIN bankd_instances i ON i.id = b.bankd_instance_id
                    WHERE i.remsim_server_id = ${remsimServers.id} AND b.tenant_id = ${scope})`;
  return paged(
    db.select(columns).from(remsimServers).where(cond).orderBy(asc(remsimServers.id)).limit(p.limit).offset(p.offset),
    db.select({ n: count() }).from(remsimServers).where(cond),
    p,
  );
};

export const getServer = async (db: Sql, id: number) =>
  (await db.select(columns).from(remsimServers).where(eq(remsimServers.id, id)))[0] ?? null;

export const serverByUrl = async (db: Sql, url: string) =>
  (await db.select({ id: remsimServers.id }).from(remsimServers).where(eq(remsimServers.url, url)))[0] ?? null;

/** The server with this URL, created (named after its URL) when it is new. */
export async function ensureServer(db: Sql, url: string, simulated = false) {
  const [row] = await rowsOf(
    db,
    Type.Object({ id: Type.Integer() }),
    sql`INSERT INTO remsim_servers (name, url, simulated) VALUES (${url}, ${url}, ${simulated})
        ON CONFLICT (url) DO UPDATE SET url = EXCLUDED.url RETURNING id`,
  );
  return row?.id as number;
}

export const bankdCount = async (db: Sql, id: number) =>
  (await db.select({ n: count() }).from(bankdInstances).where(eq(bankdInstances.remsimServerId, id)))[0]?.n ?? 0;
