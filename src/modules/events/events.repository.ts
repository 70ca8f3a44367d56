// The events outbox: every state change writes its event in the transaction of the change, so
// nothing acknowledged to a caller can lose its event. An insert trigger notifies listeners
// (drizzle/0015).

import { Type } from '@sinclair/typebox';
import { sql } from 'drizzle-orm';
import { rowsOf, type Sql } from '../../app/database.js';
import type { EventType } from './event-types.js';

export async function insertEvent(db: Sql, type: EventType, tenantId: number | null, data: unknown) {
  await db.execute(sql`INSERT INTO events (type, tenant_id, data) VALUES (${type}, ${tenantId}, ${JSON.stringify(data)}::jsonb)`);
}

/**
 * Retention of the outbox: events older than the retention are deleted, at most `batch` per call,
 * except those the webhook fan-out has not read yet and those a delivery still has to send.
 * Finished webhook deliveries older than the retention go with them. Safe with several processes
 * (each row is deleted once; a concurrent call finds fewer rows).
 */
export async function pruneEvents(db: Sql, retentionSec: number, batch: number) {
  const [events] = await rowsOf(
    db,
    Type.Object({ n: Type.Integer() }),
    sql`
      WITH doomed AS (
        SELECT e.id FROM events e
         WHERE e.created_at < now() - make_interval(secs => ${retentionSec})
           AND e.id <= coalesce((SELECT last_event_id FROM outbox_cursors WHERE name = 'webhooks'), 0)
           AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_id = e.id AND d.status IN ('pending', 'delivering'))
         ORDER BY e.id LIMIT ${batch}),
      gone AS (DELETE FROM events WHERE id IN (SELECT id FROM doomed) RETURNING 1)
      SELECT count(*)::int AS n FROM gone`,
  );
  const [deliveries] = await rowsOf(
    db,
    Type.Object({ n: Type.Integer() }),
    sql`
      WITH doomed AS (
        SELECT id FROM webhook_deliveries
         WHERE status IN ('succeeded', 'dead') AND updated_at < now() - make_interval(secs => ${retentionSec})
         LIMIT ${batch}),
      gone AS (DELETE FROM webhook_deliveries WHERE id IN (SELECT id FROM doomed) RETURNING 1)
      SELECT count(*)::int AS n FROM gone`,
  );
  return { events: events?.n ?? 0, deliveries: deliveries?.n ?? 0 };
}
