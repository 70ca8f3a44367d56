// Keeps each osmo-remsim-server's slot maps equal to IonMesh's active assignments.
//
// A pass reads the server's lists (banks, clients, slotmaps) and the desired maps from the
// database, plans the difference (src/domain/slotmap-plan.ts) and sends it one request at a
// time (concurrent POSTs can create duplicates on the real server). It also records what the
// lists say of presence: which routers are connected over RSPRO, which bankds are connected.
//
// Passes run right after an assignment changes and periodically. With several IonMesh processes
// on one PostgreSQL, a lease row in remsim_servers lets one process at a time reconcile a
// server; a change bumps the server's generation, and the lease holder only gives the lease up
// when the generation is still the one its pass read, so a change made during a pass always
// gets another pass.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../../app/database.js';
import { type DesiredMap, type MapTuple, planSlotmaps, tupleKey } from '../../domain/slotmap-plan.js';
import { insertEvent } from '../events/events.repository.js';
import * as repo from './remsim.repository.js';
import { RemsimApi, RemsimUnreachable } from './remsim-api.js';

export interface ReconcilerSettings {
  intervalSec: number;
  takeover: boolean;
  timeoutMs: number;
  offlineAfterSec: number;
  /** How long a lease lasts without renewal (a crashed holder is replaced after this). */
  leaseSec?: number;
  /** Pause before another pass when work is waiting on the server (ms). */
  retryMs?: number;
}

export interface PassFigures {
  desired: number;
  present: number;
  missing: number;
  stale: number;
  conflicting: number;
  foreign: number;
  invalid: number;
  posted: number;
  deleted: number;
  adopted: number;
  failed: number;
}

export interface PassResult {
  server_id: number;
  url: string;
  reachable: boolean;
  figures: PassFigures | null;
  conflicts: ConflictReport[];
  invalid: Array<{ client_id: string; reason: string }>;
  error: string | null;
  duration_ms: number;
}

export interface ConflictReport {
  bank_id: number;
  bank_slot: number;
  client_id: number;
  client_slot: number;
  state: string;
  on: 'bank_slot' | 'client_slot';
  action: 'reported' | 'taken_over' | 'waiting';
  blocks: { client_id: string; profile_id: string; tenant_id: number; rspro_client_id: number; rspro_slot_nr: number };
}

const MAX_ROUNDS = 40;
const OWNED_CHUNK = 500;
const RENEW_EVERY_MS = 5000;
const MAX_REPORTED_CONFLICTS = 100;

/** 1, 2, 4 … 60 s, with ±20 % jitter so that replicas do not retry in step. */
export const backoffSec = (failures: number) => {
  const base = Math.min(60, 2 ** Math.max(0, failures - 1));
  return Math.round(base * (0.8 + Math.random() * 0.4) * 10) / 10;
};

const conflictKey = (c: Pick<ConflictReport, 'bank_id' | 'bank_slot' | 'client_id' | 'client_slot'>) =>
  `${c.bank_id}:${c.bank_slot}>${c.client_id}:${c.client_slot}`;

export class RemsimReconciler {
  readonly owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private running = new Map<number, Promise<PassResult | null>>();
  private pendingBanks = new Set<number>();
  private flushing: Promise<void> | null = null;
  private stopped = false;
  private readonly leaseSec: number;
  private readonly retryMs: number;

  constructor(
    private readonly db: Database,
    private readonly log: FastifyBaseLogger,
    private readonly settings: ReconcilerSettings,
  ) {
    this.leaseSec = settings.leaseSec ?? 30;
    this.retryMs = settings.retryMs ?? 250;
  }

