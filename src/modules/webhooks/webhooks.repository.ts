// SQL of webhooks and their delivery log, with the shape of each row declared and checked
// (rowsOf). Delivery itself is the dispatcher's (dispatcher.ts).
import { type Static, Type } from '@sinclair/typebox';
import { sql } from 'drizzle-orm';
import { CountRow, rowsOf, type Sql, SqlTime } from '../../app/database.js';
import { deliveryFields, webhookFields } from './webhooks.schemas.js';

const Int = Type.Integer();

/** A webhook's row: never its secret, only a hint of it. */
export const WebhookRow = Type.Object(webhookFields(SqlTime));
export type WebhookRow = Static<typeof WebhookRow>;

export const DeliveryRow = Type.Object(deliveryFields(SqlTime));

const columns = sql`id, tenant_id, url, event_types, enabled, disabled_reason, consecutive_failures, created_at, updated_at,
  'whsec_…' || right(secret, 4) AS secret_hint`;

export interface WebhookPatch {
  url?: string;
  secret?: string;
  event_types?: string[];
  enabled?: boolean;
}

export async function listWebhooks(db: Sql, tenantId: number | undefined, limit: number, offset: number) {
  const cond = sql`WHERE (${tenantId ?? null}::int IS NULL OR tenant_id = ${tenantId ?? null}::int)`;
  return {
    items: await rowsOf(db, WebhookRow, sql`SELECT ${columns} FROM webhooks ${cond} ORDER BY id LIMIT ${limit} OFFSET ${offset}`),
    total: (await rowsOf(db, CountRow, sql`SELECT count(*)::int AS n FROM webhooks ${cond}`))[0]?.n ?? 0,
  };
}

export const getWebhook = async (db: Sql, id: number) =>
  (await rowsOf(db, WebhookRow, sql`SELECT ${columns} FROM webhooks WHERE id = ${id}`))[0] ?? null;

export async function insertWebhook(
  db: Sql,
  input: { tenant_id: number; url: string; event_types?: string[]; enabled?: boolean },
  secret: string,
) {
  const [w] = await rowsOf(
    db,
    WebhookRow,
    sql`INSERT INTO webhooks (tenant_id, url, secret, event_types, enabled)
        VALUES (${input.tenant_id}, ${input.url}, ${secret}, ${sql.param(input.event_types ?? [])}::text[], ${input.enabled ?? true})
        RETURNING ${columns}`,
  );
  return w as WebhookRow;
}

export async function updateWebhook(db: Sql, id: number, patch: WebhookPatch) {
  const [w] = await rowsOf(
    db,
    WebhookRow,
    sql`UPDATE webhooks SET url = COALESCE(${patch.url ?? null}, url), secret = COALESCE(${patch.secret ?? null}, secret),
          event_types = COALESCE(${patch.event_types === undefined ? null : sql.param(patch.event_types)}::text[], event_types),
          enabled = COALESCE(${patch.enabled ?? null}::boolean, enabled),
          -- Enabling again clears the reason and the failure count.
          disabled_reason = CASE WHEN ${patch.enabled ?? null}::boolean THEN NULL ELSE disabled_reason END,
          consecutive_failures = CASE WHEN ${patch.enabled ?? null}::boolean THEN 0 ELSE consecutive_failures END,
          updated_at = now()
        WHERE id = ${id} RETURNING ${columns}`,
  );
  return w ?? null;
}

export const deleteWebhook = (db: Sql, id: number) => db.execute(sql`DELETE FROM webhooks WHERE id = ${id}`);

export async function listDeliveries(db: Sql, webhookId: number, status: string | undefined, limit: number, offset: number) {
  const cond = sql`WHERE d.webhook_id = ${webhookId} AND (${status ?? null}::text IS NULL OR d.status = ${status ?? null}::text)`;
  return {
    items: await rowsOf(
      db,
      DeliveryRow,
      sql`SELECT d.id::int AS id, d.event_id::int AS event_id, e.type AS event_type, d.status, d.attempts, d.next_attempt_at,
                 d.last_status_code, d.last_error, d.last_latency_ms, d.created_at, d.delivered_at
          FROM webhook_deliveries d JOIN events_outbox e ON e.id = d.event_id ${cond}
          ORDER BY d.id DESC LIMIT ${limit} OFFSET ${offset}`,
    ),
    total: (await rowsOf(db, CountRow, sql`SELECT count(*)::int AS n FROM webhook_deliveries d ${cond}`))[0]?.n ?? 0,
  };
}

/** Queues a delivery again now (unless it is being sent); false: no such delivery of the webhook. */
export async function requeueDelivery(db: Sql, webhookId: number, deliveryId: number) {
  const found = await rowsOf(
    db,
    Type.Object({ id: Int }),
    sql`UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = now(), locked_until = NULL, created_at = now(),
          updated_at = now()
        WHERE id = ${deliveryId} AND webhook_id = ${webhookId} AND status <> 'delivering' RETURNING id::int AS id`,
  );
  return found.length > 0;
}

/** Finished deliveries older than the retention go, at most `batch` per call; returns how many. */
export async function pruneDeliveries(db: Sql, retentionSec: number, batch: number) {
  const [deliveries] = await rowsOf(
    db,
    CountRow,
    sql`
      WITH doomed AS (
        SELECT id FROM webhook_deliveries
         WHERE status IN ('succeeded', 'dead') AND updated_at < now() - make_interval(secs => ${retentionSec})
         LIMIT ${batch}),
      gone AS (DELETE FROM webhook_deliveries WHERE id IN (SELECT id FROM doomed) RETURNING 1)
      SELECT count(*)::int AS n FROM gone`,
  );
  return deliveries?.n ?? 0;
}
