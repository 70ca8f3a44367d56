// The self-healing engine (decision 0018). Every replica runs it. Detection: one pass at a time
// holds its cursor over the event outbox (FOR UPDATE SKIP LOCKED) and turns the events that name
// a problem into incidents — opened once per cause and object (a unique index), in the commit
// that moves the cursor — and the events that end one (a bank or a router back) into its next
// step. Healing: incidents that are due are claimed with a lease and a token (SKIP LOCKED), one
// pass each; a playbook step acts through the owning modules (a move is ClientsService.reassign
// with the card it leaves as a precondition, so no client is ever moved twice for one problem),
// records its attempt, and the incident moves on — resolved, retried after a back-off, or
// escalated — only while the pass still holds it. Moves count against the tenant's cooldown per
// client and its hourly limit, reserved under an advisory lock before the move.
import type { FastifyBaseLogger } from 'fastify';
import type { Database, Sql } from '../../app/database.js';
import type { Actor } from '../../domain/actor.js';
import { DomainError } from '../../domain/errors.js';
import { ALL_TENANTS } from '../../domain/tenant-scope.js';
import type { ClientsService } from '../clients/index.js';
import type { CommandsService } from '../commands/index.js';
import { insertEvent, type OutboxEvent, outboxAfter } from '../events/index.js';
import type { CardActions } from '../usage/index.js';
import { backoffSec, type Cause, type Playbooks, playbooksOf } from './healing.playbooks.js';
import * as repo from './healing.repository.js';

export interface HealingPorts {
  clients: Pick<ClientsService, 'reassign'>;
  cardActions: Pick<CardActions, 'takeOutOfService'>;
  commands: Pick<CommandsService, 'queue'>;
}

/** What the engine reports as it acts (the metrics module implements it). */
export interface HealingObserver {
  attempt(action: string, result: string): void;
  recovered(cause: string, seconds: number): void;
}

export interface HealingSettings {
  /** Events read per detection step at most. */
  batch?: number;
  /** Incidents claimed per pass at most, and how long a claim holds. */
  claimMax?: number;
  leaseSec?: number;
  observer?: HealingObserver;
}

/** How often an incident waiting for the reconciler is looked at again. */
const DRIFT_CHECK_SEC = 10;

const errorText = (err: unknown) => (err instanceof DomainError ? `${err.code}: ${err.message}` : String(err));
const isNoSlot = (err: unknown) => err instanceof DomainError && err.code === 'NO_SLOT_AVAILABLE';
const intOf = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) ? v : null);
const strOf = (v: unknown) => (typeof v === 'string' ? v : null);

export const cardKey = (bankId: number, slotId: number) => `card:${bankId}/${slotId}`;
export const clientKey = (tenantId: number, clientId: string) => `client:${tenantId}/${clientId}`;
export const bankKey = (bankId: number) => `bank:${bankId}`;
export const serverKey = (serverId: number) => `server:${serverId}`;
/** The actor of a healing step, in the audit trail of what it changed. */
export const healingActor = (incidentId: number): Actor => ({ actor: `healing:${incidentId}` });

/** The answer of a move: done, refused by the cooldown or the hourly limit, or failed. */
type Reassigned = Awaited<ReturnType<ClientsService['reassign']>>;
export type MoveOutcome =
  | { ok: true; to: { bank_id: number; slot_id: number }; answer: Reassigned | null }
  | {
      ok: false;
      why: 'cooldown' | 'limit' | 'failed';
      detail: string;
      noCard?: boolean;
      error?: unknown;
      retryAfterSec?: number;
    };
/** What a move's act did: moved (to), or failed (why; noCard: no free card to move to). */
export type ActResult =
  | { to: { bank_id: number; slot_id: number }; answer?: Reassigned }
  | { failed: string; noCard: boolean; error?: unknown };

export interface Move {
  incident: repo.IncidentRow;
  tenantId: number;
  clientId: string;
  from: { bank_id: number; slot_id: number };
  action: string;
  reason: string;
  /** Not held back by the client's cooldown (a bank giving back its clients). */
  ignoreCooldown?: boolean;
  to?: { bank_id: number; slot_id: number };
  options?: Parameters<ClientsService['reassign']>[4];
}

export class HealingEngine {
  private readonly batch: number;
  private readonly claimMax: number;
  private readonly leaseSec: number;

  constructor(
    private readonly db: Database,
    private readonly ports: HealingPorts,
    private readonly log?: FastifyBaseLogger,
    private readonly settings: HealingSettings = {},
  ) {
    this.batch = settings.batch ?? 2000;
    this.claimMax = settings.claimMax ?? 20;
    this.leaseSec = settings.leaseSec ?? 120;
  }

  /** One pass of the job: detect from the new events (a backlog drains, bounded), then heal what is due. */
  async tick() {
    let events = 0;
    for (let i = 0; i < 10; i++) {
      const step = await this.detect();
      events += step.taken;
      if (step.taken < this.batch) break;
    }
    let healed = 0;
    for (let i = 0; i < 5; i++) {
      const n = await this.healDue();
      healed += n;
      if (n < this.claimMax) break;
    }
    return { events, healed };
  }

