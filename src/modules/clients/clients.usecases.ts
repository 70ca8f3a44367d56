// The client lifecycle: register, heartbeat, unregister, discover, offline sweep.
// Transaction boundaries and rules live here; SQL in the repository; HTTP in the routes.
import { sql } from 'drizzle-orm';
import { Admission } from '../../app/admission.js';
import { type Database, isDatabaseUnavailable, pgErrorOf, type Sql } from '../../app/database.js';
import type { Actor } from '../../domain/actor.js';
import { decide, type Policy, vendorOf } from '../../domain/assignment-policy.js';
import type { TenantEnrollment } from '../../domain/enrollment.js';
import { busy, DomainError, invalid, tenantNotFound } from '../../domain/errors.js';
import { isKiProxy, type MappingModeName, SERVED_MODES } from '../../domain/mapping-modes.js';
import { normalizeStats } from '../../domain/stats-vocabulary.js';
import { readTenant, type TenantScope } from '../../domain/tenant-scope.js';
import { recordAudit } from '../audit/index.js';
import { acknowledge as ackCommand, type DeliveredCommand, deliverPending } from '../commands/index.js';
import { insertEvent } from '../events/index.js';
import { setSlotStatus } from '../inventory/index.js';
import { releaseVirtualSlot, takeVirtualSlot } from '../ki-proxy/index.js';
import { type ClientCall, type ClientCaller, ClientCallers } from './client-callers.js';
import type { ClientTokens } from './client-token.js';
import {
  activeInSeveralTenants,
  bankWithoutBankd,
  clientNotFound,
  clientRefused,
  imeiLocked,
  mccMncRequired,
  modeNotSupported,
  noPool,
  noSlot,
  policyDenied,
  poolFull,
  reassignImpossible,
  tenantHasNoSlot,
} from './clients.errors.js';
import * as repo from './clients.repository.js';
import { HeartbeatBatcher } from './heartbeat-batcher.js';

export type { ClientCaller } from './client-callers.js';

export interface ClientsSettings {
  heartbeatIntervalSec: number;
  offlineAfterSec: number;
  version: string;
  /** The tenant's assignment policies (none when absent). */
  policies?: (tenantId: number) => Promise<Policy[]>;
  /** Told of registrations, heartbeats and unregistrations (metrics). */
  observer?: ClientObserver;
  /** Told of each written heartbeat batch (the live pulses of the event stream). */
  onHeartbeats?: (pulses: HeartbeatPulse[]) => void;
  /** The tenant's enrollment rules (null: no such tenant); absent: every caller is accepted. */
  enrollment?: (tenantId: number) => Promise<TenantEnrollment | null>;
  /** Per-profile client tokens (absent: none are issued or checked). */
  tokens?: ClientTokens;
  /** Where refused client calls are logged. */
  log?: { warn: (obj: object, msg: string) => void };
  /** Longest a registration waits for its turn (ms) before 503 BUSY; absent: no bound. */
  registerDeadlineMs?: number;
  /** Registrations worked on at once; the others wait their turn (until their deadline). */
  registerConcurrency?: number;
  /** Told of a heartbeat an enforcing IMEI binding refused, before it is answered 403 (the usage
   * module takes the card out of service). */
  onImeiLocked?: (locked: ImeiLocked) => Promise<void>;
}

/** A heartbeat from a modem whose IMEI is not the one its card or client is bound to. */
export interface ImeiLocked {
  client_id: string;
  profile_id: string;
  tenant_id: number;
  bank_id: number;
  slot_id: number;
  imei: string | null;
  bound_imei: string | null;
}

/** A heartbeat as the live console sees it: who, when, health and the signal it reported. */
export interface HeartbeatPulse {
  client_id: string;
  tenant_id: number;
  profile_id: string;
  at: string;
  health: string;
  stats: unknown;
}

export interface RegisterRequest {
  client_id: string;
  mapping_mode?: MappingModeName;
  mcc_mnc?: string;
  tenant_id?: number;
  carrier?: string;
  preferred_bank_id?: number;
  hardware_info?: Record<string, unknown>;
}

/** The register answer. Key order matters to the deployed client: see CLIENT-CONTRACT.md. */
export interface Assignment {
  status: 'success';
  bank_id: number;
  slot_id: number;
  iccid: string;
  imsi: string;
  bankd_endpoint: string;
  mapping_mode: string;
  profile_id: string;
  heartbeat_interval: number;
  ki_proxy_enabled: boolean;
  note?: string;
  sim_slot: { bank_id: number; slot_id: number; tenant_id: number };
  ki_proxy_pool?: { pool_id: number; pool_name: string; carrier: string | null; mcc_mnc: string; virtual_slot: number };
  /** Keyless registrations: the profile's token, for clients that send it back (last key). */
  client_token?: string;
}

