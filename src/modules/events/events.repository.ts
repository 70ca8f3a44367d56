// The events outbox: every state change writes its event in the transaction of the change, so
// nothing acknowledged to a caller can lose its event. An insert trigger notifies listeners
// (drizzle/0015).

import { type Static, Type } from '@sinclair/typebox';
import { sql } from 'drizzle-orm';
import { rowsOf, type Sql, SqlTime } from '../../app/database.js';
import { Nullable } from '../../app/schemas.js';
import { type EventType, eventProblems } from './event-types.js';

const checkEvents = !!process.env.IONMESH_CHECK_ROWS;

export async function insertEvent(db: Sql, type: EventType, tenantId: number | null, data: unknown) {
  // In the test suite, as rowsOf checks rows: an event whose payload is not its type's fails here.
  if (checkEvents) {
    const problems = eventProblems({ type, tenant_id: tenantId, data });
    if (problems.length) throw new Error(`event of another shape than the catalogue's: ${problems.join('; ')}`);
  }
  await db.execute(sql`INSERT INTO events (type, tenant_id, data) VALUES (${type}, ${tenantId}, ${JSON.stringify(data)}::jsonb)`);
}

/**
 * Retention of the outbox: events older than the retention are deleted, at most `batch` per call,
 * except those the webhooks, the rules engine or self-healing have not read, and those the webhooks still need (their published holds: not fanned out yet, or a delivery
 * still to send). Safe with several processes (each row is deleted once; a concurrent call finds
 * fewer rows). Returns how many went.
 */
export async function pruneEvents(db: Sql, retentionSec: number, batch: number) {
  const [events] = await rowsOf(
    db,
    Type.Object({ n: Type.Integer() }),
    sql`
      WITH doomed AS (
        SELECT e.id FROM events e
         WHERE e.created_at < now() - make_interval(secs => ${retentionSec})
           AND (e.txid, e.id) <= coalesce((SELECT (last_txid, last_event_id) FROM webhooks_fanout_position), (0, 0))
           AND (e.txid, e.id) <= coalesce((SELECT (last_txid, last_event_id) FROM rules_outbox_position), (0, 0))
           AND (e.txid, e.id) <= coalesce((SELECT (last_txid, last_event_id) FROM healing_outbox_position), (0, 0))
           AND NOT EXISTS (SELECT 1 FROM webhooks_event_holds h WHERE h.event_id = e.id)
         ORDER BY e.id LIMIT ${batch}),
      gone AS (DELETE FROM events WHERE id IN (SELECT id FROM doomed) RETURNING 1)
      SELECT count(*)::int AS n FROM gone`,
  );
  return events?.n ?? 0;
}

export const OutboxEvent = Type.Object({
  id: Type.Integer(),
  type: Type.String(),
  tenant_id: Nullable(Type.Integer()),
  data: Type.Unknown(),
  created_at: SqlTime,
  txid: Type.Integer(),
});
export type OutboxEvent = Static<typeof OutboxEvent>;

/**
 * The longest a reader waits behind a write transaction that is still open: an event committed
 * longer ago than this is taken even then. On PostgreSQL the xmin is the whole server's, so
 * another application's long write transaction would otherwise hold IonMesh's readers back for
 * as long as it runs. The price is bounded the other way: only the events of a transaction that
 * held its id open longer than this can be passed over.
 */
export const OUTBOX_MAX_WAIT_SEC = 60;

/** A reader's place in the outbox: the last event it took, in (txid, id) order. */
export interface OutboxCursor {
  txid: number;
  id: number;
}

/**
 * The events after a reader's place, in the order their transactions are known to have ended:
 * only events of transactions below the snapshot's xmin (every transaction before it has
 * committed or rolled back, so no event can still appear behind the cursor), in (txid, id) order.
 * Exact for every transaction shorter than OUTBOX_MAX_WAIT_SEC: an open transaction holds back
 * only the events after it, and a rolled-back one holds back nothing. Every reader of the outbox
 * that acts once per event (webhooks' fan-out, rules, self-healing) reads it here.
 */
export async function outboxAfter(db: Sql, after: OutboxCursor, limit: number) {
  const events = await rowsOf(
    db,
    OutboxEvent,
    sql`SELECT id::int AS id, type, tenant_id, data, created_at::text AS created_at, txid::float8 AS txid
          FROM events_outbox
         WHERE (txid, id) > (${after.txid}::bigint, ${after.id}::bigint)
           AND (txid < pg_snapshot_xmin(pg_current_snapshot())::text::bigint
                OR created_at < now() - make_interval(secs => ${OUTBOX_MAX_WAIT_SEC}))
         ORDER BY txid, id LIMIT ${limit}`,
  );
  const last = events.at(-1);
  return { events, upTo: last ? { txid: last.txid, id: last.id } : after };
}
