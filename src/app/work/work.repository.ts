// SQL of claimed work: enqueue (once per kind and key), claim under SKIP LOCKED with a lease and
// a token (taking over items whose claimer stopped renewing), renew, finish only while the token
// still holds, and read the attempt log of an object.
import { type Static, Type } from '@sinclair/typebox';
import { sql } from 'drizzle-orm';
import { rowsOf, type Sql, SqlTime } from '../database.js';
import { Nullable } from '../schemas.js';

const Int = Type.Integer();
const Str = Type.String();

export const ItemRow = Type.Object({
  id: Int,
  owner: Str,
  kind: Str,
  object: Str,
  tenant_id: Nullable(Int),
  key: Nullable(Str),
  payload: Type.Unknown(),
  state: Str,
  attempts: Int,
  max_attempts: Int,
  next_at: SqlTime,
  claimed_by: Nullable(Str),
  lease_until: Nullable(SqlTime),
  result: Type.Unknown(),
  last_error: Nullable(Str),
  created_at: SqlTime,
  updated_at: SqlTime,
  finished_at: Nullable(SqlTime),
});
export type ItemRow = Static<typeof ItemRow>;

const COLUMNS = sql`w.id::int AS id, w.owner, w.kind, w.object, w.tenant_id, w.key, w.payload, w.state, w.attempts,
  w.max_attempts, w.next_at::text AS next_at, w.claimed_by, w.lease_until::text AS lease_until, w.result, w.last_error,
  w.created_at::text AS created_at, w.updated_at::text AS updated_at, w.finished_at::text AS finished_at`;

export interface NewItem {
  owner: string;
  kind: string;
  object: string;
  tenantId: number | null;
  key: string | null;
  payload: unknown;
  maxAttempts: number;
  /** Seconds from now before it may be claimed. */
  delaySec: number;
}

/** Adds an item, in the caller's transaction; an item of the same kind and key is kept as it is (null: it existed). */
export async function insertItem(tx: Sql, i: NewItem) {
  const [row] = await rowsOf(
    tx,
    Type.Object({ id: Int }),
    sql`INSERT INTO work_items (owner, kind, object, tenant_id, key, payload, max_attempts, next_at)
        VALUES (${i.owner}, ${i.kind}, ${i.object}, ${i.tenantId}, ${i.key}, ${JSON.stringify(i.payload ?? {})}::jsonb,
                ${i.maxAttempts}, now() + make_interval(secs => ${i.delaySec}))
        ON CONFLICT (kind, key) DO NOTHING RETURNING id::int AS id`,
  );
  return row?.id ?? null;
}

/** Adds many items of one kind at once (one statement, in the caller's transaction); how many were new. */
export async function insertItems(
  tx: Sql,
  common: Omit<NewItem, 'object' | 'key' | 'payload' | 'tenantId'> & { tenantId: number | null },
  items: { object: string; key: string | null; payload: unknown }[],
) {
  if (items.length === 0) return 0;
  const rows = await rowsOf(
    tx,
    Type.Object({ id: Int }),
    sql`INSERT INTO work_items (owner, kind, object, tenant_id, key, payload, max_attempts, next_at)
        SELECT ${common.owner}, ${common.kind}, u.object, ${common.tenantId}, u.key, u.payload, ${common.maxAttempts},
               now() + make_interval(secs => ${common.delaySec})
          FROM unnest(${sql.param(items.map((i) => i.object))}::text[], ${sql.param(items.map((i) => i.key))}::text[],
                      ${sql.param(items.map((i) => JSON.stringify(i.payload ?? {})))}::jsonb[]) WITH ORDINALITY AS u(object, key, payload, n)
         ORDER BY u.n
        ON CONFLICT (kind, key) DO NOTHING RETURNING id::int AS id`,
  );
  return rows.length;
}

export const ClaimedRow = Type.Composite([ItemRow, Type.Object({ token: Str, taken_over: Type.Boolean() })]);
export type ClaimedRow = Static<typeof ClaimedRow>;