  /** Called after an assignment on these banks changed (committed): their servers get a pass. */
  assignmentChanged(bankIds: number[]) {
    if (this.stopped) return;
    for (const b of bankIds) this.pendingBanks.add(b);
    if (!this.flushing) this.flushing = new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.flush());
  }

  private async flush() {
    const banks = [...this.pendingBanks];
    this.pendingBanks.clear();
    try {
      const servers = await this.db.run((db) => repo.bumpGeneration(db, banks));
      for (const s of servers) void this.trigger(s.id);
    } catch (err) {
      this.log.error({ err }, 'reconciler: could not mark remsim-servers as changed');
    } finally {
      this.flushing = null;
      if (this.pendingBanks.size > 0) this.assignmentChanged([]);
    }
  }

  /** Starts a pass of this server unless one runs here already (that one sees the change). */
  trigger(serverId: number, force = false): Promise<PassResult | null> {
    const current = this.running.get(serverId);
    if (current) return current;
    const p = this.loop(serverId, force).finally(() => this.running.delete(serverId));
    this.running.set(serverId, p);
    return p;
  }

  /** A pass now, ignoring the retry back-off; waits for a pass already running here first.
   * Null when another process holds the server's lease. */
  async reconcileNow(serverId: number): Promise<PassResult | null> {
    await this.running.get(serverId)?.catch(() => null);
    return this.trigger(serverId, true);
  }

  /** The periodic pass over every enabled server. */
  async periodic() {
    const servers = await this.db.run((db) => repo.enabledServerIds(db));
    await Promise.all(servers.map((s) => this.trigger(s.id)));
  }

  /** Resolves when no pass runs in this process and no change waits to be flushed. */
  async idle() {
    for (let i = 0; i < 100 && (this.flushing || this.running.size > 0); i++) {
      await this.flushing;
      await Promise.allSettled([...this.running.values()]);
    }
  }

  async stop() {
    this.stopped = true;
    await this.flushing;
    await Promise.allSettled([...this.running.values()]);
  }

  private async loop(serverId: number, force: boolean): Promise<PassResult | null> {
    let last: PassResult | null = null;
    let holding = false;
    try {
      for (let round = 0; round < MAX_ROUNDS && !this.stopped; round++) {
        const server = await this.db.run((db) => repo.acquireLease(db, serverId, this.owner, this.leaseSec, force));
        if (!server) return last;
        holding = true;
        const { result, retrySoon } = await this.pass(server);
        last = result;
        if (!result.reachable) break;
        if (retrySoon) {
          await new Promise((r) => setTimeout(r, this.retryMs));
          continue;
        }
        const released = await this.db.run((db) => repo.releaseLease(db, serverId, this.owner, server.generation));
        if (released) {
          holding = false;
          return last;
        }
      }
    } finally {
      if (holding) await this.db.run((db) => repo.releaseLease(db, serverId, this.owner, null)).catch(() => false);
    }
    return last;
  }

  private async pass(server: repo.ServerRow): Promise<{ result: PassResult; retrySoon: boolean }> {
    const started = Date.now();
    const api = new RemsimApi(server.url, this.settings.timeoutMs);
    const result: PassResult = {
      server_id: server.id,
      url: server.url,
      reachable: true,
      figures: null,
      conflicts: [],
      invalid: [],
      error: null,
      duration_ms: 0,
    };
    try {
      const view = await api.view();
      const { desiredRows, owned, previous } = await this.db.run(async (db) => ({
        desiredRows: await repo.desiredMaps(db, server.id),
        owned: await repo.ownedMaps(db, server.id),
        previous: await repo.previousConflicts<ConflictReport>(db, server.id),
      }));
      const desired: DesiredMap[] = desiredRows.map((r) => ({
        bankId: r.bank_id,
        bankSlot: r.slot_id,
        clientId: r.rspro_client_id,
        clientSlot: r.rspro_slot_nr,
        profileId: r.profile_id,
        clientName: r.client_id,
        tenantId: r.tenant_id,
      }));
      const plan = planSlotmaps({
        desired,
        present: view.slotmaps,
        owned,
        bankSlots: new Map(view.banks.map((b) => [b.bankId, b.numberOfSlots])),
        takeover: this.settings.takeover,
      });

      let lastRenew = Date.now();
      const renew = async () => {
        if (Date.now() - lastRenew < RENEW_EVERY_MS) return;
        lastRenew = Date.now();
        const kept = await this.db.run((db) => repo.renewLease(db, server.id, this.owner, this.leaseSec));
        if (!kept) throw new Error('lost the reconcile lease to another process');
      };

      if (plan.adopt.length) await this.db.run((db) => repo.recordOwned(db, server.id, plan.adopt));
      let deleted = 0;
      for (const m of plan.deletes) {
        await api.remove(m);
        deleted++;
        await renew();
      }
      const forget: MapTuple[] = [...plan.forget, ...plan.deletes];
      if (forget.length) await this.db.run((db) => repo.forgetOwned(db, server.id, forget));

      let posted = 0;
      const failed: DesiredMap[] = [];
      for (let i = 0; i < plan.posts.length; i += OWNED_CHUNK) {
        const chunk = plan.posts.slice(i, i + OWNED_CHUNK);
        // Ownership is written before the POSTs: a crash in between leaves a record of a map
        // that may not exist (forgotten later), never a map of ours that we do not know.
        await this.db.run((db) => repo.recordOwned(db, server.id, chunk));
        for (const m of chunk) {
          if (await api.create(m)) posted++;
          else failed.push(m);
          await renew();
        }
      }

      await this.recordPresence(server.id, desiredRows, view);
      const conflicts = plan.conflicts.map(
        (c): ConflictReport => ({
          bank_id: c.present.bankId,
          bank_slot: c.present.bankSlot,
          client_id: c.present.clientId,
          client_slot: c.present.clientSlot,
          state: c.present.state,
          on: c.on,
          action: c.action,
          blocks: {
            client_id: c.desired.clientName,
            profile_id: c.desired.profileId,
            tenant_id: c.desired.tenantId,
            rspro_client_id: c.desired.clientId,
            rspro_slot_nr: c.desired.clientSlot,
          },
        }),
      );
      await this.reportConflicts(server, conflicts, previous);

      const presentBefore = new Set(view.slotmaps.map(tupleKey));
      const presentDesired = desired.filter((d) => presentBefore.has(tupleKey(d))).length + posted;
      const unresolved = conflicts.filter((c) => c.action !== 'taken_over').length;
      result.figures = {
        desired: desired.length,
        present: presentDesired,
        missing: desired.length - presentDesired,
        stale: plan.waiting.length,
        conflicting: unresolved,
        foreign: plan.foreign,
        invalid: plan.invalid.length,
        posted,
        deleted,
        adopted: plan.adopt.length,
        failed: failed.length,
      };
      result.conflicts = conflicts;
      result.invalid = plan.invalid.map((i) => ({ client_id: i.desired.clientName, reason: i.reason }));
      result.duration_ms = Date.now() - started;
      const wasReachable = await this.db.run((db) =>
        repo.recordSuccess(db, server.id, {
          figures: result.figures as unknown as Record<string, number>,
          conflicts: conflicts.slice(0, MAX_REPORTED_CONFLICTS),
          passMs: result.duration_ms,
        }),
      );
      if (wasReachable === false) {
        this.log.info({ server: server.url }, 'remsim-server reachable again');
        await this.db.run((db) => insertEvent(db, 'remsim.server_reachable', null, { server_id: server.id, url: server.url }));
      }
      if (posted || deleted || failed.length)
        this.log.info({ server: server.url, ...result.figures, ms: result.duration_ms }, 'remsim-server reconciled');
      // Work left on the server: stale maps still UNACKNOWLEDGED, POSTs refused while a removal
      // completes at the bankd, conflicts waiting to be taken over.
      const retrySoon = plan.waiting.length > 0 || failed.length > 0 || conflicts.some((c) => c.action === 'waiting');
      return { result, retrySoon };
    } catch (err) {
      result.reachable = false;
      result.error = err instanceof RemsimUnreachable || err instanceof Error ? err.message : String(err);
      result.duration_ms = Date.now() - started;
      const { failures, was } = await this.db.run((db) =>
        repo.recordFailure(db, server.id, result.error as string, result.duration_ms, backoffSec),
      );
      this.log.warn({ server: server.url, err: result.error, failures }, 'remsim-server pass failed; retrying with back-off');
      if (was !== false) {
        await this.db.run((db) =>
          insertEvent(db, 'remsim.server_unreachable', null, { server_id: server.id, url: server.url, error: result.error }),
        );
      }
      return { result, retrySoon: false };
    }
  }

  /** Routers connected over RSPRO are online; bankds connected or not are recorded per bank. */
  private async recordPresence(
    serverId: number,
    desiredRows: repo.DesiredRow[],
    view: { clients: Array<[number, number]>; banks: Array<{ bankId: number; numberOfSlots: number }> },
  ) {
    const connected = new Set(view.clients.map(([c, s]) => `${c}:${s}`));
    const changes = desiredRows
      .filter((r) => connected.has(`${r.rspro_client_id}:${r.rspro_slot_nr}`) !== r.rspro_connected)
      .map((r) => ({ profileId: r.profile_id, connected: !r.rspro_connected }));
    await this.db.transaction(async (tx) => {
      const clients = await repo.applyRsproPresence(tx, changes, this.settings.offlineAfterSec);
      const banks = await repo.applyBankPresence(tx, serverId, view.banks);
      for (const b of banks) {
        await insertEvent(tx, b.connected ? 'bank.online' : 'bank.offline', b.tenant_id, {
          bank_id: b.bank_id,
          server_id: serverId,
        });
      }
      if (clients.length || banks.length)
        this.log.info(
          {
            server_id: serverId,
            rspro: clients.slice(0, 20).map((c) => `${c.client_id}:${c.old}->${c.new}`),
            banks: banks.map((b) => `${b.bank_id}:${b.connected ? 'online' : 'offline'}`),
          },
          'presence changed on remsim-server',
        );
    });
  }

  private async reportConflicts(server: repo.ServerRow, conflicts: ConflictReport[], previous: ConflictReport[]) {
    const before = new Set(previous.map(conflictKey));
    const fresh = conflicts.filter((c) => !before.has(conflictKey(c)));
    if (fresh.length === 0) return;
    this.log.warn(
      { server: server.url, conflicts: fresh.slice(0, 20) },
      this.settings.takeover
        ? 'foreign slot maps stood in the way of assignments: taken over (--remsim-takeover)'
        : 'foreign slot maps stand in the way of assignments; left alone (use --remsim-takeover to replace them)',
    );
    await this.db.transaction(async (tx) => {
      for (const c of fresh.slice(0, MAX_REPORTED_CONFLICTS)) {
        await insertEvent(tx, 'remsim.mapping_conflict', c.blocks.tenant_id, {
          server_id: server.id,
          url: server.url,
          ...c,
        });
      }
    });
  }
}