  /** The playbooks in force for a tenant (the defaults for installation-wide incidents). */
  async playbooks(db: Sql, tenantId: number | null): Promise<Playbooks> {
    return playbooksOf(tenantId === null ? null : await repo.storedPlaybooks(db, tenantId));
  }

  // ---------------------------------------------------------------- detection

  async detect() {
    const out = await this.db.transaction(async (tx) => {
      const cursor = await repo.lockCursor(tx);
      if (!cursor) return null;
      const { events, upTo } = await outboxAfter(tx, cursor, this.batch);
      const cache = new Map<number | null, Playbooks>();
      const books = async (tenantId: number | null) => {
        if (!cache.has(tenantId)) cache.set(tenantId, await this.playbooks(tx, tenantId));
        return cache.get(tenantId) as Playbooks;
      };
      for (const e of events) await this.onEvent(tx, e, books);
      if (upTo !== cursor) await repo.moveCursor(tx, upTo);
      return { taken: events.length };
    });
    return out ?? { taken: 0 };
  }

  private async onEvent(tx: Sql, e: OutboxEvent, books: (t: number | null) => Promise<Playbooks>) {
    const d = (e.data ?? {}) as Record<string, unknown>;
    const tenantId = e.tenant_id;
    switch (e.type) {
      case 'card.locked': {
        // Auto-lock after failures already moved the client (or waits for a card): recorded, and
        // followed while it waits. A lock self-healing made itself is its own incident's.
        if (tenantId === null || d.kind !== 'auto_lock') return;
        const bankId = intOf(d.bank_id) as number;
        const slotId = intOf(d.slot_id) as number;
        const clientId = strOf(d.client_id);
        const movedTo = d.moved_to as { bank_id: number; slot_id: number } | null;
        if (strOf(d.reason)?.startsWith('self-healing')) {
          // A lock of self-healing's own that waited for a free card: the protection job has moved
          // the client now; the incident that waited (or was escalated) for it is resolved.
          if (movedTo && clientId) await this.movedLater(tx, tenantId, bankId, slotId, clientId, movedTo);
          return;
        }
        if (!(await books(tenantId)).card_failure.enabled) return;
        const open = await repo.lockOpen(tx, 'card_failure', cardKey(bankId, slotId));
        if (open && movedTo) {
          await this.resolveMoved(tx, open, clientId, movedTo, 'by auto-lock');
          return;
        }
        if (open || !clientId) return;
        const opened = await this.open(tx, {
          tenantId,
          cause: 'card_failure',
          severity: 'warning',
          state: movedTo ? 'resolved' : 'healing',
          objectKey: cardKey(bankId, slotId),
          clientId,
          bankId,
          slotId,
          summary: `card bank ${bankId} slot ${slotId} auto-locked: ${strOf(d.reason) ?? 'failures'}`,
          details: { lock: { kind: d.kind, state: d.state } },
          eventId: e.id,
          detectedAt: e.created_at,
          nextInSec: movedTo ? null : 0,
          ...(movedTo
            ? {
                resolution: `client ${clientId} moved to bank ${movedTo.bank_id} slot ${movedTo.slot_id} (auto-lock)`,
                resolvedBy: 'auto-lock',
              }
            : {}),
        });
        if (opened && movedTo)
          await repo.insertAttempt(tx, {
            incidentId: opened.id,
            tenantId,
            action: 'reassign',
            result: 'success',
            clientId,
            moved: true,
            detail: `moved by auto-lock to bank ${movedTo.bank_id} slot ${movedTo.slot_id}`,
          });
        return;
      }
      case 'slot.health_changed':
      case 'client.health_changed': {
        if (tenantId === null || d.health !== 'error' || d.previous === 'error') return;
        if (!(await books(tenantId)).card_failure.enabled) return;
        let bankId = intOf(d.bank_id);
        let slotId = intOf(d.slot_id);
        const reporter = strOf(d.client_id);
        if (reporter) {
          const [p] = await repo.clientNow(tx, reporter, tenantId);
          if (!p || p.mapping_mode === 'KI_PROXY_SWSIM') return;
          bankId = p.bank_id;
          slotId = p.slot_id;
        }
        if (bankId === null || slotId === null) return;
        const card = reporter ? null : await repo.cardNow(tx, bankId, slotId);
        await this.openCardFailure(tx, e, {
          tenantId,
          bankId,
          slotId,
          clientId: reporter ?? card?.client_id ?? null,
          summary: reporter
            ? `client ${reporter} reports health error on card bank ${bankId} slot ${slotId}`
            : `card bank ${bankId} slot ${slotId} health error`,
        });
        return;
      }
      case 'slot.unserved': {
        // The remsim side cannot serve the card a client holds (its bankd serves fewer slots, a
        // foreign map holds it): the lost-card playbook moves the client; the card is not
        // blamed (not locked), and it is handed out again once it is served.
        const clientId = strOf(d.client_id);
        if (tenantId === null || !clientId || !(await books(tenantId)).card_failure.enabled) return;
        const bankId = intOf(d.bank_id) as number;
        const slotId = intOf(d.slot_id) as number;
        await this.openCardFailure(tx, e, {
          tenantId,
          bankId,
          slotId,
          clientId,
          summary: `card bank ${bankId} slot ${slotId} is not served: ${strOf(d.reason) ?? 'unserved'}`,
          details: { unserved: strOf(d.reason) },
        });
        return;
      }
      case 'bank.offline': {
        if (tenantId === null || !(await books(tenantId)).bankd_loss.enabled) return;
        const bankId = intOf(d.bank_id) as number;
        const bank = await repo.bankNow(tx, bankId);
        await this.open(
          tx,
          {
            tenantId,
            cause: 'bankd_loss',
            severity: 'critical',
            state: 'detected',
            objectKey: bankKey(bankId),
            bankId,
            bankdId: bank?.bankd_instance_id ?? null,
            serverId: intOf(d.server_id),
            summary: `bank ${bankId}: its bankd is no longer listed by remsim-server ${intOf(d.server_id)}`,
            eventId: e.id,
            detectedAt: e.created_at,
            nextInSec: 0,
          },
          true,
        );
        return;
      }
      case 'bank.online': {
        if (tenantId === null) return;
        const bankId = intOf(d.bank_id) as number;
        const open = await repo.lockOpen(tx, 'bankd_loss', bankKey(bankId));
        const moved = ((open?.details.moved as unknown[] | undefined) ?? []).length;
        const moveBack = (await books(tenantId)).bankd_loss.move_back;
        if (open)
          await this.transition(tx, open, null, {
            state: 'resolved',
            nextInSec: moved && moveBack ? 0 : null,
            followUp: moved && moveBack ? 'move_back' : null,
            resolution: `bank ${bankId} returned${moved ? ` (${moved} client(s) had moved)` : ''}`,
            resolvedBy: 'bank returned',
          });
        const waiting = open ? null : await repo.lockFollowUp(tx, 'bankd_loss', bankKey(bankId), 'await_return');
        if (waiting)
          await repo.changeIncident(
            tx,
            waiting.id,
            moveBack ? { followUp: 'move_back', nextInSec: 0 } : { followUp: null },
            null,
          );
        return;
      }
      case 'client.offline': {
        // Agents that heartbeat (the sweep's reason); the deployed client's RSPRO drops are the remsim-server's.
        const clientId = strOf(d.client_id);
        if (tenantId === null || !clientId || !strOf(d.reason)?.startsWith('no heartbeat')) return;
        const pb = (await books(tenantId)).silent_router;
        if (!pb.enabled) return;
        await this.open(tx, {
          tenantId,
          cause: 'silent_router',
          severity: 'warning',
          state: 'diagnosing',
          objectKey: clientKey(tenantId, clientId),
          clientId,
          summary: `client ${clientId} went silent (${strOf(d.reason)})`,
          eventId: e.id,
          detectedAt: e.created_at,
          nextInSec: pb.escalate_after_min * 60,
        });
        return;
      }
      case 'client.online':
      case 'client.unregistered': {
        const clientId = strOf(d.client_id);
        if (tenantId === null || !clientId) return;
        const open = await repo.lockOpen(tx, 'silent_router', clientKey(tenantId, clientId));
        if (!open) return;
        if (e.type === 'client.unregistered')
          await this.transition(tx, open, null, {
            state: 'resolved',
            nextInSec: null,
            resolution: `client ${clientId} unregistered`,
            resolvedBy: 'client',
          });
        else await repo.changeIncident(tx, open.id, { state: 'healing', nextInSec: 0 }, null);
        return;
      }
      case 'remsim.server_restarted':
      case 'remsim.server_unreachable':
      case 'remsim.mapping_stalled': {
        const serverId = intOf(d.server_id);
        if (serverId === null || !(await books(null)).remsim_drift.enabled) return;
        const kind = e.type.slice('remsim.'.length);
        const open = await repo.lockOpen(tx, 'remsim_drift', serverKey(serverId));
        if (open) {
          const kinds = [...new Set([...((open.details.kinds as string[] | undefined) ?? []), kind])];
          await repo.changeIncident(
            tx,
            open.id,
            {
              details: { ...open.details, kinds },
              ...(kind === 'server_unreachable' ? { severity: 'critical' } : {}),
            },
            null,
          );
          return;
        }
        const what =
          kind === 'server_restarted'
            ? `lost ${intOf(d.lost) ?? 0} map(s) (restarted)`
            : kind === 'server_unreachable'
              ? `stopped answering (${strOf(d.error) ?? 'error'})`
              : `map of bank ${intOf(d.bank_id)} slot ${intOf(d.bank_slot)} stalled`;
        await this.open(tx, {
          tenantId: null,
          cause: 'remsim_drift',
          severity: kind === 'server_unreachable' ? 'critical' : 'warning',
          state: 'healing',
          objectKey: serverKey(serverId),
          serverId,
          summary: `remsim-server ${strOf(d.url) ?? serverId} ${what}`,
          details: { kinds: [kind] },
          eventId: e.id,
          detectedAt: e.created_at,
          nextInSec: DRIFT_CHECK_SEC,
        });
        return;
      }
    }
  }

