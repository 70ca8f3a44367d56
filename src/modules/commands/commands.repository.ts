// SQL of the command queue.
import { sql } from 'drizzle-orm';
import { rows, type Sql } from '../../app/database.js';

export interface DeliveredCommand {
  profile_id: string;
  id: number;
  type: string;
  payload: unknown;
}

/** Hands over the pending commands of these profiles: marked delivered, with their events. */
export const deliverPending = (db: Sql, profileIds: string[]) =>
  rows<DeliveredCommand>(
    db,
    sql`WITH delivered AS (
          UPDATE client_commands SET status = 'delivered', delivered_at = now()
          WHERE status = 'pending' AND expires_at > now() AND profile_id = ANY(${sql.param(profileIds)}::uuid[])
          RETURNING profile_id, id, type, payload, tenant_id, client_id),
        evented AS (
          INSERT INTO events (type, tenant_id, data)
          SELECT 'command.delivered', tenant_id, jsonb_build_object('command_id', id, 'client_id', client_id, 'type', type)
          FROM delivered RETURNING 1)
        SELECT profile_id, id::int AS id, type, payload FROM delivered ORDER BY id`,
  );

/** Records a client's answer to a delivered (or still pending) command of its own. */
export const acknowledge = (db: Sql, clientId: string, id: number, ok: boolean, result: unknown) =>
  rows<{ id: number; status: string }>(
    db,
    sql`WITH acked AS (
          UPDATE client_commands SET status = ${ok ? 'acknowledged' : 'failed'}, acknowledged_at = now(),
            result = ${result === undefined ? null : JSON.stringify(result)}::jsonb
          WHERE id = ${id} AND client_id = ${clientId} AND status IN ('pending', 'delivered')
          RETURNING id, status, tenant_id, client_id, type),
        evented AS (
          INSERT INTO events (type, tenant_id, data)
          SELECT 'command.acknowledged', tenant_id,
                 jsonb_build_object('command_id', id, 'client_id', client_id, 'type', type, 'status', status)
          FROM acked RETURNING 1)
        SELECT id::int AS id, status FROM acked`,
  );

/** Marks commands past their expiry; safe in parallel (one conditional UPDATE). */
export const expire = (db: Sql) =>
  rows<{ id: number }>(
    db,
    sql`WITH expired AS (
          UPDATE client_commands SET status = 'expired'
          WHERE status IN ('pending', 'delivered') AND expires_at <= now()
          RETURNING id, tenant_id, client_id, type),
        evented AS (
          INSERT INTO events (type, tenant_id, data)
          SELECT 'command.expired', tenant_id, jsonb_build_object('command_id', id, 'client_id', client_id, 'type', type)
          FROM expired RETURNING 1)
        SELECT id::int AS id FROM expired`,
  );
