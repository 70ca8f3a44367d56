// SQL of the remsim-server inventory (the servers IonMesh drives) and the status the reconciler
// keeps on them (the remsim module writes it; src/modules/remsim/remsim.repository.ts).
import { type Static, Type } from '@sinclair/typebox';
import { asc, count, eq, sql } from 'drizzle-orm';
import { rowsOf, type Sql } from '../../app/database.js';
import { paged } from '../../app/paging.js';
import { Nullable } from '../../app/schemas.js';
import { type PageRequest, pageOf } from '../../domain/pagination.js';
import { bankdInstances, remsimServers } from './inventory.table.js';

const Int = Type.Integer();
const Str = Type.String();
const Bool = Type.Boolean();

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
  invalid: remsimServers.invalid,
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

export const ServerRow = Type.Object({
  id: Int,
  name: Str,
  url: Str,
  enabled: Bool,
  simulated: Bool,
  /** int8: read as text, and only handed back to SQL (releaseLease). */
  generation: Str,
});
export type ServerRow = Static<typeof ServerRow>;

export async function insertServer(db: Sql, values: { name: string; url: string; enabled: boolean }) {
  const [s] = await db.insert(remsimServers).values(values).returning({ id: remsimServers.id });
  return s?.id as number;
}

export const updateServer = (db: Sql, id: number, set: Partial<typeof remsimServers.$inferInsert>) =>
  db
    .update(remsimServers)
    .set({ ...set, updatedAt: new Date() })
    .where(eq(remsimServers.id, id));

export const deleteServer = (db: Sql, id: number) => db.delete(remsimServers).where(eq(remsimServers.id, id));

// --- the reconciler's lease and pass status (the remsim module reads and writes them through these)

/** Takes (or keeps) the lease of one server unless another process holds it, or the server is
 * in its retry back-off (unless forced). Returns the server with the generation seen. */
export async function acquireLease(db: Sql, id: number, owner: string, leaseSec: number, force: boolean) {
  const [row] = await rowsOf(
    db,
    ServerRow,
    sql`UPDATE remsim_servers SET lease_owner = ${owner}, lease_until = now() + make_interval(secs => ${leaseSec})
        WHERE id = ${id} AND enabled
          AND (lease_owner IS NULL OR lease_owner = ${owner} OR lease_until < now())
          AND (${force}::boolean OR next_attempt_at IS NULL OR next_attempt_at <= now())
        RETURNING id, name, url, enabled, simulated, generation::text AS generation`,
  );
  return row ?? null;
}

export async function renewLease(db: Sql, id: number, owner: string, leaseSec: number) {
  const r = await rowsOf(
    db,
    Type.Object({ renewed: Int }),
    sql`UPDATE remsim_servers SET lease_until = now() + make_interval(secs => ${leaseSec})
        WHERE id = ${id} AND lease_owner = ${owner} RETURNING 1 AS renewed`,
  );
  return r.length > 0;
}

/** Gives the lease up only if no assignment changed since `generation` was read: otherwise the
 * caller keeps it and runs another pass, so a change made during a pass is never missed. */
export async function releaseLease(db: Sql, id: number, owner: string, generation: string | null) {
  const r = await rowsOf(
    db,
    Type.Object({ released: Int }),
    sql`UPDATE remsim_servers SET lease_owner = NULL, lease_until = NULL
        WHERE id = ${id} AND lease_owner = ${owner} AND (${generation}::bigint IS NULL OR generation = ${generation}::bigint)
        RETURNING 1 AS released`,
  );
  return r.length > 0;
}

export async function leaseHolder(db: Sql, id: number) {
  const [r] = await rowsOf(
    db,
    Type.Object({ lease_owner: Nullable(Str), active: Nullable(Bool) }),
    sql`SELECT lease_owner, (lease_until > now()) AS active FROM remsim_servers WHERE id = ${id}`,
  );
  return r?.active ? r.lease_owner : null;
}

/** Marks the servers that serve these banks as changed; returns their ids, and whether each is
 * in its retry back-off (unreachable: a probe, not a pass, finds out when it is back). */