  /** The incident of a card (or of its client's request) whose client a later retry moved: resolved. */
  private async movedLater(
    tx: Sql,
    tenantId: number,
    bankId: number,
    slotId: number,
    clientId: string,
    to: { bank_id: number; slot_id: number },
  ) {
    for (const [cause, key] of [
      ['card_failure', cardKey(bankId, slotId)],
      ['client_request', clientKey(tenantId, clientId)],
    ] as const) {
      const open = await repo.lockOpen(tx, cause, key);
      if (open && open.bank_id === bankId && open.slot_id === slotId)
        await this.resolveMoved(tx, open, clientId, to, 'by the card lock’s retry, once a card came free');
    }
  }

  /** An open incident whose client the usage module's lock moved: the move is its attempt, and it ends. */
  private async resolveMoved(
    tx: Sql,
    open: repo.IncidentRow,
    clientId: string | null,
    to: { bank_id: number; slot_id: number },
    how: string,
  ) {
    const where = `bank ${to.bank_id} slot ${to.slot_id}`;
    await repo.insertAttempt(tx, {
      incidentId: open.id,
      tenantId: open.tenant_id,
      action: 'reassign',
      result: 'success',
      clientId,
      moved: true,
      detail: `moved ${how} to ${where}`,
    });
    await this.transition(tx, open, null, {
      state: 'resolved',
      nextInSec: null,
      attempts: open.attempts + 1,
      resolution: `client ${clientId} moved to ${where} (${how})`,
      resolvedBy: 'auto-lock',
    });
  }