export interface HeartbeatRequest {
  client_id: string;
  /** Answers to commands received earlier. */
  acks?: Array<{ id: number; status?: 'ok' | 'failed'; result?: unknown }>;
  tenant_id?: number;
  status?: string;
  stats?: Record<string, unknown>;
  modem_info?: Record<string, unknown>;
  hardware_info?: Record<string, unknown>;
}

const isUniqueViolation = (e: unknown) => pgErrorOf(e)?.code === '23505';

// A unique violation means a concurrent registration won a race (same client, or the same
// spare identity); the retry then sees the committed winner.
// Lock waits are bounded inside ionmesh_register (lock_timeout 3 s): a 55P03 answers BUSY.
const REGISTER_ATTEMPTS = 4;

export interface ReassignRequest {
  tenant_id?: number;
  bank_id?: number;
  slot_id?: number;
  mcc_mnc?: string;
  reason?: string;
}

/** A heartbeat's stats, normalised (src/domain/stats-vocabulary.ts): numbers are shown, the rest ignored. */
export type HeartbeatStats = Record<string, unknown>;

/** What the lifecycle reports as it happens (the metrics module implements it). */
export interface ClientObserver {
  registered(mode: string, outcome: string): void;
  heartbeat(ok: boolean, clientId: string, tenantId: number | null, stats: HeartbeatStats | undefined): void;
  unregistered(count: number, clientId: string): void;
  /** A refused client call: enrollment, or a heartbeat/unregister from a wrong source or token. */
  refused?(what: string, reason: string): void;
}

/** Told the banks whose assignments changed, after the change is committed. */
export type AssignmentListener = (bankIds: number[]) => void;

export class ClientsService {
  readonly heartbeats: HeartbeatBatcher;
  private readonly registrations: Admission;
  private listeners: AssignmentListener[] = [];
  private readonly callers: ClientCallers;
  constructor(
    private readonly db: Database,
    private readonly settings: ClientsSettings,
  ) {
    this.registrations = new Admission(settings.registerConcurrency ?? 8, 'The registration');
    this.callers = new ClientCallers(db, settings);
    // One statement per batch (ionmesh_heartbeats), atomic on its own: no BEGIN/COMMIT round
    // trips. Then the acks of the accepted heartbeats, then one statement hands over the pending
    // commands of the clients that heartbeated and the batch returns them with its rows: nothing
    // that can fail runs between the hand-over's commit and the answers that carry the commands
    // (a failure before it leaves them pending, to be handed over by the next heartbeat).
    this.heartbeats = new HeartbeatBatcher(
      (inputs) =>
        this.db.run(async (db) => {
          const touched = await repo.applyHeartbeats(db, inputs);
          const written = touched.filter((t) => !t.refused && !t.imei_locked);
          if (written.length === 0) return touched;
          if (this.settings.onHeartbeats) {
            const at = new Date().toISOString();
            this.settings.onHeartbeats(
              written.map((t) => {
                const input = inputs[t.ord] as repo.HeartbeatInput;
                return {
                  client_id: input.clientId,
                  tenant_id: t.tenant_id,
                  profile_id: t.profile_id,
                  at,
                  health: input.health,
                  stats: input.stats ?? null,
                };
              }),
            );
          }
          for (const ord of new Set(written.map((t) => t.ord))) {
            const input = inputs[ord] as repo.HeartbeatInput;
            for (const a of input.acks ?? []) await ackCommand(db, input.clientId, a.id, a.status !== 'failed', a.result);
          }
          const handed = new Map<string, DeliveredCommand[]>();
          // Only profiles with a command waiting (the heartbeat statement says which) cost the
          // statement that hands commands over; most batches have none.
          const waiting = written.filter((t) => t.commands_waiting).map((t) => t.profile_id);
          for (const c of waiting.length ? await deliverPending(db, waiting) : []) {
            const list = handed.get(c.profile_id);
            if (list) list.push(c);
            else handed.set(c.profile_id, [c]);
          }
          return touched.map((t) => {
            const commands = handed.get(t.profile_id);
            return commands ? { ...t, commands: commands.map(({ id, type, payload }) => ({ id, type, payload })) } : t;
          });
        }),
      500,
      isDatabaseUnavailable,
      !db.blocksEventLoop,
    );
  }

