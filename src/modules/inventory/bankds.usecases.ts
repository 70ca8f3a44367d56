// bankd instances: the SIM bank daemons routers reach, each behind a remsim-server.
import { eq } from 'drizzle-orm';
import type { Database, Sql } from '../../app/database.js';
import type { Actor } from '../../domain/actor.js';
import { bankdEndpointProblem } from '../../domain/bankd-endpoint.js';
import { conflict, invalid } from '../../domain/errors.js';
import type { PageRequest } from '../../domain/pagination.js';
import { checkRemsimUrl } from '../../domain/remsim-url.js';
import { recordAudit } from '../audit/index.js';
import { bankdNotFound, remsimServerNotFound, uniqueOrConflict } from './inventory.errors.js';
import * as repo from './inventory.repository.js';
import { bankdInstances } from './inventory.table.js';
import { ensureServer, getServer } from './remsim-servers.repository.js';

export interface BankdInput {
  name: string;
  endpoint: string;
  /** The remsim-server that maps this bankd's slots: by id, or by URL (added when new). */
  remsim_server_id?: number | null;
  remsim_server_url?: string | null;
  status?: 'active' | 'disabled';
}

/** A remsim-server given by id (must exist) or by URL (added when new); undefined: unchanged. */
async function resolveRemsimServer(tx: Sql, id: number | null | undefined, url: string | null | undefined) {
  if (id !== undefined && url !== undefined && id !== null && url !== null)
    throw invalid('Give remsim_server_id or remsim_server_url, not both', { field: 'remsim_server_id' });
  if (url) return ensureServer(tx, url);
  if (id) {
    if (!(await getServer(tx, id))) throw remsimServerNotFound(id);
    return id;
  }
  if (id === null || url === null) return null;
  return undefined;
}

// The endpoint goes to routers verbatim: refuse what the deployed client would misread.
function checkEndpoint(endpoint: string) {
  const problem = bankdEndpointProblem(endpoint);
  if (problem) throw invalid(problem, { field: 'endpoint' });
}

/** bankd instances of the inventory. */
export class BankdsService {
  constructor(private readonly db: Database) {}

  // --- bankd instances
  list = (page: PageRequest, scope: number | null = null) => this.db.run((db) => repo.listBankds(db, page, scope));

  async get(id: number) {
    const b = await this.db.run((db) => repo.getBankd(db, id));
    if (!b) throw bankdNotFound(id);
    return b;
  }

  create(input: BankdInput, actor: Actor) {
    checkEndpoint(input.endpoint);
    const url = input.remsim_server_url ? checkRemsimUrl(input.remsim_server_url) : input.remsim_server_url;
    return uniqueOrConflict('CONFLICT', 'A bankd instance with that name already exists', () =>
      this.db.transaction(async (tx) => {
        const remsimServerId = await resolveRemsimServer(tx, input.remsim_server_id, url);
        const [created] = await tx
          .insert(bankdInstances)
          .values({
            name: input.name,
            endpoint: input.endpoint,
            remsimServerId: remsimServerId ?? null,
            status: input.status ?? 'active',
          })
          .returning({ id: bankdInstances.id });
        const b = await repo.getBankd(tx, created?.id as number);
        await recordAudit(tx, actor, { action: 'bankd.create', entityType: 'bankd_instance', entityId: String(b?.id), after: b });
        return b as NonNullable<typeof b>;
      }),
    );
  }

  update(id: number, input: Partial<BankdInput>, actor: Actor) {
    if (input.endpoint !== undefined) checkEndpoint(input.endpoint);
    const url = input.remsim_server_url ? checkRemsimUrl(input.remsim_server_url) : input.remsim_server_url;
    return uniqueOrConflict('CONFLICT', 'A bankd instance with that name already exists', () =>
      this.db.transaction(async (tx) => {
        const before = await repo.getBankd(tx, id);
        if (!before) throw bankdNotFound(id);
        const remsimServerId = await resolveRemsimServer(tx, input.remsim_server_id, url);
        await tx
          .update(bankdInstances)
          .set({
            ...(input.name !== undefined && { name: input.name }),
            ...(input.endpoint !== undefined && { endpoint: input.endpoint }),
            ...(remsimServerId !== undefined && { remsimServerId }),
            ...(input.status !== undefined && { status: input.status }),
            updatedAt: new Date(),
          })
          .where(eq(bankdInstances.id, id));
        const after = await repo.getBankd(tx, id);
        await recordAudit(tx, actor, {
          action: 'bankd.update',
          entityType: 'bankd_instance',
          entityId: String(id),
          before,
          after,
        });
        return after as NonNullable<typeof after>;
      }),
    );
  }

  delete(id: number, actor: Actor) {
    return this.db.transaction(async (tx) => {
      const before = await repo.getBankd(tx, id);
      if (!before) throw bankdNotFound(id);
      const banks = await repo.listBanks(tx, { bankd_instance_id: id, limit: 1 });
      if (banks.total > 0) throw conflict('BANKD_IN_USE', `bankd instance ${id} still serves ${banks.total} bank(s)`);
      await tx.delete(bankdInstances).where(eq(bankdInstances.id, id));
      await recordAudit(tx, actor, { action: 'bankd.delete', entityType: 'bankd_instance', entityId: String(id), before });
      return { status: 'success' as const, message: `bankd instance ${id} deleted` };
    });
  }
}