  /**
   * Opens an incident with its event (null: one is open on that object already). With `rearm`,
   * an escalated one of that object is tried again: the new event is new evidence.
   */
  /** A card_failure incident for an event, healed at once (a later event re-arms an escalated one). */
  private openCardFailure(
    tx: Sql,
    e: OutboxEvent,
    c: {
      tenantId: number;
      bankId: number;
      slotId: number;
      clientId: string | null;
      summary: string;
      details?: Record<string, unknown>;
    },
  ) {
    return this.open(
      tx,
      {
        ...c,
        cause: 'card_failure',
        severity: 'warning',
        state: 'detected',
        objectKey: cardKey(c.bankId, c.slotId),
        eventId: e.id,
        detectedAt: e.created_at,
        nextInSec: 0,
      },
      true,
    );
  }

  async open(tx: Sql, n: repo.NewIncident, rearm = false) {
    const row = await repo.openIncident(tx, n);
    if (!row) {
      const open = rearm ? await repo.lockOpen(tx, n.cause, n.objectKey) : null;
      if (open?.state === 'escalated')
        await repo.changeIncident(
          tx,
          open.id,
          { state: 'healing', nextInSec: 0, attempts: 0, summary: n.summary, clientId: n.clientId ?? open.client_id },
          null,
        );
      return null;
    }
    await insertEvent(tx, 'incident.opened', row.tenant_id, eventOf(row));
    if (row.state === 'resolved') {
      await insertEvent(tx, 'incident.resolved', row.tenant_id, eventOf(row));
      this.settings.observer?.recovered(row.cause, row.duration_sec);
    }
    if (row.state === 'escalated') await insertEvent(tx, 'incident.escalated', row.tenant_id, eventOf(row));
    return row;
  }

  /** Moves an incident on (with the events of a resolution or an escalation); false: the claim was lost. */
  async transition(tx: Sql, i: repo.IncidentRow, token: string | null, c: repo.IncidentChange) {
    const row = await repo.changeIncident(tx, i.id, c, token);
    if (!row) return false;
    if (c.state === 'resolved' && i.state !== 'resolved') {
      await insertEvent(tx, 'incident.resolved', row.tenant_id, eventOf(row));
      this.settings.observer?.recovered(row.cause, row.duration_sec);
    }
    if (c.state === 'escalated' && i.state !== 'escalated')
      await insertEvent(tx, 'incident.escalated', row.tenant_id, eventOf(row));
    return true;
  }

  // ---------------------------------------------------------------- healing

  /** Claims the incidents due and takes each one step; answers how many it took. */
  async healDue() {
    const claimed = await this.db.transaction((tx) => repo.claimDue(tx, this.claimMax, this.leaseSec));
    for (const { incident, token } of claimed) {
      try {
        await this.step(incident, token);
      } catch (err) {
        // The claim runs out and another pass tries again; logged, never silent.
        this.log?.error({ err, incident: incident.id }, 'self-healing step failed');
      }
    }
    return claimed.length;
  }

