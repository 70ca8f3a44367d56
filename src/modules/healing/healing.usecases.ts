// Self-healing for people and routers: incidents listed, shown with their attempts, acknowledged
// and resolved by hand (audited); a tenant's playbooks; and a client's own request for another
// card or another bankd (the seeds' request_new_sim_slot_from_ionmesh and
// request_different_bankd_from_ionmesh), healed at once within the same limits as the engine.
import type { Database } from '../../app/database.js';
import type { Actor } from '../../domain/actor.js';
import { tenantNotFound } from '../../domain/errors.js';
import { readTenant, type TenantScope } from '../../domain/tenant-scope.js';
import { recordAudit } from '../audit/index.js';
import { type ClientCaller, type ClientsService, clientNotFound } from '../clients/index.js';
import { insertEvent } from '../events/index.js';
import { tenantExists } from '../inventory/index.js';
import { clientKey, eventOf, type HealingEngine, type Move } from './healing.engine.js';
import {
  healingCooldown,
  healingDisabled,
  healingInProgress,
  healingLimited,
  incidentNotFound,
  incidentResolved,
  noFreeCard,
} from './healing.errors.js';
import { type Playbooks, playbooksOf } from './healing.playbooks.js';
import * as repo from './healing.repository.js';

export interface IncidentQuery {
  tenant_id?: number;
  cause?: string;
  state?: string;
  severity?: string;
  client_id?: string;
  bank_id?: number;
  limit?: number;
  offset?: number;
}

export interface ClientRequest {
  client_id: string;
  tenant_id?: number;
  reason?: string;
}

export class HealingService {
  constructor(
    private readonly db: Database,
    private readonly engine: HealingEngine,
    private readonly clients: Pick<ClientsService, 'authorizeClientCall'>,
  ) {}

  list(q: IncidentQuery, scope: TenantScope) {
    const limit = q.limit ?? 50;
    const offset = q.offset ?? 0;
    const filter: repo.IncidentFilter = {
      tenantId: readTenant(scope, q.tenant_id),
      ...(q.cause ? { cause: q.cause } : {}),
      ...(q.state ? { state: q.state } : {}),
      ...(q.severity ? { severity: q.severity } : {}),
      ...(q.client_id ? { clientId: q.client_id } : {}),
      ...(q.bank_id !== undefined ? { bankId: q.bank_id } : {}),
    };
    return this.db.run(async (h) => ({ ...(await repo.listIncidents(h, filter, limit, offset)), limit, offset }));
  }

  async get(id: number) {
    return this.db.run(async (h) => {
      const i = await repo.getIncident(h, id);
      if (!i) throw incidentNotFound(id);
      return { ...i, attempts_log: await repo.attemptsOf(h, id) };
    });
  }

  /** A person has seen it (the engine goes on healing). */
  async acknowledge(id: number, actor: Actor) {
    await this.db.transaction(async (tx) => {
      const i = await repo.getIncident(tx, id, true);
      if (!i) throw incidentNotFound(id);
      if (i.acknowledged_at) return;
      await repo.acknowledge(tx, id, actor.actor);
      await insertEvent(tx, 'incident.acknowledged', i.tenant_id, eventOf(i));
      await recordAudit(tx, actor, {
        tenantId: i.tenant_id,
        action: 'incident.acknowledge',
        entityType: 'incident',
        entityId: String(id),
      });
    });
    return this.get(id);
  }

  /** A person resolves it: the engine stops (a follow-up such as moving clients back is dropped). */
  async resolve(id: number, note: string | undefined, actor: Actor) {
    await this.db.transaction(async (tx) => {
      const i = await repo.getIncident(tx, id, true);
      if (!i) throw incidentNotFound(id);
      if (i.state === 'resolved') throw incidentResolved(id);
      await this.engine.transition(tx, i, null, {
        state: 'resolved',
        nextInSec: null,
        followUp: null,
        resolution: note ?? `resolved by ${actor.actor}`,
        resolvedBy: actor.actor,
      });
      await recordAudit(tx, actor, {
        tenantId: i.tenant_id,
        action: 'incident.resolve',
        entityType: 'incident',
        entityId: String(id),
        before: { state: i.state },
        after: { state: 'resolved', note: note ?? null },
      });
    });
    return this.get(id);
  }

  async playbooks(tenantId: number) {
    const stored = await this.db.run(async (h) => {
      if (!(await tenantExists(h, tenantId))) throw tenantNotFound(tenantId);
      return repo.storedPlaybooks(h, tenantId);
    });
    return { tenant_id: tenantId, ...playbooksOf(stored) };
  }

  /** Changes a tenant's playbooks: the fields given, the rest as they were. */
  async putPlaybooks(tenantId: number, patch: Record<string, unknown>, actor: Actor) {
    await this.db.transaction(async (tx) => {
      if (!(await tenantExists(tx, tenantId))) throw tenantNotFound(tenantId);
      const stored = await repo.storedPlaybooks(tx, tenantId);
      const before = playbooksOf(stored);
      const next = playbooksOf(stored, patch);
      await repo.putPlaybooks(tx, tenantId, next);
      await recordAudit(tx, actor, {
        tenantId,
        action: 'healing.update',
        entityType: 'tenant',
        entityId: String(tenantId),
        before,
        after: next,
      });
    });
    return this.playbooks(tenantId);
  }