  /**
   * A client call other than register and heartbeat (unregister, command acknowledgement): a
   * client key, the client's token, or a source its tenant allows. Answers the tenant the call is
   * confined to (client-callers.ts).
   */
  authorizeClientCall(clientId: string, tenantIdAsked: number | null, caller: ClientCaller, actor: Actor, what: ClientCall) {
    return this.callers.authorize(clientId, tenantIdAsked, caller, actor, what);
  }

  onAssignmentChange(listener: AssignmentListener) {
    this.listeners.push(listener);
  }

  private changed(bankIds: number[]) {
    for (const l of this.listeners) l(bankIds);
  }

  /**
   * Registers a client. Registrations take turns (registerConcurrency at once); one that cannot
   * start within registerDeadlineMs of its arrival answers 503 BUSY at that moment instead of a
   * 200 the deployed client would no longer wait for. A registration whose caller hung up after
   * it started still completes: the slot stays with that client id, and the router gets the same
   * slot when it registers again (docs/decisions/0007-registration-deadline.md).
   */
  async register(req: RegisterRequest, actor: Actor, caller: ClientCaller = { ip: actor.sourceIp ?? null }): Promise<Assignment> {
    const deadline = this.settings.registerDeadlineMs;
    if (deadline === undefined) return this.registerNow(req, actor, caller);
    try {
      return await this.registrations.run((caller.receivedAt ?? Date.now()) + deadline, () =>
        this.registerNow(req, actor, caller),
      );
    } catch (error) {
      if (error instanceof DomainError && error.code === 'BUSY') {
        this.settings.observer?.registered(req.mapping_mode ?? 'ONE_TO_ONE_SWSIM', 'busy');
      }
      throw error;
    }
  }

  private async registerNow(req: RegisterRequest, actor: Actor, caller: ClientCaller): Promise<Assignment> {
    const mode = req.mapping_mode ?? 'ONE_TO_ONE_SWSIM';
    const tenantId = req.tenant_id ?? 1;
    await this.callers.checkEnrollment(req.client_id, tenantId, caller, actor);
    if (!SERVED_MODES.includes(mode)) throw modeNotSupported(mode, SERVED_MODES);
    if (isKiProxy(mode) && !req.mcc_mnc) throw mccMncRequired();
    const policy = decide((await this.settings.policies?.(tenantId)) ?? [], {
      clientId: req.client_id,
      mccMnc: req.mcc_mnc ? req.mcc_mnc : null,
      hardwareVendor: vendorOf(req.hardware_info),
      now: new Date(),
    });
    for (let attempt = 1; ; attempt++) {
      try {
        // One statement (ionmesh_register), atomic on its own: no BEGIN/COMMIT round trips.
        let answer = await this.db.run((db) =>
          this.registerOnce(db, { ...req, mapping_mode: mode, tenant_id: tenantId }, actor, policy),
        );
        if (answer.note !== undefined)
          answer = await this.checkConfig(answer, { ...req, mapping_mode: mode, tenant_id: tenantId }, actor, policy);
        if (answer.note === undefined) this.changed([answer.sim_slot.bank_id]);
        this.settings.observer?.registered(mode, answer.note === undefined ? 'new' : 'existing');
        // A keyless client gets its profile's token, last in the answer (after every key the
        // deployed client reads).
        if (!caller.key && this.settings.tokens)
          return { ...answer, client_token: await this.settings.tokens.sign(answer.profile_id) };
        return answer;
      } catch (error) {
        if (error instanceof DomainError) this.settings.observer?.registered(mode, error.code.toLowerCase());
        // 40P01: two registrations locked two KI pools in opposite orders; one is retried.
        if ((isUniqueViolation(error) || pgErrorOf(error)?.code === '40P01') && attempt < REGISTER_ATTEMPTS) continue;
        if (pgErrorOf(error)?.code === '55P03') {
          throw busy('Registration gave up waiting for a lock; retry');
        }
        throw error;
      }
    }
  }