  private async step(i: repo.IncidentRow, token: string) {
    const books = await this.db.run((h) => this.playbooks(h, i.tenant_id));
    if (i.follow_up === 'move_back') return this.moveBack(i, token, books);
    switch (i.cause as Cause) {
      case 'card_failure':
        return this.healCard(i, token, books);
      case 'bankd_loss':
        return this.healBank(i, token, books);
      case 'silent_router':
        return this.healSilent(i, token, books);
      case 'remsim_drift':
        return this.checkDrift(i, token, books);
      default:
        return this.finish(i, token, { nextInSec: null });
    }
  }

  /** Ends a step: an attempt (if any) and the incident's change, in one commit while the claim holds. */
  private async finish(i: repo.IncidentRow, token: string, c: repo.IncidentChange, attempts: repo.NewAttempt[] = []) {
    return this.db.transaction(async (tx) => {
      for (const a of attempts) await repo.insertAttempt(tx, a);
      const ok = await this.transition(tx, i, token, c);
      if (!ok) throw new Error(`incident ${i.id}: the claim ran out before the step ended`);
      for (const a of attempts) this.settings.observer?.attempt(a.action, a.result);
      return ok;
    });
  }

  /** After a failed attempt: retried after the back-off, or escalated once the attempts are spent. */
  private retryOrEscalate(
    i: repo.IncidentRow,
    attempts: number,
    maxAttempts: number,
    backoff: number,
    why: string,
    escalateNow = false,
  ) {
    return attempts >= maxAttempts || escalateNow
      ? { state: 'escalated' as const, nextInSec: null, attempts, summary: `${i.summary} — escalated: ${why}` }
      : { state: 'healing' as const, nextInSec: backoffSec(backoff, attempts), attempts };
  }

  /**
   * A move by self-healing: the tenant's hourly limit and the client's cooldown checked and a
   * pending attempt reserved under the tenant's lock, then ClientsService.reassign with the card
   * it leaves as a precondition, then the attempt's result.
   */
  async move(m: Move, books: Playbooks, act?: () => Promise<ActResult>): Promise<MoveOutcome> {
    const reserved = await this.db.transaction(async (tx) => {
      await repo.lockMoves(tx, m.tenantId);
      const budget = await repo.moveBudget(tx, m.tenantId, m.clientId);
      if (budget.last_hour >= books.max_moves_per_hour)
        return { why: 'limit' as const, detail: `the tenant's limit of ${books.max_moves_per_hour} moves an hour is reached` };
      const cooldown = books.move_cooldown_min * 60;
      if (!m.ignoreCooldown && budget.since_sec !== null && budget.since_sec < cooldown)
        return {
          why: 'cooldown' as const,
          detail: `${m.clientId} was moved ${Math.round(budget.since_sec / 60)} min ago (cooldown ${books.move_cooldown_min} min)`,
          retryAfterSec: Math.ceil(cooldown - budget.since_sec),
        };
      return { id: await repo.reserveMove(tx, m.incident.id, m.tenantId, m.clientId, m.action) };
    });
    if (!('id' in reserved)) {
      this.settings.observer?.attempt(m.action, 'skipped');
      return { ok: false, ...reserved };
    }
    const id = reserved.id as number;
    let r: ActResult;
    try {
      r = await (act ?? (() => this.reassign(m)))();
    } catch (err) {
      if (!(err instanceof DomainError)) {
        await this.db.run((h) => repo.endMove(h, id, 'failed', false, String(err)));
        throw err;
      }
      r = { failed: errorText(err), noCard: isNoSlot(err), error: err };
    }
    if ('failed' in r) {
      await this.db.run((h) => repo.endMove(h, id, 'failed', false, r.failed));
      this.settings.observer?.attempt(m.action, 'failed');
      return { ok: false, why: 'failed', detail: r.failed, noCard: r.noCard, error: r.error };
    }
    const to = r.to;
    await this.db.run((h) =>
      repo.endMove(
        h,
        id,
        'success',
        true,
        `bank ${m.from.bank_id} slot ${m.from.slot_id} → bank ${to.bank_id} slot ${to.slot_id}`,
      ),
    );
    this.settings.observer?.attempt(m.action, 'success');
    return { ok: true, to, answer: r.answer ?? null };
  }

  /**
   * The client's card out of service (faulty, with a lock an operator lifts) and the client moved,
   * in the usage module's one use case; no free card: the lock waits (pending) and the move failed;
   * a card locked already: skipped.
   */
  async takeOut(m: Move, reason: string): Promise<ActResult | { skipped: string }> {
    const out = await this.ports.cardActions.takeOutOfService({
      tenantId: m.tenantId,
      bankId: m.from.bank_id,
      slotId: m.from.slot_id,
      kind: 'auto_lock',
      reason,
      details: { incident_id: m.incident.id },
      leave: 'faulty',
    });
    if (out.result === 'done' && out.moved_to) return { to: out.moved_to };
    if (out.result === 'pending') return { failed: out.detail ?? 'no free card', noCard: true };
    return { skipped: out.detail ?? 'locked already' };
  }

