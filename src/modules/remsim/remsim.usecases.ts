// remsim-servers as inventory (create, list, get, update, delete) and their reconcile status.
import { type Database, uniqueOr } from '../../app/database.js';
import type { Actor } from '../../domain/actor.js';
import { conflict } from '../../domain/errors.js';
import type { PageRequest } from '../../domain/pagination.js';
import { checkRemsimUrl } from '../../domain/remsim-url.js';
import { recordAudit } from '../audit/index.js';
import { remsimServerNotFound, remsimServersRepo as repo } from '../inventory/index.js';
import type { RemsimReconciler } from './reconciler.js';
import { reconcileBusy, reconcilerNotRunning, serverDisabled } from './remsim.errors.js';

export interface RemsimServerInput {
  name?: string;
  url: string;
  enabled?: boolean;
}

/** The status an operator reads first. */
const statusOf = (s: { enabled: boolean; reachable: boolean | null }) =>
  !s.enabled ? 'disabled' : s.reachable === null ? 'pending' : s.reachable ? 'reachable' : 'unreachable';

const present = <T extends { enabled: boolean; reachable: boolean | null }>(s: T) => ({ ...s, status: statusOf(s) });

export class RemsimService {
  constructor(
    private readonly db: Database,
    private readonly reconciler: RemsimReconciler | null,
  ) {}

  async list(page: PageRequest, scope: number | null = null) {
    const p = await this.db.run((db) => repo.listServers(db, page, scope));
    return { ...p, items: p.items.map(present) };
  }

  async get(id: number) {
    const s = await this.db.run((db) => repo.getServer(db, id));
    if (!s) throw remsimServerNotFound(id);
    return present(s);
  }

  async create(input: RemsimServerInput, actor: Actor) {
    const url = checkRemsimUrl(input.url);
    const created = await this.unique(() =>
      this.db.transaction(async (tx) => {
        const id = await repo.insertServer(tx, { name: input.name ?? url, url, enabled: input.enabled ?? true });
        await recordAudit(tx, actor, {
          action: 'remsim_server.create',
          entityType: 'remsim_server',
          entityId: String(id),
          after: { ...input, url },
        });
        return id;
      }),
    );
    void this.reconciler?.trigger(created);
    return this.get(created);
  }

  async update(id: number, input: Partial<RemsimServerInput>, actor: Actor) {
    const url = input.url === undefined ? undefined : checkRemsimUrl(input.url);
    await this.unique(() =>
      this.db.transaction(async (tx) => {
        const before = await repo.getServer(tx, id);
        if (!before) throw remsimServerNotFound(id);
        await repo.updateServer(tx, id, {
          ...(input.name !== undefined && { name: input.name }),
          // Another server: what was known of the old one's reachability no longer holds.
          ...(url !== undefined &&
            url !== before.url && { url, reachable: null, failures: 0, nextAttemptAt: null, lastError: null }),
          ...(input.enabled !== undefined && { enabled: input.enabled }),
        });
        await recordAudit(tx, actor, {
          action: 'remsim_server.update',
          entityType: 'remsim_server',
          entityId: String(id),
          before: { name: before.name, url: before.url, enabled: before.enabled },
          after: { ...input, ...(url !== undefined && { url }) },
        });
      }),
    );
    void this.reconciler?.trigger(id);
    return this.get(id);
  }

  async remove(id: number, actor: Actor) {
    return this.db.transaction(async (tx) => {
      const before = await repo.getServer(tx, id);
      if (!before) throw remsimServerNotFound(id);
      const used = await repo.bankdCount(tx, id);
      if (used > 0)
        throw conflict('REMSIM_SERVER_IN_USE', `remsim-server ${id} still maps the slots of ${used} bankd instance(s)`);
      await repo.deleteServer(tx, id);
      await recordAudit(tx, actor, { action: 'remsim_server.delete', entityType: 'remsim_server', entityId: String(id), before });
      return { status: 'success' as const, message: `remsim-server ${id} deleted` };
    });
  }

  /** Runs a pass now (ignoring the retry back-off) and answers its outcome. */
  async reconcile(id: number, actor: Actor) {
    const server = await this.get(id);
    if (!server.enabled) throw serverDisabled(id);
    if (!this.reconciler) throw reconcilerNotRunning();
    const result = await this.reconciler.reconcileNow(id);
    if (!result) throw reconcileBusy(id, await this.db.run((db) => repo.leaseHolder(db, id)));
    await this.db.transaction((tx) =>
      recordAudit(tx, actor, {
        action: 'remsim_server.reconcile',
        entityType: 'remsim_server',
        entityId: String(id),
        after: result.figures,
      }),
    );
    return { ...result, status: result.reachable ? ('reconciled' as const) : ('unreachable' as const) };
  }

  private unique<T>(fn: () => Promise<T>) {
    return uniqueOr(() => conflict('REMSIM_SERVER_EXISTS', 'A remsim-server with that name or URL already exists'), fn);
  }
}