/**
 * Claims up to `limit` items of a kind that are due, or whose claimer let its lease run out (a
 * takeover), for `leaseSec` with a fresh token; opens an attempt for each and closes the lost one
 * of a takeover. `othersGone`: no other process can hold a claim (PGlite: one process holds the
 * data), so a claim by anyone else is taken over at once.
 */
export async function claim(tx: Sql, kind: string, me: string, limit: number, leaseSec: number, othersGone: boolean) {
  const rows = await rowsOf(
    tx,
    ClaimedRow,
    sql`WITH due AS (
          SELECT id, state = 'claimed' AS taken_over FROM work_items
           WHERE kind = ${kind}
             AND ((state = 'pending' AND next_at <= now())
               OR (state = 'claimed' AND (lease_until < now() OR (${othersGone} AND claimed_by <> ${me}))))
           ORDER BY next_at, id LIMIT ${limit}
           FOR UPDATE SKIP LOCKED),
        claimed AS (
          UPDATE work_items w SET state = 'claimed', claimed_by = ${me}, claim_token = gen_random_uuid(),
                 lease_until = now() + make_interval(secs => ${leaseSec}), attempts = w.attempts + 1, updated_at = now()
            FROM due WHERE w.id = due.id
          RETURNING w.*, due.taken_over)
        SELECT ${COLUMNS}, w.claim_token::text AS token, w.taken_over FROM claimed w ORDER BY w.next_at, w.id`,
  );
  if (rows.length === 0) return rows;
  const ids = rows.map((r) => r.id);
  await tx.execute(
    sql`UPDATE work_attempts SET outcome = 'lost', ended_at = now(), error = 'its process stopped renewing the claim'
         WHERE item_id = ANY(${sql.param(ids)}::bigint[]) AND outcome = 'running'`,
  );
  await tx.execute(
    sql`INSERT INTO work_attempts (item_id, attempt, claimed_by)
        SELECT id, attempts, claimed_by FROM work_items WHERE id = ANY(${sql.param(ids)}::bigint[])`,
  );
  return rows;
}

/** Keeps the claims `me` holds on these items for another `leaseSec`; the ids still held. */
export async function renew(db: Sql, me: string, ids: number[], leaseSec: number) {
  if (ids.length === 0) return [];
  const rows = await rowsOf(
    db,
    Type.Object({ id: Int }),
    sql`UPDATE work_items SET lease_until = now() + make_interval(secs => ${leaseSec})
         WHERE id = ANY(${sql.param(ids)}::bigint[]) AND claimed_by = ${me} AND state = 'claimed'
         RETURNING id::int AS id`,
  );
  return rows.map((r) => r.id);
}

export interface Ending {
  /** What the item becomes: done, failed, escalated, or pending again (a retry after `retryInSec`). */
  state: 'done' | 'failed' | 'escalated' | 'pending';
  /** What the attempt was: done, failed, retry, escalated. */
  outcome: 'done' | 'failed' | 'retry' | 'escalated';
  detail: unknown;
  error: string | null;
  retryInSec?: number;
}

/**
 * Ends the attempt of a claim, in the caller's transaction, only while its token still holds
 * (null: another process took the item over; the caller's transaction must not commit).
 */
export async function finish(tx: Sql, id: number, token: string, e: Ending) {
  const next = e.state === 'pending' ? sql`now() + make_interval(secs => ${e.retryInSec ?? 0})` : sql`next_at`;
  const detail = e.detail === undefined ? null : JSON.stringify(e.detail);
  const [row] = await rowsOf(
    tx,
    Type.Object({ id: Int, attempts: Int }),
    sql`UPDATE work_items SET state = ${e.state}, claimed_by = NULL, claim_token = NULL, lease_until = NULL,
               next_at = ${next}, result = ${detail}::jsonb, last_error = ${e.error}, updated_at = now(),
               finished_at = CASE WHEN ${e.state} = 'pending' THEN NULL ELSE now() END
         WHERE id = ${id} AND claim_token = ${token}::uuid
         RETURNING id::int AS id, attempts`,
  );
  if (!row) return null;
  await tx.execute(
    sql`UPDATE work_attempts SET outcome = ${e.outcome}, ended_at = now(), detail = ${detail}::jsonb, error = ${e.error}
         WHERE item_id = ${id} AND attempt = ${row.attempts}`,
  );
  return row;
}

