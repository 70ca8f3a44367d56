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
           AND e.id <= coalesce((SELECT last_event_id FROM webhooks_fanout_position), 0)
           AND e.id <= coalesce((SELECT last_event_id FROM rules_outbox_position), 0)
           AND e.id <= coalesce((SELECT last_event_id FROM healing_outbox_position), 0)
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
  /** Old enough that a gap before it is a rollback, not a transaction still open. */
  old: Type.Boolean(),
});
export type OutboxEvent = Static<typeof OutboxEvent>;

/**
 * The outbox after a reader's cursor, in order, cut at the first gap a transaction still open may
 * fill (an id missing before an event younger than gapSec): what an engine that reads the outbox
 * once per event (rules, self-healing) may take now.
 */
export async function outboxAfter(db: Sql, after: number, limit: number, gapSec: number) {
  const events = await rowsOf(
    db,
    OutboxEvent,
    sql`SELECT id::int AS id, type, tenant_id, data, created_at::text AS created_at,
               created_at < now() - make_interval(secs => ${gapSec}) AS old
          FROM events_outbox WHERE id > ${after} ORDER BY id LIMIT ${limit}`,
  );
  let upTo = after;
  const taken: OutboxEvent[] = [];
  for (const e of events) {
    if (e.id !== upTo + 1 && !e.old) break;
    upTo = e.id;
    taken.push(e);
  }
  return { events: taken, upTo, read: events.length };
}