  /**
   * A client registered again asking for another mapping mode or MCC/MNC than its assignment has.
   * It keeps its assignment (the deployed client must get the same answer), the profile records
   * what was asked and a client.config_mismatch event is written once per change; with the
   * tenant's move_on_config_mismatch it is moved to a matching card instead, in one transaction
   * (when none is free it keeps the one it has).
   */
  private async checkConfig(
    answer: Assignment,
    req: RegisterRequest & { mapping_mode: MappingModeName; tenant_id: number },
    actor: Actor,
    policy: Policy | null,
  ): Promise<Assignment> {
    const asked = { mapping_mode: req.mapping_mode, mcc_mnc: req.mcc_mnc ? req.mcc_mnc : null };
    return this.db.transaction(async (tx) => {
      const held = await repo.assignedConfig(tx, answer.profile_id);
      if (!held) return answer;
      const mismatch = asked.mapping_mode !== held.mapping_mode || (asked.mcc_mnc !== null && asked.mcc_mnc !== held.mcc_mnc);
      const changed = await repo.recordRequestedConfig(tx, answer.profile_id, mismatch ? asked : null);
      if (!mismatch) return answer;
      if (held.move_on_config_mismatch) {
        const moved = await this.moveToMatching(tx, answer, req, actor, policy);
        if (moved) return moved;
      }
      if (changed)
        await insertEvent(tx, 'client.config_mismatch', held.tenant_id, {
          client_id: req.client_id,
          profile_id: answer.profile_id,
          requested: asked,
          assigned: { mapping_mode: held.mapping_mode, mcc_mnc: held.mcc_mnc },
          action: held.move_on_config_mismatch ? 'kept: no matching card free' : 'kept',
        });
      return answer;
    });
  }

  /** Releases the client's assignment and registers it anew with what it asked for, inside `tx`;
   * null (and nothing changed, by a savepoint) when no matching card is free. */
  private async moveToMatching(
    tx: Sql,
    answer: Assignment,
    req: RegisterRequest & { mapping_mode: MappingModeName; tenant_id: number },
    actor: Actor,
    policy: Policy | null,
  ): Promise<Assignment | null> {
    await tx.execute(sql`SAVEPOINT config_move`);
    const gone = await repo.deactivateProfiles(tx, req.client_id, req.tenant_id);
    for (const p of gone) {
      if (p.ki_pool_id !== null) await releaseVirtualSlot(tx, p.ki_pool_id, p.bank_id, p.slot_id);
      else
        await setSlotStatus(
          tx,
          { bankId: p.bank_id, slotId: p.slot_id, tenantId: p.tenant_id },
          'assigned',
          'available',
          `released: ${req.client_id} asked for another configuration`,
        );
    }
    let moved: Assignment;
    try {
      moved = await this.registerOnce(tx, req, actor, policy);
    } catch (error) {
      if (error instanceof DomainError) {
        await tx.execute(sql`ROLLBACK TO SAVEPOINT config_move`);
        return null;
      }
      throw error;
    }
    await tx.execute(sql`RELEASE SAVEPOINT config_move`);
    await insertEvent(tx, 'client.config_mismatch', req.tenant_id, {
      client_id: req.client_id,
      profile_id: moved.profile_id,
      previous_profile_id: answer.profile_id,
      requested: { mapping_mode: req.mapping_mode, mcc_mnc: req.mcc_mnc ? req.mcc_mnc : null },
      assigned: { mapping_mode: moved.mapping_mode, bank_id: moved.sim_slot.bank_id, slot_id: moved.sim_slot.slot_id },
      action: 'moved',
    });
    this.changed([answer.sim_slot.bank_id]);
    return moved;
  }

  private async registerOnce(
    tx: Sql,
    req: RegisterRequest & { mapping_mode: MappingModeName; tenant_id: number },
    actor: Actor,
    policy: Policy | null,
  ): Promise<Assignment> {
    const mccMnc = req.mcc_mnc ? req.mcc_mnc : null;
    const outcome = await repo.registerClient(tx, {
      tenantId: req.tenant_id,
      clientId: req.client_id,
      mappingMode: req.mapping_mode,
      mccMnc,
      carrier: req.carrier ? req.carrier : null,
      preferredBankIds: [
        ...(req.preferred_bank_id !== undefined ? [req.preferred_bank_id] : []),
        ...(policy?.action.preferred_banks ?? []),
      ],
      balance: policy?.action.type === 'deny' ? 'deny' : (policy?.action.load_balancing ?? 'fill-first'),
      policyId: policy?.id ?? null,
      hardwareInfo: req.hardware_info,
      clientIp: actor.sourceIp ?? null,
      actor: actor.actor,
      requestId: actor.requestId ?? null,
    });
    if (outcome.source === 'no_tenant') throw tenantNotFound(req.tenant_id);
    if (outcome.source === 'denied') throw policyDenied(policy?.name ?? '');
    if (outcome.source === 'no_slot') throw noSlot(await repo.servableModes(tx, req.tenant_id, mccMnc), mccMnc);
    if (outcome.source === 'no_pool') throw noPool(mccMnc as string, req.carrier ?? null);
    if (outcome.source === 'pool_full') throw poolFull(mccMnc as string, await repo.servableModes(tx, req.tenant_id, mccMnc));
    return this.toAssignment(
      outcome,
      outcome.source === 'existing' ? 'Client already registered; returning its existing assignment' : undefined,
    );
  }

