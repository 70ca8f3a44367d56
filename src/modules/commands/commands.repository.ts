// SQL of the command queue.

import { type Static, Type } from '@sinclair/typebox';
import { sql } from 'drizzle-orm';
import { CountRow, rowsOf, type Sql, SqlTime } from '../../app/database.js';
import { commandFields } from './commands.schemas.js';

const DeliveredCommand = Type.Object({
  profile_id: Type.String(),
  id: Type.Integer(),
  type: Type.String(),
  payload: Type.Unknown(),
});
export type DeliveredCommand = Static<typeof DeliveredCommand>;

const AckedRow = Type.Object({ id: Type.Integer(), status: Type.String() });
const IdRow = Type.Object({ id: Type.Integer() });

/** Hands over the pending commands of these profiles: marked delivered, with their events. */
export const deliverPending = (db: Sql, profileIds: string[]) =>
  rowsOf(
    db,
    DeliveredCommand,
    sql`WITH delivered AS (
          UPDATE client_commands SET status = 'delivered', delivered_at = now()
          WHERE status = 'pending' AND expires_at > now() AND profile_id = ANY(${sql.param(profileIds)}::uuid[])
          RETURNING profile_id, id, type, payload, tenant_id, client_id),
        evented AS (
          INSERT INTO events_outbox (type, tenant_id, data)
          SELECT 'command.delivered', tenant_id, jsonb_build_object('command_id', id, 'client_id', client_id, 'type', type)
          FROM delivered RETURNING 1)
        SELECT profile_id, id::int AS id, type, payload FROM delivered ORDER BY id`,
  );

/** Records a client's answer to a delivered (or still pending) command of its own. */
export const acknowledge = (db: Sql, clientId: string, id: number, ok: boolean, result: unknown) =>
  rowsOf(
    db,
    AckedRow,
    sql`WITH acked AS (
          UPDATE client_commands SET status = ${ok ? 'acknowledged' : 'failed'}, acknowledged_at = now(),
            result = ${result === undefined ? null : JSON.stringify(result)}::jsonb
          WHERE id = ${id} AND client_id = ${clientId} AND status IN ('pending', 'delivered')
          RETURNING id, status, tenant_id, client_id, type),
        evented AS (
          INSERT INTO events_outbox (type, tenant_id, data)
          SELECT 'command.acknowledged', tenant_id,
                 jsonb_build_object('command_id', id, 'client_id', client_id, 'type', type, 'status', status)
          FROM acked RETURNING 1)
        SELECT id::int AS id, status FROM acked`,
  );

/** Marks commands past their expiry; safe in parallel (one conditional UPDATE). */
export const expire = (db: Sql) =>
  rowsOf(
    db,
    IdRow,
    sql`WITH expired AS (
          UPDATE client_commands SET status = 'expired'
          WHERE status IN ('pending', 'delivered') AND expires_at <= now()
          RETURNING id, tenant_id, client_id, type),
        evented AS (
          INSERT INTO events_outbox (type, tenant_id, data)
          SELECT 'command.expired', tenant_id, jsonb_build_object('command_id', id, 'client_id', client_id, 'type', type)
          FROM expired RETURNING 1)
        SELECT id::int AS id FROM expired`,
  );

/** A command's row, checked (rowsOf); the API shows it as CommandView (commands.schemas.ts). */
const CommandRow = Type.Object(commandFields(SqlTime));

const columns = sql`id::int AS id, tenant_id, client_id, profile_id, type, payload, status, result, created_by, created_at,
  expires_at, delivered_at, acknowledged_at`;

export async function insertCommand(
  db: Sql,
  target: { tenant_id: number; profile_id: string },
  clientId: string,
  input: { type: string; payload?: Record<string, unknown>; expires_in_sec?: number },
  createdBy: string,
) {
  const [c] = await rowsOf(
    db,
    CommandRow,
    sql`INSERT INTO client_commands (tenant_id, profile_id, client_id, type, payload, created_by, expires_at)
        VALUES (${target.tenant_id}, ${target.profile_id}, ${clientId}, ${input.type}, ${JSON.stringify(input.payload ?? {})}::jsonb,
                ${createdBy}, now() + make_interval(secs => ${input.expires_in_sec ?? 3600}))
        RETURNING ${columns}`,
  );
  if (!c) throw new Error('INSERT … RETURNING answered no row');
  return c;
}

export async function listCommands(
  db: Sql,
  clientId: string,
  f: { status?: string | undefined; tenant_id?: number | undefined },
  limit: number,
  offset: number,
) {
  const cond = sql`WHERE client_id = ${clientId} AND (${f.status ?? null}::text IS NULL OR status = ${f.status ?? null}::text)
    AND (${f.tenant_id ?? null}::int IS NULL OR tenant_id = ${f.tenant_id ?? null}::int)`;
  return {
    items: await rowsOf(
      db,
      CommandRow,
      sql`SELECT ${columns} FROM client_commands ${cond} ORDER BY id DESC LIMIT ${limit} OFFSET ${offset}`,
    ),
    total: (await rowsOf(db, CountRow, sql`SELECT count(*)::int AS n FROM client_commands ${cond}`))[0]?.n ?? 0,
  };
}
