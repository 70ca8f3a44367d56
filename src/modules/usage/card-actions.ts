// Taking a card out of service (a usage threshold, auto-lock after failures, an IMEI change,
// validity) and putting it back: the card becomes disabled or faulty with a lock that says why;
// its client moves to a free card of the same carrier and keeps its RSPRO identity (the
// reconciler moves the remsim-server map). With no free card the client stays and the lock waits
// (pending_move), retried every turn of the protection job. An operator unlocks it.
import type { Database } from '../../app/database.js';
import { type Actor, SYSTEM } from '../../domain/actor.js';
import { DomainError } from '../../domain/errors.js';
import { ALL_TENANTS } from '../../domain/tenant-scope.js';
import { recordAudit } from '../audit/index.js';
import type { ClientsService, ImeiLocked } from '../clients/index.js';
import { insertEvent } from '../events/index.js';
import { setSlotStatus } from '../inventory/index.js';
import * as locks from './locks.repository.js';
import { cardNotLocked } from './plans.errors.js';

export interface OutOfService {
  tenantId: number;
  bankId: number;
  slotId: number;
  kind: locks.LockKind;
  reason: string;
  /** The numbers behind the decision (audited and kept on the lock). */
  details: Record<string, unknown>;
  /** What the card becomes: disabled (usage, validity, IMEI) or faulty (failures). */
  leave: 'disabled' | 'faulty';
}

export interface OutOfServiceResult {
  result: 'done' | 'pending' | 'skipped';
  detail: string | null;
  client_id: string | null;
  moved_to: { bank_id: number; slot_id: number } | null;
}

const errorText = (err: unknown) => (err instanceof DomainError ? `${err.code}: ${err.message}` : String(err));

export class CardActions {
  constructor(
    private readonly db: Database,
    private readonly clients: ClientsService,
    /** Told the banks whose remsim-server maps change (an IMEI lock blocks a card in place). */
    private readonly banksChanged: (bankIds: number[]) => void = () => {},
  ) {}

  /**
   * A heartbeat an enforcing IMEI binding refused: the card is disabled where it is, its client
   * stays on it (so that it cannot take another card) and the remsim-server map goes (the modem
   * gets no SIM), until an operator unlocks the card or binds the new IMEI.
   */
  async lockImei(l: ImeiLocked) {
    const done = await this.db.transaction(async (tx) => {
      if (await locks.activeLock(tx, l.bank_id, l.slot_id)) return false;
      const where = { bankId: l.bank_id, slotId: l.slot_id, tenantId: l.tenant_id };
      const reason = `modem IMEI ${l.imei ?? 'unknown'} is not the bound ${l.bound_imei}`;
      await setSlotStatus(tx, where, 'assigned', 'disabled', reason);
      const details = { imei: l.imei, bound_imei: l.bound_imei, profile_id: l.profile_id };
      const id = await locks.insertLock(tx, { ...where, kind: 'imei', reason, details, state: 'locked', clientId: l.client_id });
      if (id === null) return false;
      await insertEvent(tx, 'card.locked', l.tenant_id, {
        bank_id: l.bank_id,
        slot_id: l.slot_id,
        kind: 'imei',
        reason,
        client_id: l.client_id,
        moved_to: null,
        state: 'locked',
      });
      await recordAudit(tx, SYSTEM, {
        tenantId: l.tenant_id,
        action: 'card.lock',
        entityType: 'slot',
        entityId: `${l.bank_id}/${l.slot_id}`,
        after: { kind: 'imei', reason, client_id: l.client_id, ...details },
      });
      return true;
    });
    if (done) this.banksChanged([l.bank_id]);
  }

  /** Takes a card out of service; a card locked already is left as it is (skipped). */
  async takeOutOfService(o: OutOfService, actor: Actor = SYSTEM): Promise<OutOfServiceResult> {
    const card = await this.db.run((h) => locks.cardState(h, o.bankId, o.slotId));
    const existing = await this.db.run((h) => locks.activeLock(h, o.bankId, o.slotId));
    if (existing) return { result: 'skipped', detail: `already locked (${existing.kind})`, client_id: null, moved_to: null };
    const clientId = card?.client_id ?? null;
    if (clientId && card?.mapping_mode === 'KI_PROXY_SWSIM')
      return {
        result: 'skipped',
        detail: 'a virtual SIM of a KI pool: the pool’s cards serve others too',
        client_id: clientId,
        moved_to: null,
      };
    let moved: { bank_id: number; slot_id: number } | null = null;
    let waiting: string | null = null;
    if (clientId) {
      try {
        const r = await this.clients.reassign(
          clientId,
          { tenant_id: o.tenantId, reason: `${o.kind}: ${o.reason}` },
          actor,
          ALL_TENANTS,
          { leaveCard: o.leave, from: { bank_id: o.bankId, slot_id: o.slotId } },
        );
        moved = { bank_id: r.to.bank_id, slot_id: r.to.slot_id };
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        waiting = errorText(err);
      }
    }
    const state = waiting ? 'pending_move' : 'locked';
    return this.db.transaction(async (tx) => {
      // No client on it: the card itself is taken out (from whatever serving state it is in).
      if (!clientId && card?.status === 'available')
        await setSlotStatus(
          tx,
          { bankId: o.bankId, slotId: o.slotId, tenantId: o.tenantId },
          'available',
          o.leave,
          `${o.kind}: ${o.reason}`,
        );
      const details = { ...o.details, moved_to: moved, waiting_for_card: waiting };
      const id = await locks.insertLock(tx, {
        tenantId: o.tenantId,
        bankId: o.bankId,
        slotId: o.slotId,
        kind: o.kind,
        reason: o.reason,
        details,
        state,
        clientId,
      });
      if (id === null) return { result: 'skipped' as const, detail: 'locked meanwhile', client_id: clientId, moved_to: moved };
      await insertEvent(tx, 'card.locked', o.tenantId, {
        bank_id: o.bankId,
        slot_id: o.slotId,
        kind: o.kind,
        reason: o.reason,
        client_id: clientId,
        moved_to: moved,
        state,
      });
      await recordAudit(tx, actor, {
        tenantId: o.tenantId,
        action: 'card.lock',
        entityType: 'slot',
        entityId: `${o.bankId}/${o.slotId}`,
        after: { kind: o.kind, reason: o.reason, state, client_id: clientId, ...details },
      });
      return {
        result: waiting ? ('pending' as const) : ('done' as const),
        detail: waiting ? `client ${clientId} stays until a card is free (${waiting})` : null,
        client_id: clientId,
        moved_to: moved,
      };
    });
  }

