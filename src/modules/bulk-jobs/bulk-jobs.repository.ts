// SQL of bulk jobs and their items: materialising the items, claiming a batch under
// FOR UPDATE SKIP LOCKED, finishing it with the job's counters, cancelling, and finding the items
// a stopped process left running.
import { type Static, Type } from '@sinclair/typebox';
import { sql } from 'drizzle-orm';
import { CountRow, rowsOf, type Sql, SqlTime } from '../../app/database.js';
import { Nullable } from '../../app/schemas.js';

const Int = Type.Integer();
const Str = Type.String();

export const JobRow = Type.Object({
  id: Int,
  tenant_id: Int,
  action: Str,
  params: Type.Record(Str, Type.Unknown()),
  selector: Type.Record(Str, Type.Unknown()),
  target: Str,
  state: Str,
  batch_size: Int,
  total: Int,
  done: Int,
  skipped: Int,
  failed: Int,
  cancelled: Int,
  created_by: Str,
  reason: Nullable(Str),
  created_at: SqlTime,
  finished_at: Nullable(SqlTime),
});
export type JobRow = Static<typeof JobRow>;

const JOB_COLUMNS = sql`id, tenant_id, action, params, selector, target, state, batch_size, total, done, skipped, failed,
  cancelled, created_by, reason, created_at::text AS created_at, finished_at::text AS finished_at`;

export const ItemRow = Type.Object({
  job_id: Int,
  seq: Int,
  bank_id: Nullable(Int),
  slot_id: Nullable(Int),
  client_id: Nullable(Str),
  state: Str,
  reason: Nullable(Str),
  result: Type.Unknown(),
  attempts: Int,
  claimed_at: Nullable(SqlTime),
  finished_at: Nullable(SqlTime),
});
export type ItemRow = Static<typeof ItemRow>;

const ITEM_COLUMNS = sql`job_id, seq, bank_id, slot_id, client_id, state, reason, result, attempts,
  claimed_at::text AS claimed_at, finished_at::text AS finished_at`;

export interface NewJob {
  tenantId: number;
  action: string;
  params: unknown;
  selector: unknown;
  target: 'card' | 'client';
  batchSize: number;
  createdBy: string;
  reason: string | null;
}

/** A job with its items (cards or clients, in order): one statement each, in the caller's transaction. */
export async function insertJob(
  tx: Sql,
  j: NewJob,
  items: { cards?: { bank_id: number; slot_id: number }[]; clients?: string[] },
) {
  const total = (items.cards ?? items.clients ?? []).length;
  const [row] = await rowsOf(
    tx,
    JobRow,
    sql`INSERT INTO bulk_jobs (tenant_id, action, params, selector, target, batch_size, total, created_by, reason)
        VALUES (${j.tenantId}, ${j.action}, ${JSON.stringify(j.params)}::jsonb, ${JSON.stringify(j.selector)}::jsonb,
                ${j.target}, ${j.batchSize}, ${total}, ${j.createdBy}, ${j.reason})
        RETURNING ${JOB_COLUMNS}`,
  );
  const job = row as JobRow;
  if (items.cards?.length)
    await tx.execute(
      sql`INSERT INTO bulk_job_items (job_id, seq, bank_id, slot_id)
          SELECT ${job.id}, u.n, u.b, u.s
            FROM unnest(${`{${items.cards.map((c) => c.bank_id).join(',')}}`}::int[],
                        ${`{${items.cards.map((c) => c.slot_id).join(',')}}`}::int[]) WITH ORDINALITY AS u(b, s, n)`,
    );
  if (items.clients?.length)
    await tx.execute(
      sql`INSERT INTO bulk_job_items (job_id, seq, client_id)
          SELECT ${job.id}, u.n, u.c FROM unnest(${sql.param(items.clients)}::text[]) WITH ORDINALITY AS u(c, n)`,
    );
  return job;
}

export const getJob = async (db: Sql, id: number, lock = false) =>
  (await rowsOf(db, JobRow, sql`SELECT ${JOB_COLUMNS} FROM bulk_jobs WHERE id = ${id} ${lock ? sql`FOR UPDATE` : sql``}`))[0] ??
  null;

export async function listJobs(db: Sql, f: { tenantId?: number; state?: string }, limit: number, offset: number) {
  const cond = sql`WHERE (${f.tenantId ?? null}::int IS NULL OR tenant_id = ${f.tenantId ?? null}::int)
                     AND (${f.state ?? null}::text IS NULL OR state = ${f.state ?? null}::text)`;
  return {
    items: await rowsOf(
      db,
      JobRow,
      sql`SELECT ${JOB_COLUMNS} FROM bulk_jobs ${cond} ORDER BY id DESC LIMIT ${limit} OFFSET ${offset}`,
    ),
    total: (await rowsOf(db, CountRow, sql`SELECT count(*)::int AS n FROM bulk_jobs ${cond}`))[0]?.n ?? 0,
  };
}