  /** The default move: ClientsService.reassign, the card it leaves as its precondition. */
  private async reassign(m: Move): Promise<ActResult> {
    const answer = await this.ports.clients.reassign(
      m.clientId,
      { tenant_id: m.tenantId, reason: m.reason, ...(m.to ?? {}) },
      healingActor(m.incident.id),
      ALL_TENANTS,
      { ...m.options, from: m.from },
    );
    return { to: { bank_id: answer.to.bank_id, slot_id: answer.to.slot_id }, answer };
  }

  /** A failing card: its client moves to another card of the carrier; the card becomes faulty (locked). */
  private async healCard(i: repo.IncidentRow, token: string, books: Playbooks) {
    const pb = books.card_failure;
    const bankId = i.bank_id as number;
    const slotId = i.slot_id as number;
    const card = await this.db.run((h) => repo.cardNow(h, bankId, slotId));
    if (i.details.unserved) return this.moveOffUnserved(i, token, books, card);
    if (!card?.client_id) {
      // No client to move: a free card in error is taken out of service (faulty, locked) so that
      // no registration gets it; one out of service already stays as it is.
      const out =
        card?.status === 'available'
          ? await this.ports.cardActions.takeOutOfService({
              tenantId: card.tenant_id,
              bankId,
              slotId,
              kind: 'auto_lock',
              reason: `self-healing: ${i.summary}`,
              details: { incident_id: i.id },
              leave: 'faulty',
            })
          : null;
      return this.finish(
        i,
        token,
        {
          state: 'resolved',
          nextInSec: null,
          resolution: out?.result === 'done' ? 'no client on the card; card locked faulty' : 'no client on the card any more',
          resolvedBy: 'self-healing',
        },
        out?.result === 'done'
          ? [
              {
                incidentId: i.id,
                tenantId: card?.tenant_id ?? null,
                action: 'lock_card',
                result: 'success',
                detail: 'card locked faulty',
              },
            ]
          : [],
      );
    }
    const attempts = i.attempts + 1;
    // Diagnosed (the card still serves a client): healing; each state's time is stamped.
    if (i.state !== 'healing') await this.db.run((h) => this.transition(h, i, token, { state: 'healing', keepClaim: true }));
    const reason = `self-healing: ${i.summary}`;
    const m: Move = {
      incident: i,
      tenantId: card.tenant_id,
      clientId: card.client_id,
      from: { bank_id: bankId, slot_id: slotId },
      action: 'lock_card',
      reason,
      options: { leaveCard: 'faulty' },
    };
    // Not locked yet: the card goes out of service (faulty, with a lock an operator lifts) and its
    // client moves, in the usage module's one use case; locked already (auto-lock waiting for a
    // card): the client moves.
    const moved = await this.move(m, books, async () => {
      const out = await this.takeOut(m, reason);
      return 'skipped' in out ? this.reassign({ ...m, action: 'reassign' }) : out;
    });
    if (moved.ok)
      return this.finish(i, token, {
        state: 'resolved',
        nextInSec: null,
        attempts,
        details: { ...i.details, moved_to: moved.to },
        resolution: `client ${card.client_id} moved to bank ${moved.to.bank_id} slot ${moved.to.slot_id}; card faulty`,
        resolvedBy: 'self-healing',
      });
    return this.moveFailed(i, token, pb, attempts, moved, card.client_id);
  }

  /** A card's client could not be moved: retried after the back-off, or escalated (at once when
   * the tenant's limit or the client's cooldown held it back, or no card is free and the
   * playbook says so). */
  private moveFailed(
    i: repo.IncidentRow,
    token: string,
    pb: Playbooks['card_failure'],
    attempts: number,
    moved: Extract<MoveOutcome, { ok: false }>,
    clientId: string,
  ) {
    const noCard = moved.why === 'failed' && !!moved.noCard;
    const blocked = moved.why !== 'failed';
    return this.finish(
      i,
      token,
      {
        ...this.retryOrEscalate(
          i,
          attempts,
          pb.max_attempts,
          pb.backoff_sec,
          moved.detail,
          blocked || (noCard && pb.escalate_when_no_card),
        ),
        details: { ...i.details, last_error: moved.detail },
      },
      blocked
        ? [{ incidentId: i.id, tenantId: i.tenant_id, action: 'reassign', result: 'skipped', clientId, detail: moved.detail }]
        : [],
    );
  }

