// Card protection: a tenant's settings; auto-lock of a card whose failures within a window reach
// the tenant's limit (it becomes faulty, its client moves to a card of the same carrier); cards
// leaving service before their validity ends; IMEI bindings ("lock what you see" binds the IMEI
// every card is used with now). The job runs after each usage accounting turn.
import type { Database } from '../../app/database.js';
import type { Actor } from '../../domain/actor.js';
import { invalid, tenantNotFound } from '../../domain/errors.js';
import { readTenant, type TenantScope, writeTenant } from '../../domain/tenant-scope.js';
import { recordAudit } from '../audit/index.js';
import type { CardActions } from './card-actions.js';
import { bindingNotFound } from './plans.errors.js';
import * as repo from './protection.repository.js';

export interface BindingInput {
  tenant_id: number;
  bank_id?: number;
  slot_id?: number;
  client_id?: string;
  imei: string;
  enforcing?: boolean;
}

export class ProtectionService {
  constructor(
    private readonly db: Database,
    private readonly cards: CardActions,
  ) {}

  async settings(tenantId: number) {
    const s = await this.db.run((h) => repo.settingsOf(h, tenantId));
    if (!s) throw tenantNotFound(tenantId);
    return s;
  }

  async putSettings(tenantId: number, patch: Partial<repo.ProtectionSettings>, actor: Actor) {
    const before = await this.settings(tenantId);
    const { tenant_id: _t, ...current } = before;
    const after = { ...current, ...patch };
    await this.db.transaction(async (tx) => {
      await repo.putSettings(tx, tenantId, after);
      await recordAudit(tx, actor, {
        tenantId,
        action: 'protection.update',
        entityType: 'tenant',
        entityId: String(tenantId),
        before,
        after,
      });
    });
    return this.settings(tenantId);
  }

  /** One turn: failures recorded, failing cards locked, expiring cards retired, waiting moves retried. */
  async run(maxCards = 100) {
    const noPresence = await this.db.transaction((tx) => repo.recordMissingPresence(tx));
    let locked = 0;
    for (const c of await this.db.run((h) => repo.failingCards(h, maxCards))) {
      const parts = [
        c.health_errors && `${c.health_errors} health errors`,
        c.tpdu_errors && `${c.tpdu_errors} samples with TPDU errors`,
        c.no_presence && `${c.no_presence} registrations never connected`,
      ].filter(Boolean);
      const r = await this.cards.takeOutOfService({
        tenantId: c.tenant_id,
        bankId: c.bank_id,
        slotId: c.slot_id,
        kind: 'auto_lock',
        reason: `${c.failures} failures in ${c.window_min} min (limit ${c.failure_limit}): ${parts.join(', ')}`,
        details: { ...c },
        leave: 'faulty',
      });
      if (r.result !== 'skipped') locked += 1;
    }
    let retired = 0;
    for (const c of await this.db.run((h) => repo.expiringCards(h, maxCards))) {
      const r = await this.cards.takeOutOfService({
        tenantId: c.tenant_id,
        bankId: c.bank_id,
        slotId: c.slot_id,
        kind: 'validity',
        reason: `valid until ${c.valid_until}: out of service ${c.notice_hours} h before it ends`,
        details: { valid_until: c.valid_until, notice_hours: c.notice_hours },
        leave: 'disabled',
      });
      if (r.result !== 'skipped') retired += 1;
    }
    const moves = await this.cards.retryPendingMoves();
    await this.db.run((h) => repo.pruneFailures(h));
    return { no_presence: noPresence, locked, retired, moved: moves.moved };
  }

  bindings(q: { tenant_id?: number; client_id?: string; limit?: number; offset?: number }, scope: TenantScope) {
    const limit = q.limit ?? 50;
    const offset = q.offset ?? 0;
    return this.db.run(async (h) => ({
      ...(await repo.listBindings(h, readTenant(scope, q.tenant_id), q.client_id, limit, offset)),
      limit,
      offset,
    }));
  }

  /** Binds a card (bank_id + slot_id) or a client (client_id) to an IMEI. */
  async bind(input: BindingInput, actor: Actor, scope: TenantScope) {
    writeTenant(scope, input.tenant_id);
    const card = input.bank_id !== undefined || input.slot_id !== undefined;
    if (card === (input.client_id !== undefined))
      throw invalid('bind a card (bank_id and slot_id) or a client (client_id), one of them', { field: 'client_id' });
    if (card && (input.bank_id === undefined || input.slot_id === undefined))
      throw invalid('a card is named by bank_id and slot_id', { field: input.bank_id === undefined ? 'bank_id' : 'slot_id' });
    return this.db.transaction(async (tx) => {
      const b = await repo.upsertBinding(tx, {
        tenantId: input.tenant_id,
        bankId: input.bank_id ?? null,
        slotId: input.slot_id ?? null,
        clientId: input.client_id ?? null,
        imei: input.imei,
        enforcing: input.enforcing ?? false,
        by: actor.actor,
      });
      await recordAudit(tx, actor, {
        tenantId: input.tenant_id,
        action: 'imei.bind',
        entityType: 'imei_binding',
        entityId: String(b.id),
        after: b,
      });
      return b;
    });
  }

  /** "Lock what you see": binds every active card of the tenant (or of one bank) to the IMEI of
   * the modem that uses it now. Cards whose modem never reported an IMEI are left. */
  async bindCurrent(
    input: { tenant_id: number; bank_id?: number; slot_id?: number; enforcing?: boolean },
    actor: Actor,
    scope: TenantScope,
  ) {
    writeTenant(scope, input.tenant_id);
    return this.db.transaction(async (tx) => {
      const cards = await repo.cardsWithImei(tx, input.tenant_id, input.bank_id, input.slot_id);
      for (const c of cards)
        await repo.upsertBinding(tx, {
          tenantId: input.tenant_id,
          bankId: c.bank_id,
          slotId: c.slot_id,
          clientId: null,
          imei: c.imei,
          enforcing: input.enforcing ?? false,
          by: actor.actor,
        });
      // Nothing bound, nothing changed: no audit entry.
      if (cards.length > 0)
        await recordAudit(tx, actor, {
          tenantId: input.tenant_id,
          action: 'imei.bind',
          entityType: 'tenant',
          entityId: String(input.tenant_id),
          after: {
            bound: cards.length,
            bank_id: input.bank_id ?? null,
            slot_id: input.slot_id ?? null,
            enforcing: input.enforcing ?? false,
          },
        });
      return { status: 'success' as const, bound: cards.length, cards };
    });
  }

  async unbind(id: number, actor: Actor, scope: TenantScope) {
    return this.db.transaction(async (tx) => {
      const b = await repo.getBinding(tx, id);
      if (!b || readTenant(scope, b.tenant_id) !== b.tenant_id) throw bindingNotFound(id);
      await repo.deleteBinding(tx, id);
      await recordAudit(tx, actor, {
        tenantId: b.tenant_id,
        action: 'imei.unbind',
        entityType: 'imei_binding',
        entityId: String(id),
        before: b,
      });
      return { status: 'success' as const, message: `IMEI binding ${id} removed` };
    });
  }
}