export const AttemptRow = Type.Object({
  item_id: Int,
  attempt: Int,
  claimed_by: Str,
  started_at: SqlTime,
  ended_at: Nullable(SqlTime),
  outcome: Str,
  detail: Type.Unknown(),
  error: Nullable(Str),
});
export type AttemptRow = Static<typeof AttemptRow>;

export interface ItemFilter {
  object?: string;
  kind?: string;
  owner?: string;
  state?: string;
  /** undefined: every tenant; a number: that tenant's items only. */
  tenantId?: number;
}

const where = (f: ItemFilter) => {
  const parts = [sql`true`];
  if (f.object !== undefined) parts.push(sql`w.object = ${f.object}`);
  if (f.kind !== undefined) parts.push(sql`w.kind = ${f.kind}`);
  if (f.owner !== undefined) parts.push(sql`w.owner = ${f.owner}`);
  if (f.state !== undefined) parts.push(sql`w.state = ${f.state}`);
  if (f.tenantId !== undefined) parts.push(sql`w.tenant_id = ${f.tenantId}`);
  return sql.join(parts, sql` AND `);
};

/** Items, newest first, with their attempts (oldest first). */
export async function listItems(db: Sql, f: ItemFilter, limit: number, offset: number) {
  const items = await rowsOf(
    db,
    ItemRow,
    sql`SELECT ${COLUMNS} FROM work_items w WHERE ${where(f)} ORDER BY w.id DESC LIMIT ${limit} OFFSET ${offset}`,
  );
  const [count] = await rowsOf(db, Type.Object({ n: Int }), sql`SELECT count(*)::int AS n FROM work_items w WHERE ${where(f)}`);
  const ids = items.map((i) => i.id);
  const attempts = ids.length
    ? await rowsOf(
        db,
        AttemptRow,
        sql`SELECT item_id::int AS item_id, attempt, claimed_by, started_at::text AS started_at, ended_at::text AS ended_at,
                   outcome, detail, error
              FROM work_attempts WHERE item_id = ANY(${sql.param(ids)}::bigint[]) ORDER BY item_id, attempt, id`,
      )
    : [];
  return {
    items: items.map((i) => ({ ...i, attempt_log: attempts.filter((a) => a.item_id === i.id).map(({ item_id: _, ...a }) => a) })),
    total: count?.n ?? 0,
  };
}

/** Per kind: items waiting, the age of the oldest due one (seconds), and those claimed now. */
export function openByKind(db: Sql) {
  return rowsOf(
    db,
    Type.Object({ kind: Str, pending: Int, claimed: Int, oldest_due_sec: Type.Number() }),
    sql`SELECT kind, count(*) FILTER (WHERE state = 'pending')::int AS pending,
               count(*) FILTER (WHERE state = 'claimed')::int AS claimed,
               coalesce(extract(epoch FROM now() - min(next_at) FILTER (WHERE state = 'pending' AND next_at <= now())), 0)::float8
                 AS oldest_due_sec
          FROM work_items WHERE state IN ('pending', 'claimed') GROUP BY kind`,
  );
}

/** Removes finished items (and their attempts) older than `retentionSec`, at most `batch`. */
export async function prune(db: Sql, retentionSec: number, batch: number) {
  const rows = await rowsOf(
    db,
    Type.Object({ id: Int }),
    sql`DELETE FROM work_items WHERE id IN (
          SELECT id FROM work_items WHERE finished_at < now() - make_interval(secs => ${retentionSec}) LIMIT ${batch})
        RETURNING id::int AS id`,
  );
  return rows.length;
}