  /** A card the remsim side cannot serve: its client moves, the card stays as it is (not
   * blamed); nothing to do once no client holds it. */
  private async moveOffUnserved(
    i: repo.IncidentRow,
    token: string,
    books: Playbooks,
    card: Awaited<ReturnType<typeof repo.cardNow>>,
  ) {
    if (!card?.client_id || card.client_id !== i.client_id)
      return this.finish(i, token, {
        state: 'resolved',
        nextInSec: null,
        resolution: 'no client on the unserved card any more',
        resolvedBy: 'self-healing',
      });
    const attempts = i.attempts + 1;
    if (i.state !== 'healing') await this.db.run((h) => this.transition(h, i, token, { state: 'healing', keepClaim: true }));
    const moved = await this.move(
      {
        incident: i,
        tenantId: card.tenant_id,
        clientId: card.client_id,
        from: { bank_id: i.bank_id as number, slot_id: i.slot_id as number },
        action: 'reassign',
        reason: `self-healing: ${i.summary}`,
        options: { leaveCard: 'available' },
      },
      books,
    );
    if (moved.ok)
      return this.finish(i, token, {
        state: 'resolved',
        nextInSec: null,
        attempts,
        details: { ...i.details, moved_to: moved.to },
        resolution: `client ${card.client_id} moved to bank ${moved.to.bank_id} slot ${moved.to.slot_id}; the card waits until it is served`,
        resolvedBy: 'self-healing',
      });
    return this.moveFailed(i, token, books.card_failure, attempts, moved, card.client_id);
  }

  /** A bank whose bankd is gone: its clients move to banks whose bankd is connected. */
  private async healBank(i: repo.IncidentRow, token: string, books: Playbooks) {
    const pb = books.bankd_loss;
    const bankId = i.bank_id as number;
    const bank = await this.db.run((h) => repo.bankNow(h, bankId));
    if (!bank || bank.bankd_connected === true)
      return this.finish(i, token, {
        state: 'resolved',
        nextInSec: null,
        resolution: bank ? `bank ${bankId} returned` : `bank ${bankId} was removed`,
        resolvedBy: 'self-healing',
      });
    const clients = await this.db.run((h) => repo.clientsOnBank(h, bankId));
    const moved = [...((i.details.moved as MovedClient[] | undefined) ?? [])];
    if (clients.length === 0)
      return this.finish(i, token, {
        state: moved.length ? 'resolved' : 'diagnosing',
        nextInSec: null,
        followUp: moved.length && pb.move_back ? 'await_return' : null,
        ...(moved.length
          ? { resolution: `${moved.length} client(s) moved off bank ${bankId}`, resolvedBy: 'self-healing' }
          : { summary: `${i.summary}; no client on it: waits for the bank` }),
      });
    if (i.state !== 'healing') await this.db.run((h) => this.transition(h, i, token, { state: 'healing', keepClaim: true }));
    const attempts = i.attempts + 1;
    const failures: string[] = [];
    let blocked: string | null = null;
    for (const c of clients) {
      const r = await this.move(
        {
          incident: i,
          tenantId: c.tenant_id,
          clientId: c.client_id,
          from: { bank_id: c.bank_id, slot_id: c.slot_id },
          action: 'reassign',
          reason: `self-healing: bank ${bankId} lost its bankd`,
          options: { connectedOnly: true, avoidBanks: [bankId] },
        },
        books,
      );
      if (r.ok)
        moved.push({
          client_id: c.client_id,
          from: { bank_id: c.bank_id, slot_id: c.slot_id },
          to: r.to,
          ...(c.mapping_mode === 'KI_PROXY_SWSIM' ? { virtual: true } : {}),
        });
      else if (r.why === 'failed') failures.push(`${c.client_id}: ${r.detail}`);
      else {
        blocked = r.detail;
        if (r.why === 'limit') break;
      }
    }
    const details = { ...i.details, moved, ...(failures.length ? { last_error: failures.slice(0, 5) } : {}) };
    if (failures.length === 0 && !blocked)
      return this.finish(i, token, {
        state: 'resolved',
        nextInSec: null,
        attempts,
        details,
        followUp: pb.move_back ? 'await_return' : null,
        resolution: `${moved.length} client(s) moved off bank ${bankId}`,
        resolvedBy: 'self-healing',
      });
    return this.finish(
      i,
      token,
      {
        ...this.retryOrEscalate(i, attempts, pb.max_attempts, pb.backoff_sec, blocked ?? failures[0] ?? 'failed', !!blocked),
        details,
      },
      blocked ? [{ incidentId: i.id, tenantId: i.tenant_id, action: 'reassign', result: 'skipped', detail: blocked }] : [],
    );
  }

  /** A returned bank takes back the clients that left it, where they still are and their card is free. */
  private async moveBack(i: repo.IncidentRow, token: string, books: Playbooks) {
    const moved = (i.details.moved as MovedClient[] | undefined) ?? [];
    const back: MovedClient[] = [];
    const attempts: repo.NewAttempt[] = [];
    for (const m of moved) {
      const tenantId = i.tenant_id as number;
      if (m.virtual) {
        attempts.push({
          incidentId: i.id,
          tenantId,
          action: 'move_back',
          result: 'skipped',
          clientId: m.client_id,
          detail: 'a KI proxy client keeps the virtual slot it moved to',
        });
        continue;
      }
      const [now] = await this.db.run((h) => repo.clientNow(h, m.client_id, tenantId));
      const free = await this.db.run((h) => repo.slotFree(h, m.from.bank_id, m.from.slot_id));
      if (!now || now.bank_id !== m.to.bank_id || now.slot_id !== m.to.slot_id || !free) {
        attempts.push({
          incidentId: i.id,
          tenantId,
          action: 'move_back',
          result: 'skipped',
          clientId: m.client_id,
          detail: !now ? 'client gone' : !free ? 'its card is not free' : 'client has moved since',
        });
        continue;
      }
      const r = await this.move(
        {
          incident: i,
          tenantId,
          clientId: m.client_id,
          from: m.to,
          to: m.from,
          action: 'move_back',
          reason: `self-healing: bank ${m.from.bank_id} returned`,
          ignoreCooldown: true,
        },
        books,
      );
      if (r.ok) back.push(m);
    }
    return this.finish(
      i,
      token,
      { nextInSec: null, followUp: null, details: { ...i.details, moved_back: back.map((m) => m.client_id) } },
      attempts,
    );
  }