  private toAssignment(row: repo.AssignmentRow, note?: string): Assignment {
    if (!row.bankd_endpoint) {
      // Allocation only picks banks with a bankd; this guards data changed since.
      throw bankWithoutBankd();
    }
    return {
      status: 'success',
      bank_id: row.rspro_client_id,
      slot_id: row.rspro_slot_nr,
      iccid: row.iccid ?? '',
      imsi: row.imsi ?? '',
      bankd_endpoint: row.bankd_endpoint,
      mapping_mode: row.mapping_mode,
      profile_id: row.profile_id,
      heartbeat_interval: this.settings.heartbeatIntervalSec,
      ki_proxy_enabled: row.ki_pool_id !== null,
      ...(note ? { note } : {}),
      sim_slot: { bank_id: row.bank_id, slot_id: row.slot_id, tenant_id: row.tenant_id },
      ...(row.ki_pool_id !== null && {
        ki_proxy_pool: {
          pool_id: row.ki_pool_id,
          pool_name: row.pool_name ?? '',
          carrier: row.pool_carrier,
          mcc_mnc: row.pool_mcc_mnc ?? '',
          virtual_slot: row.slot_id,
        },
      }),
    };
  }

  async heartbeat(req: HeartbeatRequest, actor: Actor, caller: ClientCaller = { ip: actor.sourceIp ?? null }) {
    // A client key confined to a tenant speaks for that tenant's clients only.
    const keyTenant = caller.key?.tenantId ?? null;
    if (keyTenant !== null && req.tenant_id !== undefined && req.tenant_id !== keyTenant) throw clientNotFound(req.client_id);
    const tenantId = req.tenant_id ?? keyTenant;
    const trusted = !!caller.key || (await this.callers.tokenChecked(req.client_id, tenantId, caller, actor, 'heartbeat'));
    const stats = normalizeStats(req.stats);
    const touched = await this.heartbeats.submit({
      clientId: req.client_id,
      tenantId,
      health: req.status ?? 'active',
      stats,
      hardwareInfo: req.modem_info || req.hardware_info ? { ...req.hardware_info, ...req.modem_info } : undefined,
      clientIp: caller.ip,
      trusted,
      ...(req.acks?.length ? { acks: req.acks } : {}),
    });
    const accepted = touched.filter((t) => !t.refused && !t.imei_locked).map((t) => t.profile_id);
    // The client's own tenant labels its series, whether or not the heartbeat named it.
    const ownTenant = touched.find((t) => !t.refused && !t.imei_locked)?.tenant_id ?? tenantId;
    this.settings.observer?.heartbeat(accepted.length > 0, req.client_id, ownTenant, stats);
    if (touched.length === 0) throw clientNotFound(req.client_id);
    const locked = touched.filter((t) => t.imei_locked);
    if (accepted.length === 0 && locked.length > 0) {
      for (const t of locked)
        await this.settings.onImeiLocked?.({
          client_id: req.client_id,
          profile_id: t.profile_id,
          tenant_id: t.tenant_id,
          bank_id: t.bank_id as number,
          slot_id: t.slot_id as number,
          imei: t.imei ?? null,
          bound_imei: t.bound_imei ?? null,
        });
      this.settings.observer?.refused?.('heartbeat', 'imei_locked');
      throw imeiLocked(req.client_id);
    }
    if (accepted.length === 0) {
      await this.callers.refuse(actor, touched[0]?.tenant_id ?? null, req.client_id, 'client.heartbeat_refused', 'source');
      throw clientRefused('SOURCE_NOT_ALLOWED', `Heartbeats for ${req.client_id} are not accepted from this address`, 'source');
    }
    const commands = touched.flatMap((t) => (t.refused || t.imei_locked ? [] : (t.commands ?? [])));
    return {
      status: 'ok' as const,
      next_heartbeat_interval: this.settings.heartbeatIntervalSec,
      commands,
    };
  }