  /**
   * A client asks for another card (kind 'sim': its card failed) or another bankd: an incident,
   * a move at once within the cooldown and hourly limit, the answer the router needs (its RSPRO
   * identity is unchanged; the remsim-server map follows).
   */
  async clientRequest(kind: 'sim' | 'bankd', req: ClientRequest, caller: ClientCaller, actor: Actor) {
    const tenantAsked = await this.clients.authorizeClientCall(req.client_id, req.tenant_id ?? null, caller, actor, 'new_slot');
    const profiles = await this.db.run((h) => repo.clientNow(h, req.client_id, tenantAsked));
    const p = profiles[0];
    if (!p) throw clientNotFound(req.client_id);
    const books: Playbooks = await this.db.run((h) => this.engine.playbooks(h, p.tenant_id));
    if (!books.client_request.enabled) throw healingDisabled('client_request');
    const reason = req.reason ?? (kind === 'sim' ? 'SIM failure' : 'bankd unreachable');
    const incident = await this.db.transaction(async (tx) => {
      const opened = await this.engine.open(tx, {
        tenantId: p.tenant_id,
        cause: 'client_request',
        severity: 'warning',
        state: 'healing',
        objectKey: clientKey(p.tenant_id, req.client_id),
        clientId: req.client_id,
        bankId: p.bank_id,
        slotId: p.slot_id,
        summary: `client ${req.client_id} asks for another ${kind === 'sim' ? 'card' : 'bankd'}: ${reason}`,
        details: { kind, reason },
        nextInSec: null,
      });
      if (opened) return opened;
      // An earlier request that could not be healed (escalated) is the same problem: tried again.
      const earlier = await repo.lockOpen(tx, 'client_request', clientKey(p.tenant_id, req.client_id));
      if (earlier?.state !== 'escalated') throw healingInProgress(req.client_id, earlier?.id ?? null);
      return repo.changeIncident(tx, earlier.id, { state: 'healing', details: { ...earlier.details, kind, reason } }, null);
    });
    if (!incident) throw healingInProgress(req.client_id, null);
    const from = { bank_id: p.bank_id, slot_id: p.slot_id };
    const m: Move = {
      incident,
      tenantId: p.tenant_id,
      clientId: req.client_id,
      from,
      action: kind === 'sim' ? 'new_slot' : 'other_bankd',
      reason: `client request: ${reason}`,
      options: kind === 'sim' ? { leaveCard: 'faulty' } : { otherBankd: true, connectedOnly: true },
    };
    // A card the client reports failed is locked (faulty) when the playbook says so; its client
    // moves in the same use case. Otherwise (or another bankd) a move, the card left available.
    const lockCard = kind === 'sim' && books.client_request.mark_faulty;
    const moved = await this.engine.move(
      lockCard ? m : { ...m, options: kind === 'sim' ? { leaveCard: 'available' } : m.options },
      books,
      lockCard
        ? async () => {
            const out = await this.engine.takeOut(m, `self-healing: client ${req.client_id} reported: ${reason}`);
            return 'skipped' in out ? { failed: out.skipped, noCard: false } : out;
          }
        : undefined,
    );
    await this.db.transaction(async (tx) => {
      await this.engine.transition(
        tx,
        incident,
        null,
        moved.ok
          ? {
              state: 'resolved',
              nextInSec: null,
              attempts: incident.attempts + 1,
              details: { ...incident.details, moved_to: moved.to },
              resolution: `moved to bank ${moved.to.bank_id} slot ${moved.to.slot_id}`,
              resolvedBy: 'self-healing',
            }
          : {
              state: 'escalated',
              nextInSec: null,
              attempts: incident.attempts + 1,
              details: { ...incident.details, last_error: moved.detail },
              summary: `${incident.summary} — escalated: ${moved.detail}`,
            },
      );
      if (!moved.ok && moved.why !== 'failed')
        await repo.insertAttempt(tx, {
          incidentId: incident.id,
          tenantId: p.tenant_id,
          action: m.action,
          result: 'skipped',
          clientId: req.client_id,
          detail: moved.detail,
        });
    });
    if (!moved.ok) {
      if (moved.why === 'cooldown') throw healingCooldown(moved.detail, moved.retryAfterSec ?? 60, incident.id);
      if (moved.why === 'limit') throw healingLimited(moved.detail, incident.id);
      // The card stays locked waiting for a free one (the protection job moves the client then).
      if (moved.noCard && !moved.error) throw noFreeCard(moved.detail, incident.id);
      throw moved.error ?? healingInProgress(req.client_id, incident.id);
    }
    const now = await this.db.run((h) => repo.assignmentOf(h, req.client_id, p.tenant_id));
    return {
      status: 'success' as const,
      client_id: req.client_id,
      bank_id: now.rspro_client_id,
      slot_id: now.rspro_slot_nr,
      iccid: now.iccid ?? '',
      imsi: now.imsi ?? '',
      bankd_endpoint: now.bankd_endpoint ?? '',
      sim_slot: { bank_id: now.bank_id, slot_id: now.slot_id, tenant_id: p.tenant_id },
      incident_id: incident.id,
      message: `${req.client_id} moved from bank ${from.bank_id} slot ${from.slot_id} to bank ${now.bank_id} slot ${now.slot_id}`,
    };
  }
}