  /** A silent router: escalated when it stays silent; back: a restart is queued and the incident resolved. */
  private async healSilent(i: repo.IncidentRow, token: string, books: Playbooks) {
    const pb = books.silent_router;
    const tenantId = i.tenant_id as number;
    const clientId = i.client_id as string;
    const [now] = await this.db.run((h) => repo.clientNow(h, clientId, tenantId));
    if (!now)
      return this.finish(i, token, {
        state: 'resolved',
        nextInSec: null,
        resolution: `client ${clientId} unregistered`,
        resolvedBy: 'client',
      });
    if (now.liveness !== 'online')
      return this.finish(
        i,
        token,
        {
          state: 'escalated',
          nextInSec: null,
          summary: `${i.summary} — escalated: silent for over ${pb.escalate_after_min} min`,
        },
        [
          {
            incidentId: i.id,
            tenantId,
            action: 'escalate',
            result: 'success',
            clientId,
            detail: `silent for over ${pb.escalate_after_min} min`,
          },
        ],
      );
    const attempts: repo.NewAttempt[] = [];
    if (pb.restart_on_return) {
      try {
        const c = await this.ports.commands.queue(
          clientId,
          { tenant_id: tenantId, type: 'restart', payload: { reason: `self-healing: incident ${i.id}` } },
          healingActor(i.id),
          ALL_TENANTS,
        );
        attempts.push({
          incidentId: i.id,
          tenantId,
          action: 'queue_restart',
          result: 'success',
          clientId,
          detail: `command ${c.id}`,
        });
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        attempts.push({
          incidentId: i.id,
          tenantId,
          action: 'queue_restart',
          result: 'failed',
          clientId,
          detail: errorText(err),
        });
      }
    }
    return this.finish(
      i,
      token,
      {
        state: 'resolved',
        nextInSec: null,
        attempts: i.attempts + attempts.length,
        resolution: `client ${clientId} is back${pb.restart_on_return ? '; restart queued' : ''}`,
        resolvedBy: 'self-healing',
      },
      attempts,
    );
  }

  /** A remsim-server's drift: resolved once it answers, no map is stalled and a pass succeeded since. */
  private async checkDrift(i: repo.IncidentRow, token: string, books: Playbooks) {
    const pb = books.remsim_drift;
    const server = await this.db.run((h) => repo.serverNow(h, i.server_id as number, i.detected_at));
    if (!server)
      return this.finish(i, token, {
        state: 'resolved',
        nextInSec: null,
        resolution: 'remsim-server removed',
        resolvedBy: 'self-healing',
      });
    if (server.reachable && server.stalled === 0 && server.passed_since)
      return this.finish(
        i,
        token,
        {
          state: 'resolved',
          nextInSec: null,
          attempts: i.attempts + 1,
          resolution: 'the reconciler repaired the maps',
          resolvedBy: 'reconciler',
        },
        [
          {
            incidentId: i.id,
            tenantId: null,
            action: 'wait_reconciler',
            result: 'success',
            detail: 'a pass succeeded, nothing stalled',
          },
        ],
      );
    const late = i.duration_sec >= pb.escalate_after_min * 60;
    return this.finish(i, token, {
      // Escalated, it is still watched: it resolves by itself once repaired.
      nextInSec: DRIFT_CHECK_SEC,
      ...(late && i.state !== 'escalated'
        ? { state: 'escalated' as const, summary: `${i.summary} — escalated: not repaired after ${pb.escalate_after_min} min` }
        : {}),
    });
  }
}

export interface MovedClient {
  client_id: string;
  from: { bank_id: number; slot_id: number };
  to: { bank_id: number; slot_id: number };
  /** A KI proxy client (a virtual slot): it stays where it moved (virtual slots are allocated,
   * not named, so it is not moved back). */
  virtual?: boolean;
}

/** The payload of an incident's events. */
export const eventOf = (r: repo.IncidentRow) => ({
  incident_id: r.id,
  cause: r.cause,
  severity: r.severity,
  state: r.state,
  object: r.object_key,
  client_id: r.client_id,
  bank_id: r.bank_id,
  slot_id: r.slot_id,
  server_id: r.server_id,
  summary: r.summary,
  duration_sec: Math.round(r.duration_sec * 1000) / 1000,
  attempts: r.attempts,
});