export async function listItems(db: Sql, jobId: number, state: string | undefined, limit: number, offset: number) {
  const cond = sql`WHERE job_id = ${jobId} AND (${state ?? null}::text IS NULL OR state = ${state ?? null}::text)`;
  return {
    items: await rowsOf(
      db,
      ItemRow,
      sql`SELECT ${ITEM_COLUMNS} FROM bulk_job_items ${cond} ORDER BY seq LIMIT ${limit} OFFSET ${offset}`,
    ),
    total: (await rowsOf(db, CountRow, sql`SELECT count(*)::int AS n FROM bulk_job_items ${cond}`))[0]?.n ?? 0,
  };
}

/** Items claimed and not finished, by state (the rest are the job's counters). */
export async function openCounts(db: Sql, jobId: number) {
  const rows = await rowsOf(
    db,
    Type.Object({ state: Str, n: Int }),
    sql`SELECT state, count(*)::int AS n FROM bulk_job_items WHERE job_id = ${jobId} AND state IN ('pending', 'running') GROUP BY state`,
  );
  return { pending: rows.find((r) => r.state === 'pending')?.n ?? 0, running: rows.find((r) => r.state === 'running')?.n ?? 0 };
}

/** One item with its job's state (null: no such item). */
export const itemOf = async (db: Sql, jobId: number, seq: number) =>
  (
    await rowsOf(
      db,
      Type.Object({ ...ItemRow.properties, job_state: Str }),
      sql`SELECT i.job_id, i.seq, i.bank_id, i.slot_id, i.client_id, i.state, i.reason, i.result, i.attempts,
                 i.claimed_at::text AS claimed_at, i.finished_at::text AS finished_at, j.state AS job_state
            FROM bulk_job_items i JOIN bulk_jobs j ON j.id = i.job_id WHERE i.job_id = ${jobId} AND i.seq = ${seq}`,
    )
  )[0] ?? null;

/**
 * An item starts: running, claimed by `by`, in this statement's own commit (before its action
 * runs: recovery compares the action's audit entries with the claim time). Null: it is finished.
 */
export const startItem = async (db: Sql, jobId: number, seq: number, by: string) =>
  (
    await rowsOf(
      db,
      ItemRow,
      sql`UPDATE bulk_job_items SET state = 'running', claimed_by = ${by}, claimed_at = now(), attempts = attempts + 1
           WHERE job_id = ${jobId} AND seq = ${seq} AND state IN ('pending', 'running')
          RETURNING ${ITEM_COLUMNS}`,
    )
  )[0] ?? null;

export interface Finished {
  seq: number;
  state: 'done' | 'skipped' | 'failed' | 'cancelled';
  reason: string | null;
  result: unknown;
}

/**
 * Finishes items a process holds (still running, claimed by it) and counts them on the job;
 * the items it finished (one another process recovered meanwhile is left alone).
 */
export async function finishItems(tx: Sql, jobId: number, by: string | null, items: Finished[]) {
  if (items.length === 0) return [];
  const finished = await rowsOf(
    tx,
    Type.Object({ seq: Int, state: Str }),
    sql`UPDATE bulk_job_items i
           SET state = f.state, reason = f.reason, result = f.result, finished_at = now()
          FROM jsonb_to_recordset(${JSON.stringify(items)}::jsonb) AS f(seq int, state text, reason text, result jsonb)
         WHERE i.job_id = ${jobId} AND i.seq = f.seq AND i.state = 'running'
           AND (${by}::text IS NULL OR i.claimed_by = ${by}::text)
        RETURNING i.seq, i.state`,
  );
  const n = (s: string) => finished.filter((f) => f.state === s).length;
  await tx.execute(
    sql`UPDATE bulk_jobs SET done = done + ${n('done')}, skipped = skipped + ${n('skipped')},
                             failed = failed + ${n('failed')}, cancelled = cancelled + ${n('cancelled')}
         WHERE id = ${jobId}`,
  );
  return finished;
}

/** The job is done when it runs and no item is left open; the job when it became so. */
export const completeIfDone = async (tx: Sql, jobId: number) =>
  (
    await rowsOf(
      tx,
      JobRow,
      sql`UPDATE bulk_jobs j SET state = 'done', finished_at = now()
           WHERE j.id = ${jobId} AND j.state = 'running'
             AND NOT EXISTS (SELECT 1 FROM bulk_job_items i WHERE i.job_id = j.id AND i.state IN ('pending', 'running'))
          RETURNING ${JOB_COLUMNS}`,
    )
  )[0] ?? null;