export const bumpGeneration = (db: Sql, bankIds: number[]) =>
  rowsOf(
    db,
    Type.Object({ id: Int, backing_off: Bool }),
    sql`UPDATE remsim_servers SET generation = generation + 1
        WHERE id IN (SELECT bi.remsim_server_id FROM sim_banks b JOIN bankd_instances bi ON bi.id = b.bankd_instance_id
                     WHERE b.bank_id = ANY(${sql.param(bankIds)}::int[]))
        RETURNING id, COALESCE(next_attempt_at > now(), false) AS backing_off`,
  );

/** What the last pass reported (each report is raised once, so the next pass compares with it). */
export async function previousReports(db: Sql, id: number): Promise<{ conflicts: unknown[]; invalid: unknown[] }> {
  const [r] = await rowsOf(
    db,
    Type.Object({ conflicts: Type.Array(Type.Unknown()), invalid: Type.Array(Type.Unknown()) }),
    sql`SELECT conflicts, invalid FROM remsim_servers WHERE id = ${id}`,
  );
  return r ?? { conflicts: [], invalid: [] };
}

export const enabledServerIds = (db: Sql) =>
  rowsOf(
    db,
    Type.Object({ id: Int, backing_off: Bool }),
    sql`SELECT id, COALESCE(next_attempt_at > now(), false) AS backing_off FROM remsim_servers WHERE enabled ORDER BY id`,
  );

// --- results --------------------------------------------------------------------------------

export interface PassRecord {
  figures: Record<string, number>;
  conflicts: unknown[];
  stalled: unknown[];
  invalid: unknown[];
  passMs: number;
  /** Added to the running totals. */
  stalls: number;
  repairs: number;
  flushes: number;
}

/** Records a completed pass; returns whether the server was unreachable before. */
export async function recordSuccess(db: Sql, id: number, r: PassRecord) {
  const [row] = await rowsOf(
    db,
    Type.Object({ was: Nullable(Bool) }),
    sql`UPDATE remsim_servers s SET reachable = true, failures = 0, next_attempt_at = NULL, last_error = NULL,
          last_pass_at = now(), last_success_at = now(), last_pass_ms = ${r.passMs},
          figures = ${JSON.stringify(r.figures)}::jsonb, conflicts = ${JSON.stringify(r.conflicts)}::jsonb,
          stalled = ${JSON.stringify(r.stalled)}::jsonb, invalid = ${JSON.stringify(r.invalid)}::jsonb, stalls_total = s.stalls_total + ${r.stalls},
          repairs_total = s.repairs_total + ${r.repairs}, flushes_total = s.flushes_total + ${r.flushes}
        FROM (SELECT reachable FROM remsim_servers WHERE id = ${id}) old
        WHERE s.id = ${id}
        RETURNING old.reachable AS was`,
  );
  return row?.was ?? null;
}

/** Records a failed pass and schedules the next attempt with exponential back-off. */
export async function recordFailure(
  db: Sql,
  id: number,
  error: string,
  passMs: number,
  backoffSec: (failures: number) => number,
) {
  const [row] = await rowsOf(
    db,
    Type.Object({ failures: Int, was: Nullable(Bool) }),
    sql`SELECT failures, reachable AS was FROM remsim_servers WHERE id = ${id}`,
  );
  const failures = (row?.failures ?? 0) + 1;
  await db.execute(
    sql`UPDATE remsim_servers SET reachable = false, failures = ${failures}, last_error = ${error.slice(0, 500)},
          last_pass_at = now(), last_pass_ms = ${passMs},
          next_attempt_at = now() + make_interval(secs => ${backoffSec(failures)})
        WHERE id = ${id}`,
  );
  return { failures, was: row?.was ?? null };
}

/** The URL of an enabled server, for a probe. */
export async function serverForProbe(db: Sql, id: number) {
  const [r] = await rowsOf(db, Type.Object({ url: Str }), sql`SELECT url FROM remsim_servers WHERE id = ${id} AND enabled`);
  return r ?? null;
}
