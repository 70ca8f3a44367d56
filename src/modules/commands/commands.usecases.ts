import type { Database, Sql } from '../../app/database.js';
import type { Actor } from '../../domain/actor.js';
import { readTenant, type TenantScope } from '../../domain/tenant-scope.js';
import { recordAudit } from '../audit/index.js';
import { insertEvent } from '../events/index.js';
import { cannotReceiveCommands, commandNotFound } from './commands.errors.js';
import * as repo from './commands.repository.js';
import type { COMMAND_TYPES } from './commands.table.js';

export interface CommandInput {
  tenant_id?: number;
  type: (typeof COMMAND_TYPES)[number];
  payload?: Record<string, unknown>;
  expires_in_sec?: number;
}

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

  queue(clientId: string, input: CommandInput, actor: Actor, scope: TenantScope) {
    return this.db.transaction(async (tx) => {
      const p = await this.targetOf(tx, clientId, readTenant(scope, input.tenant_id));
      if (p.last_heartbeat === null) throw cannotReceiveCommands(clientId);
      const c = await repo.insertCommand(tx, p, clientId, input, actor.actor);
      await insertEvent(tx, 'command.queued', p.tenant_id, { command_id: c.id, client_id: clientId, type: input.type });
      await recordAudit(tx, actor, {
        tenantId: p.tenant_id,
        action: 'command.queue',
        entityType: 'client_command',
        entityId: String(c.id),
        after: c,
      });
      return c;
    });
  }

  list(clientId: string, f: { status?: string; tenant_id?: number; limit?: number; offset?: number }, scope: TenantScope) {
    const limit = f.limit ?? 50;
    const offset = f.offset ?? 0;
    const filter = { ...f, tenant_id: readTenant(scope, f.tenant_id) };
    return this.db.run(async (db) => ({ ...(await repo.listCommands(db, clientId, filter, limit, offset)), limit, offset }));
  }

  async acknowledge(clientId: string, id: number, ok: boolean, result: unknown) {
    const [done] = await this.db.run((db) => repo.acknowledge(db, clientId, id, ok, result));
    if (!done) throw commandNotFound(clientId, id);
    return { status: 'ok' as const, command_id: done.id, command_status: done.status };
  }
}

export const expireCommands = (db: Database) => db.run((h) => repo.expire(h));