/** Cancels a running job: its pending items become cancelled; those running finish. */
export async function cancelJob(tx: Sql, jobId: number) {
  const [n] = await rowsOf(
    tx,
    CountRow,
    sql`WITH c AS (UPDATE bulk_job_items SET state = 'cancelled', reason = 'the job was cancelled', finished_at = now()
                    WHERE job_id = ${jobId} AND state = 'pending' RETURNING 1)
        SELECT count(*)::int AS n FROM c`,
  );
  const [job] = await rowsOf(
    tx,
    JobRow,
    sql`UPDATE bulk_jobs SET state = 'cancelled', finished_at = now(), cancelled = cancelled + ${n?.n ?? 0}
         WHERE id = ${jobId} RETURNING ${JOB_COLUMNS}`,
  );
  return job as JobRow;
}

export const cardsNow = (db: Sql, cards: { bank_id: number; slot_id: number }[]) =>
  rowsOf(
    db,
    Type.Object({ bank_id: Int, slot_id: Int, status: Nullable(Str), client_id: Nullable(Str) }),
    sql`SELECT u.b AS bank_id, u.s AS slot_id, s.status, p.client_id
          FROM unnest(${`{${cards.map((c) => c.bank_id).join(',')}}`}::int[], ${`{${cards.map((c) => c.slot_id).join(',')}}`}::int[])
               WITH ORDINALITY AS u(b, s, n)
          LEFT JOIN inventory_slots s ON s.bank_id = u.b AND s.slot_id = u.s
          LEFT JOIN clients_profiles p ON p.bank_id = u.b AND p.slot_id = u.s AND p.status = 'ACTIVE'
         ORDER BY u.n`,
  );

/** Which of the client ids the tenant has (or had) a profile for. */
export const clientsOfTenant = async (db: Sql, tenantId: number, clients: string[]) =>
  clients.length === 0
    ? []
    : (
        await rowsOf(
          db,
          Type.Object({ client_id: Str }),
          sql`SELECT DISTINCT client_id FROM clients_profiles
               WHERE tenant_id = ${tenantId} AND client_id = ANY(${sql.param(clients)}::text[])`,
        )
      ).map((r) => r.client_id);

/** The clients of a tenant holding the cards given (active profiles), in the cards' order. */
export const clientsOnCards = async (db: Sql, tenantId: number, cards: { bank_id: number; slot_id: number }[]) =>
  cards.length === 0
    ? []
    : (
        await rowsOf(
          db,
          Type.Object({ client_id: Str }),
          sql`SELECT client_id FROM (
                SELECT p.client_id, min(u.n) AS n
                  FROM unnest(${`{${cards.map((c) => c.bank_id).join(',')}}`}::int[],
                              ${`{${cards.map((c) => c.slot_id).join(',')}}`}::int[]) WITH ORDINALITY AS u(b, s, n)
                  JOIN clients_profiles p ON p.bank_id = u.b AND p.slot_id = u.s AND p.status = 'ACTIVE' AND p.tenant_id = ${tenantId}
                 GROUP BY p.client_id) x ORDER BY n`,
        )
      ).map((r) => r.client_id);

/** The cards the clients given hold (active profiles of the tenant), in the clients' order. */
export const cardsOfClients = (db: Sql, tenantId: number, clients: string[]) =>
  clients.length === 0
    ? Promise.resolve([])
    : rowsOf(
        db,
        Type.Object({ bank_id: Int, slot_id: Int }),
        sql`SELECT p.bank_id, p.slot_id
              FROM unnest(${sql.param(clients)}::text[]) WITH ORDINALITY AS u(c, n)
              JOIN clients_profiles p ON p.client_id = u.c AND p.status = 'ACTIVE' AND p.tenant_id = ${tenantId}
             ORDER BY u.n, p.bank_id, p.slot_id`,
      );

/** Cards of the tenant among those given (bank slots and virtual SIMs of its KI pools). */
export const cardsOfTenant = (db: Sql, tenantId: number, cards: { bank_id: number; slot_id: number }[]) =>
  rowsOf(
    db,
    Type.Object({ bank_id: Int, slot_id: Int }),
    sql`SELECT DISTINCT ON (u.n) u.b AS bank_id, u.s AS slot_id
          FROM unnest(${`{${cards.map((c) => c.bank_id).join(',')}}`}::int[], ${`{${cards.map((c) => c.slot_id).join(',')}}`}::int[])
               WITH ORDINALITY AS u(b, s, n)
          JOIN inventory_banks b ON b.bank_id = u.b AND b.tenant_id = ${tenantId}
         WHERE EXISTS (SELECT 1 FROM inventory_slots s WHERE s.bank_id = u.b AND s.slot_id = u.s)
            OR EXISTS (SELECT 1 FROM kiproxy_virtual_slots v WHERE v.bank_id = u.b AND v.slot_nr = u.s)
         ORDER BY u.n`,
  );