  /**
   * Releases the client's assignment. An operator (trusted) always may; a client caller only with
   * a matching token, a client key, or from a source the tenant allows (and, when it binds
   * sources, the address that registered the client).
   */
  async unregister(clientId: string, tenantIdAsked: number | null, actor: Actor, caller: ClientCaller | 'operator' = 'operator') {
    let tenantId = tenantIdAsked;
    if (caller !== 'operator') tenantId = await this.callers.authorize(clientId, tenantId, caller, actor, 'unregister');
    const banks: number[] = [];
    const answer = await this.db.transaction(async (tx) => {
      const gone = await repo.deactivateProfiles(tx, clientId, tenantId);
      if (gone.length === 0) throw clientNotFound(clientId);
      for (const p of gone) {
        const where = { bankId: p.bank_id, slotId: p.slot_id, tenantId: p.tenant_id };
        if (p.ki_pool_id !== null) await releaseVirtualSlot(tx, p.ki_pool_id, p.bank_id, p.slot_id);
        else await setSlotStatus(tx, where, 'assigned', 'available', `released by ${clientId}`);
        await insertEvent(tx, 'client.unregistered', p.tenant_id, {
          profile_id: p.profile_id,
          client_id: p.client_id,
          mapping_mode: p.mapping_mode,
          bank_id: p.bank_id,
          slot_id: p.slot_id,
        });
        await recordAudit(tx, actor, {
          tenantId: p.tenant_id,
          action: 'client.unregister',
          entityType: 'service_profile',
          entityId: p.profile_id,
          before: p,
        });
        banks.push(p.bank_id);
      }
      return { status: 'success' as const, message: `${clientId} unregistered` };
    });
    this.changed(banks);
    this.settings.observer?.unregistered(banks.length, clientId);
    return answer;
  }

  /** An operator unregisters a client (of a tenant within the key's scope). */
  unregisterByOperator(clientId: string, asked: number | undefined, actor: Actor, scope: TenantScope) {
    return this.unregister(clientId, readTenant(scope, asked) ?? null, actor, 'operator');
  }

