// The command queue: an operator queues a command for a client; it rides in the client's next
// heartbeat answer and is acknowledged later. Only clients that heartbeat can receive one: the
// deployed OpenWRT client never does (CLIENT-CONTRACT.md), so for it the answer names what works
// through the remsim-server instead.
import { sql } from 'drizzle-orm';
import { type Database, rows, type Sql } from '../../app/database.js';
import type { Actor } from '../../domain/actor.js';
import { recordAudit } from '../audit/index.js';
import { insertEvent } from '../events/index.js';
import { cannotReceiveCommands, commandNotFound } from './commands.errors.js';
import * as repo from './commands.repository.js';
import type { CommandRow } from './commands.schemas.js';
import type { COMMAND_TYPES } from './commands.table.js';

export interface CommandInput {
  tenant_id?: number;
  type: (typeof COMMAND_TYPES)[number];
  payload?: Record<string, unknown>;
  expires_in_sec?: number;
}

const columns = sql`id::int AS id, tenant_id, client_id, profile_id, type, payload, status, result, created_by, created_at,
  expires_at, delivered_at, acknowledged_at`;

/** A client's one active profile, locked in the caller's transaction (its owner, the clients module, answers a missing or ambiguous one). */
export type CommandTarget = (
  tx: Sql,
  clientId: string,
  tenantId: number | undefined,
) => Promise<{ profile_id: string; tenant_id: number; last_heartbeat: Date | string | null }>;

export class CommandsService {
  constructor(
    private readonly db: Database,
    private readonly targetOf: CommandTarget,
  ) {}

  queue(clientId: string, input: CommandInput, actor: Actor) {
    return this.db.transaction(async (tx) => {
      const p = await this.targetOf(tx, clientId, input.tenant_id);
      if (p.last_heartbeat === null) throw cannotReceiveCommands(clientId);
      const [c] = await rows<CommandRow>(
        tx,
        sql`INSERT INTO client_commands (tenant_id, profile_id, client_id, type, payload, created_by, expires_at)
            VALUES (${p.tenant_id}, ${p.profile_id}, ${clientId}, ${input.type}, ${JSON.stringify(input.payload ?? {})}::jsonb,
                    ${actor.actor}, now() + make_interval(secs => ${input.expires_in_sec ?? 3600}))
            RETURNING ${columns}`,
      );
      await insertEvent(tx, 'command.queued', p.tenant_id, { command_id: c?.id, client_id: clientId, type: input.type });
      await recordAudit(tx, actor, {
        tenantId: p.tenant_id,
        action: 'command.queue',
        entityType: 'client_command',
        entityId: String(c?.id),
        after: c,
      });
      return c;
    });
  }

  list(clientId: string, f: { status?: string; tenant_id?: number; limit?: number; offset?: number }) {
    const limit = f.limit ?? 50;
    const offset = f.offset ?? 0;
    const cond = sql`WHERE client_id = ${clientId} AND (${f.status ?? null}::text IS NULL OR status = ${f.status ?? null}::text)
      AND (${f.tenant_id ?? null}::int IS NULL OR tenant_id = ${f.tenant_id ?? null}::int)`;
    return this.db.run(async (db) => ({
      items: await rows<CommandRow>(
        db,
        sql`SELECT ${columns} FROM client_commands ${cond} ORDER BY id DESC LIMIT ${limit} OFFSET ${offset}`,
      ),
      total: (await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM client_commands ${cond}`))[0]?.n ?? 0,
      limit,
      offset,
    }));
  }

  async acknowledge(clientId: string, id: number, ok: boolean, result: unknown) {
    const [done] = await this.db.run((db) => repo.acknowledge(db, clientId, id, ok, result));
    if (!done) throw commandNotFound(clientId, id);
    return { status: 'ok' as const, command_id: done.id, command_status: done.status };
  }
}

export const expireCommands = (db: Database) => db.run((h) => repo.expire(h));