  /** Locks whose client is still on the card: tries to move it again (a card may be free now). */
  async retryPendingMoves(limit = 50) {
    const pending = await this.db.run((h) => locks.pendingMoves(h, limit));
    let moved = 0;
    for (const l of pending) {
      const card = await this.db.run((h) => locks.cardState(h, l.bank_id, l.slot_id));
      const leave = l.kind === 'auto_lock' ? 'faulty' : 'disabled';
      if (!card?.client_id) {
        // The client left by itself (unregistered): the card is free and now goes out.
        await this.db.transaction(async (tx) => {
          if (card?.status === 'available')
            await setSlotStatus(
              tx,
              { bankId: l.bank_id, slotId: l.slot_id, tenantId: l.tenant_id },
              'available',
              leave,
              `${l.kind}: ${l.reason}`,
            );
          await locks.setLockState(tx, l.id, 'locked', { ...(l.details as object), waiting_for_card: null });
        });
        moved += 1;
        continue;
      }
      try {
        const r = await this.clients.reassign(
          card.client_id,
          { tenant_id: l.tenant_id, reason: `${l.kind}: ${l.reason}` },
          SYSTEM,
          ALL_TENANTS,
          { leaveCard: leave, from: { bank_id: l.bank_id, slot_id: l.slot_id } },
        );
        await this.db.transaction(async (tx) => {
          await locks.setLockState(tx, l.id, 'locked', {
            ...(l.details as object),
            moved_to: { bank_id: r.to.bank_id, slot_id: r.to.slot_id },
            waiting_for_card: null,
          });
          await insertEvent(tx, 'card.locked', l.tenant_id, {
            bank_id: l.bank_id,
            slot_id: l.slot_id,
            kind: l.kind,
            reason: l.reason,
            client_id: card.client_id,
            moved_to: { bank_id: r.to.bank_id, slot_id: r.to.slot_id },
            state: 'locked',
          });
        });
        moved += 1;
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
      }
    }
    return { pending: pending.length, moved };
  }

  /** Locks, newest first. */
  async list(f: { tenantId: number | undefined; active: boolean; kind?: string }, page: { limit: number; offset: number }) {
    return { ...(await this.db.run((h) => locks.listLocks(h, f, page.limit, page.offset))), ...page };
  }

  /** An operator puts a locked card back in service. */
  async unlock(bankId: number, slotId: number, actor: Actor) {
    const r = await this.db.transaction(async (tx) => {
      const l = await locks.activeLock(tx, bankId, slotId);
      if (!l) throw cardNotLocked(bankId, slotId);
      await locks.endLock(tx, l.id, actor.actor);
      const card = await locks.cardState(tx, bankId, slotId);
      // Back to serving: its client's again when one still holds it (an IMEI lock), else free.
      const out = card?.status === 'faulty' || card?.status === 'disabled';
      const back = card?.client_id ? 'assigned' : 'available';
      if (out)
        await setSlotStatus(
          tx,
          { bankId, slotId, tenantId: l.tenant_id },
          card.status as string,
          back,
          `unlocked by ${actor.actor}`,
        );
      await insertEvent(tx, 'card.unlocked', l.tenant_id, { bank_id: bankId, slot_id: slotId, kind: l.kind, by: actor.actor });
      await recordAudit(tx, actor, {
        tenantId: l.tenant_id,
        action: 'card.unlock',
        entityType: 'slot',
        entityId: `${bankId}/${slotId}`,
        before: l,
      });
      return {
        status: 'success' as const,
        bank_id: bankId,
        slot_id: slotId,
        lock_id: l.id,
        kind: l.kind,
        slot_status: out ? back : (card?.status ?? null),
      };
    });
    if (r.kind === 'imei') this.banksChanged([bankId]);
    return r;
  }
}