  /**
   * Moves a client to another physical slot of its tenant: the one named, or the first available
   * (of the same carrier unless another is asked). The router keeps the RSPRO identity it was
   * given at registration, so only the remsim-server mapping changes; therefore the new slot must
   * be mapped by the same remsim-server.
   */
  async reassign(
    clientId: string,
    req: ReassignRequest,
    actor: Actor,
    scope: TenantScope,
    /** What the card left becomes: available (an operator's move), or disabled / faulty when
     * IonMesh takes it out of service (usage, protection) in the same transaction. */
    options: {
      leaveCard?: 'available' | 'disabled' | 'faulty';
      /** Move only if the client still holds this card (self-healing: never move a client twice). */
      from?: { bank_id: number; slot_id: number };
      /** Free slots only on banks whose bankd the remsim-server lists, not on these banks. */
      connectedOnly?: boolean;
      avoidBanks?: number[];
      /** Free slots only on banks another bankd instance serves. */
      otherBankd?: boolean;
    } = {},
  ) {
    if (req.slot_id !== undefined && req.bank_id === undefined) throw invalid('slot_id needs bank_id', { field: 'bank_id' });
    // A card picked for the client (none named) is picked as registration picks it: by the
    // tenant's deciding assignment policy (its preferred banks, its load balancing), the move's
    // own constraints on top. The policies are read first (cached; on the embedded database a
    // read inside the transaction would wait on the transaction itself).
    let policies: Policy[] = [];
    if (req.slot_id === undefined && this.settings.policies) {
      const [held] = await this.db.run((h) => repo.activeProfilesOf(h, clientId, readTenant(scope, req.tenant_id) ?? null));
      if (held) policies = await this.settings.policies(held.tenant_id);
    }
    const moved = await this.db.transaction(async (tx) => {
      const profiles = await repo.lockActiveProfiles(tx, clientId, readTenant(scope, req.tenant_id) ?? null);
      if (profiles.length === 0) throw clientNotFound(clientId);
      if (profiles.length > 1) throw activeInSeveralTenants(clientId);
      const p = profiles[0] as repo.ProfileForMove;
      if (isKiProxy(p.mapping_mode)) return this.moveVirtual(tx, p, req, options, actor);
      if (options.from && (options.from.bank_id !== p.bank_id || options.from.slot_id !== p.slot_id))
        throw reassignImpossible(
          `${clientId} no longer holds bank ${options.from.bank_id} slot ${options.from.slot_id} (it holds bank ${p.bank_id} slot ${p.slot_id})`,
        );
      if (req.bank_id === p.bank_id && req.slot_id === p.slot_id)
        throw reassignImpossible(`${clientId} already holds bank ${p.bank_id} slot ${p.slot_id}`);
      // Deny policies refuse new registrations only: a client that holds a card may be moved.
      const policy = decide(policies, {
        clientId,
        mccMnc: req.mcc_mnc ?? p.mcc_mnc,
        hardwareVendor: vendorOf(p.hardware_info as Record<string, unknown> | null),
        now: new Date(),
      });
      const [target] = await repo.lockTargetSlot(tx, p.tenant_id, {
        ...(policy?.action.type === 'assign'
          ? { preferBanks: policy.action.preferred_banks ?? [], balance: policy.action.load_balancing ?? 'fill-first' }
          : {}),
        bankId: req.bank_id,
        slotId: req.slot_id,
        mccMnc: req.slot_id !== undefined ? null : (req.mcc_mnc ?? (req.bank_id === undefined ? p.mcc_mnc : null)),
        notBank: p.bank_id,
        notSlot: p.slot_id,
        ...(options.connectedOnly ? { connectedOnly: true } : {}),
        ...(options.avoidBanks ? { avoidBanks: options.avoidBanks } : {}),
        ...(options.otherBankd ? { otherBankdThan: p.bankd_instance_id } : {}),
      });
      if (!target) {
        if (req.slot_id !== undefined) throw tenantHasNoSlot(p.tenant_id, req.bank_id, req.slot_id);
        throw noSlot(await repo.servableModes(tx, p.tenant_id, req.mcc_mnc ?? p.mcc_mnc), req.mcc_mnc ?? p.mcc_mnc);
      }
      if (target.status !== 'available' || target.card_type !== 'REGULAR' || !target.usable)
        throw reassignImpossible(
          `bank ${target.bank_id} slot ${target.slot_id} is ${target.status}${target.card_type !== 'REGULAR' ? ` (${target.card_type})` : ''}${target.usable ? '' : ' on a bank or bankd that is not active'}`,
        );
      if (target.remsim_server_id !== p.remsim_server_id)
        throw reassignImpossible(
          `bank ${target.bank_id} is mapped by another remsim-server than the one ${clientId} connects to; unregister and register it instead`,
        );
      await repo.moveProfile(tx, p.profile_id, target.bank_id, target.slot_id);
      const why = req.reason ? `: ${req.reason}` : '';
      await setSlotStatus(
        tx,
        { bankId: p.bank_id, slotId: p.slot_id, tenantId: p.tenant_id },
        'assigned',
        options.leaveCard ?? 'available',
        `${clientId} moved away${why}`,
      );
      await setSlotStatus(
        tx,
        { bankId: target.bank_id, slotId: target.slot_id, tenantId: p.tenant_id },
        'available',
        'assigned',
        `reassigned to ${clientId}${why}`,
      );
      const after = { ...p, bank_id: target.bank_id, slot_id: target.slot_id, iccid: target.iccid, imsi: target.imsi };
      await recordReassign(tx, actor, p, after, { reason: req.reason ?? null });
      return { from: p, to: { ...after, bankd_endpoint: target.endpoint } };
    });
    this.changed([moved.from.bank_id, moved.to.bank_id]);
    return {
      status: 'success' as const,
      client_id: clientId,
      profile_id: moved.from.profile_id,
      rspro: { client_id: moved.from.rspro_client_id, slot_nr: moved.from.rspro_slot_nr },
      from: { bank_id: moved.from.bank_id, slot_id: moved.from.slot_id },
      to: { bank_id: moved.to.bank_id, slot_id: moved.to.slot_id, iccid: moved.to.iccid, imsi: moved.to.imsi },
    };
  }

