// The events outbox: every state change writes its event in the transaction of the change, so
// nothing acknowledged to a caller can lose its event. An insert trigger notifies listeners
// (drizzle/0015).
import { sql } from 'drizzle-orm';
import type { Sql } from '../../app/database.js';

export async function insertEvent(db: Sql, type: string, tenantId: number | null, data: unknown) {
  await db.execute(sql`INSERT INTO events (type, tenant_id, data) VALUES (${type}, ${tenantId}, ${JSON.stringify(data)}::jsonb)`);
}