  /**
   * A KI proxy client moves to another free virtual slot of its carrier (its own pool first, then
   * another of the tenant's with room), on an active, connected bankd of the same remsim-server
   * and not on `avoidBanks`; the one it leaves is given back. Its RSPRO identity stays; its
   * virtual ICCID and IMSI follow the slot. A named slot is refused: virtual slots are allocated.
   */
  private async moveVirtual(
    tx: Sql,
    p: repo.ProfileForMove,
    req: { bank_id?: number; slot_id?: number; reason?: string },
    options: { avoidBanks?: number[]; from?: { bank_id: number; slot_id: number } },
    actor: Actor,
  ) {
    if (req.slot_id !== undefined || req.bank_id !== undefined)
      throw reassignImpossible(
        `${p.client_id} holds a virtual slot of a KI proxy pool: it moves to another free virtual slot of its carrier, not to a named bank or slot`,
      );
    if (options.from && (options.from.bank_id !== p.bank_id || options.from.slot_id !== p.slot_id))
      throw reassignImpossible(
        `${p.client_id} no longer holds bank ${options.from.bank_id} slot ${options.from.slot_id} (it holds bank ${p.bank_id} slot ${p.slot_id})`,
      );
    if (p.ki_pool_id === null || p.pool_mcc_mnc === null)
      throw reassignImpossible(`${p.client_id} has no KI proxy pool any more`);
    await releaseVirtualSlot(tx, p.ki_pool_id, p.bank_id, p.slot_id);
    const target = await takeVirtualSlot(tx, {
      tenantId: p.tenant_id,
      mccMnc: p.pool_mcc_mnc,
      ownPool: p.ki_pool_id,
      avoidBanks: [p.bank_id, ...(options.avoidBanks ?? [])],
      remsimServerId: p.remsim_server_id,
    });
    if (!target) throw noSlot(await repo.servableModes(tx, p.tenant_id, p.pool_mcc_mnc), p.pool_mcc_mnc);
    const card = await repo.moveVirtualProfile(tx, {
      profileId: p.profile_id,
      tenantId: p.tenant_id,
      poolId: target.pool_id,
      mccMnc: p.pool_mcc_mnc,
      bankId: target.bank_id,
      slotId: target.slot_nr,
    });
    const why = req.reason ? `: ${req.reason}` : '';
    const after = { ...p, bank_id: target.bank_id, slot_id: target.slot_nr, ki_pool_id: target.pool_id, ...card };
    await recordReassign(tx, actor, p, after, { reason: req.reason ?? null, note: `virtual slot moved${why}` });
    return { from: p, to: { ...after, bankd_endpoint: target.endpoint } };
  }

  /** What the router's status page and agents read; `origin` is how the caller reached us. */
  discover(origin: string) {
    const path = '/api/backend/v1/remsim';
    return {
      service: 'ionmesh-orchestrator',
      product: 'ionmesh',
      version: this.settings.version,
      api_endpoint: `${origin}${path}`,
      api_path: path,
      // The seeds' capability names, then IonMesh's own (the client API's calls).
      capabilities: [
        'slot-assignment',
        'ki-proxy',
        'multi-tenant',
        'mcc-mnc-routing',
        'health-monitoring',
        'register',
        'heartbeat',
        'unregister',
        'discover',
      ],
      supported_modes: [...SERVED_MODES],
      supported_mapping_modes: [...SERVED_MODES],
      heartbeat_interval: this.settings.heartbeatIntervalSec,
    };
  }

  /** The offline sweep, one slice of the fleet per statement. */
  async sweepOffline() {
    const changed: Array<{ profile_id: string; client_id: string; tenant_id: number }> = [];
    for (const slice of repo.PROFILE_SLICES)
      changed.push(...(await this.db.run((db) => repo.sweepOffline(db, this.settings.offlineAfterSec, slice))));
    return changed;
  }
}

/** A move, as every reader sees it: the event client.reassigned and the audit entry, before and after. */
async function recordReassign(
  tx: Sql,
  actor: Actor,
  before: repo.ProfileForMove,
  after: repo.ProfileForMove & Record<string, unknown>,
  extra: { reason: string | null; note?: string },
) {
  await insertEvent(tx, 'client.reassigned', before.tenant_id, {
    profile_id: before.profile_id,
    client_id: before.client_id,
    from: { bank_id: before.bank_id, slot_id: before.slot_id },
    to: { bank_id: after.bank_id, slot_id: after.slot_id },
    reason: extra.reason,
  });
  await recordAudit(tx, actor, {
    tenantId: before.tenant_id,
    action: 'client.reassign',
    entityType: 'service_profile',
    entityId: before.profile_id,
    before,
    after: { ...after, ...extra },
  });
}

/** The one active profile a command is for, locked in the caller's transaction (commands module). */
export async function commandTarget(tx: Sql, clientId: string, tenantId: number | undefined) {
  const profiles = await repo.lockActiveProfiles(tx, clientId, tenantId ?? null);
  if (profiles.length === 0) throw clientNotFound(clientId);
  if (profiles.length > 1) throw activeInSeveralTenants(clientId);
  return profiles[0] as (typeof profiles)[number];
}
