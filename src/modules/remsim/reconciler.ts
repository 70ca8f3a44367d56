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
import { backoff } from '../../domain/backoff.js';
import { bankKey, type DesiredMap, type MapTuple, planSlotmaps, tupleKey } from '../../domain/slotmap-plan.js';
import { insertEvent } from '../events/index.js';
import { type ServerRow, remsimServersRepo as serverStatus } from '../inventory/index.js';
import { type ConflictReport, conflictReports, reportConflicts } from './reconcile-conflicts.js';
import { ServerMemory, spaced } from './reconcile-memory.js';
import { flushBankSlots, recheckBeforeDelete, recordPresence } from './reconcile-presence.js';
import { foreignHolds, type InvalidReport, invalidReports, recordSlotService, reportInvalid } from './reconcile-service.js';
import {
  classifyStalls,
  detectStalls,
  newStalls,
  recordRepairs,
  reportStalls,
  resetBackoffOnChange,
  type StallReport,
  stallReports,
} from './reconcile-stalls.js';
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
  /** A map NEW this long while its bankd is connected is stalled (ms). */
  stallGraceMs?: number;
  /** Least time between a DELETE and a POST (either order) for one bankd (ms). */
  settleMs?: number;
  /** Longest pause between probes of an unreachable server (ms). */
  probeMaxMs?: number;
  /** A bank the server stops listing is offline after this long (s). */
  bankOfflineGraceSec?: number;
  /** How long a pass waits for a bankd to take a flush map (ms). */
  flushWaitMs?: number;
}

export type { ConflictReport } from './reconcile-conflicts.js';
export type { StallReport } from './reconcile-stalls.js';

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
  /** Maps found stalled in this pass (NEW while their bankd is connected). */
  stalled: number;
  /** Stalled maps deleted and posted again in this pass. */
  repaired: number;
  /** Maps of IonMesh's the server had listed ACTIVE and no longer lists, without a DELETE. */
  lost: number;
  /** Bank slots whose bankd was made to drop a map the server forgot (see flushBankSlots). */
  flushed: number;
  /** Bank slots still waiting for such a flush (their bankd not connected, or not answering). */
  flush_pending: number;
}

export interface PassResult {
  server_id: number;
  url: string;
  reachable: boolean;
  figures: PassFigures | null;
  conflicts: ConflictReport[];
  stalled: StallReport[];
  invalid: Array<{ client_id: string; reason: string }>;
  error: string | null;
  duration_ms: number;
}

const MAX_ROUNDS = 40;
const OWNED_CHUNK = 500;
const RENEW_EVERY_MS = 5000;
const MAX_REPORTED = 100;
/** A probe right after a change is not repeated sooner than this (ms). */
const PROBE_MIN_GAP_MS = 200;

/** 1, 2, 4 … 60 s, with ±20 % jitter so that replicas do not retry in step. */
export const backoffSec = (failures: number) => Math.round(backoff(failures - 1, { base: 1, max: 60, jitter: 0.2 }) * 10) / 10;

const _sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class RemsimReconciler {
  readonly owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private running = new Map<number, Promise<PassResult | null>>();
  private pendingBanks = new Set<number>();
  private flushing: Promise<void> | null = null;
  private stopped = false;
  private memories = new Map<number, ServerMemory>();
  private readonly leaseSec: number;
  private readonly retryMs: number;
  private readonly stallGraceMs: number;
  private readonly settleMs: number;
  private readonly probeMaxMs: number;
  private readonly bankOfflineGraceSec: number;
  private readonly flushWaitMs: number;

  constructor(
    private readonly db: Database,
    private readonly log: FastifyBaseLogger,
    private readonly settings: ReconcilerSettings,
  ) {
    this.leaseSec = settings.leaseSec ?? 30;
    this.retryMs = settings.retryMs ?? 250;
    this.stallGraceMs = settings.stallGraceMs ?? 1000;
    this.settleMs = settings.settleMs ?? 25;
    this.probeMaxMs = settings.probeMaxMs ?? 1000;
    this.bankOfflineGraceSec = settings.bankOfflineGraceSec ?? 30;
    this.flushWaitMs = settings.flushWaitMs ?? 2000;
  }

  private memory(serverId: number) {
    let m = this.memories.get(serverId);
    if (!m) {
      m = new ServerMemory();
      this.memories.set(serverId, m);
    }
    return m;
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
      const servers = await this.db.run((db) => serverStatus.bumpGeneration(db, banks));
      // A server in back-off is probed at once: if it is back, the change is mapped now.
      for (const s of servers) {
        if (!s.backing_off) void this.trigger(s.id);
        else if (this.memory(s.id).lastFailure !== 'answer') this.probeSoon(s.id);
      }
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
    if (current) {
      this.memories.get(serverId)?.wakeLoop?.();
      return current;
    }
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

  /** The periodic pass over every enabled server; a server in back-off is probed instead. */
  async periodic() {
    const servers = await this.db.run((db) => serverStatus.enabledServerIds(db));
    await Promise.all(
      servers.map((s) => {
        if (s.backing_off) {
          const mem = this.memory(s.id);
          if (!mem.probeTimer && mem.lastFailure !== 'answer') this.probeSoon(s.id);
          return null;
        }
        return this.trigger(s.id);
      }),
    );
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
    for (const m of this.memories.values()) {
      if (m.probeTimer) clearTimeout(m.probeTimer);
      if (m.verifyTimer) clearTimeout(m.verifyTimer);
      m.wakeLoop?.();
    }
    await this.flushing;
    await Promise.allSettled([...this.running.values()]);
  }

  // --- probing an unreachable server ------------------------------------------------------

  /** Schedules the next probe of a server that did not answer: 250 ms, 500 ms, then every
   * probeMaxMs, so that recovery never waits for the pass back-off, however long the outage. */
  private scheduleProbe(serverId: number) {
    const mem = this.memory(serverId);
    if (this.stopped || mem.probeTimer) return;
    const delay = backoff(mem.probeFailures, { base: 250, max: this.probeMaxMs });
    mem.probeTimer = setTimeout(() => void this.probe(serverId), delay);
    mem.probeTimer.unref();
  }

  /** A probe as soon as allowed (a change arrived for a server in back-off). */
  private probeSoon(serverId: number) {
    const mem = this.memory(serverId);
    if (this.stopped || mem.probing) return;
    if (mem.probeTimer) clearTimeout(mem.probeTimer);
    const wait = Math.max(0, mem.lastProbeAt + PROBE_MIN_GAP_MS - Date.now());
    mem.probeTimer = setTimeout(() => void this.probe(serverId), wait);
    mem.probeTimer.unref();
  }

  /** GET /banks: when it answers, a full pass runs at once. */
  private async probe(serverId: number) {
    const mem = this.memory(serverId);
    mem.probeTimer = null;
    if (this.stopped || mem.probing) return;
    mem.probing = true;
    mem.lastProbeAt = Date.now();
    try {
      const server = await this.db.run((db) => serverStatus.serverForProbe(db, serverId));
      if (!server) return; // deleted or disabled
      try {
        await new RemsimApi(server.url, this.settings.timeoutMs).banks();
      } catch {
        mem.probeFailures++;
        this.scheduleProbe(serverId);
        return;
      }
      mem.probeFailures = 0;
      this.log.info({ server: server.url }, 'remsim-server answers again: reconciling now');
      await this.trigger(serverId, true);
    } catch (err) {
      this.log.error({ err }, 'reconciler: probe failed');
    } finally {
      mem.probing = false;
    }
  }

  // --- passes -------------------------------------------------------------------------------

  private async loop(serverId: number, force: boolean): Promise<PassResult | null> {
    let last: PassResult | null = null;
    let holding = false;
    try {
      for (let round = 0; round < MAX_ROUNDS && !this.stopped; round++) {
        const server = await this.db.run((db) => serverStatus.acquireLease(db, serverId, this.owner, this.leaseSec, force));
        if (!server) return last;
        holding = true;
        const { result, retryInMs, verifyInMs } = await this.pass(server);
        last = result;
        if (!result.reachable) break;
        if (retryInMs !== null) {
          await this.pause(serverId, retryInMs);
          continue;
        }
        const released = await this.db.run((db) => serverStatus.releaseLease(db, serverId, this.owner, server.generation));
        if (released) {
          holding = false;
          // A look for stalls later, without holding the lease meanwhile: a change made through
          // another process is not held up by it.
          if (verifyInMs !== null) this.verifyLater(serverId, verifyInMs);
          return last;
        }
      }
    } finally {
      if (holding) await this.db.run((db) => serverStatus.releaseLease(db, serverId, this.owner, null)).catch(() => false);
    }
    return last;
  }

  /** A pass once `ms` have passed (at most one waiting per server). */
  private verifyLater(serverId: number, ms: number) {
    const mem = this.memory(serverId);
    if (this.stopped || (mem.verifyTimer && mem.verifyAt <= Date.now() + ms)) return;
    if (mem.verifyTimer) clearTimeout(mem.verifyTimer);
    mem.verifyAt = Date.now() + ms;
    mem.verifyTimer = setTimeout(() => {
      mem.verifyTimer = null;
      void this.trigger(serverId);
    }, ms);
    mem.verifyTimer.unref();
  }

  /** Waits before the loop's next pass; a change for this server ends the wait at once. */
  private pause(serverId: number, ms: number) {
    const mem = this.memory(serverId);
    return new Promise<void>((resolve) => {
      const t = setTimeout(done, ms);
      function done() {
        clearTimeout(t);
        mem.wakeLoop = null;
        resolve();
      }
      mem.wakeLoop = done;
    });
  }

  private async pass(server: ServerRow): Promise<{ result: PassResult; retryInMs: number | null; verifyInMs: number | null }> {
    const started = Date.now();
    const api = new RemsimApi(server.url, this.settings.timeoutMs);
    const mem = this.memory(server.id);
    const result: PassResult = {
      server_id: server.id,
      url: server.url,
      reachable: true,
      figures: null,
      conflicts: [],
      stalled: [],
      invalid: [],
      error: null,
      duration_ms: 0,
    };
    try {
      const view = await api.view();
      const now = Date.now();
      const connected = new Set(view.banks.map((b) => b.bankId));
      const { desiredRows, owned, reported } = await this.db.run(async (db) => ({
        desiredRows: await repo.desiredMaps(db, server.id),
        owned: await repo.ownedMaps(db, server.id),
        reported: await serverStatus.previousReports(db, server.id),
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
      const kiNeeds = new Map(desiredRows.filter((r) => r.ki_slots_needed !== null).map((r) => [r.profile_id, r] as const));
      const desiredByKey = new Map(desired.map((d) => [tupleKey(d), d]));
      const ownedByKey = new Map(owned.map((o) => [tupleKey(o), o]));
      const presentByKey = new Map(view.slotmaps.map((m) => [tupleKey(m), m]));

      // Maps of IonMesh's the bankd has served: from now on a vanished one is flushed there.
      const seenNow = owned.filter((o) => !o.seenActive && presentByKey.get(tupleKey(o))?.state === 'ACTIVE');
      if (seenNow.length) await this.db.run((db) => repo.markSeenActive(db, server.id, seenNow));
      for (const o of seenNow) o.seenActive = true;

      // The push stall: NEW while the bankd is connected, for longer than a healthy push takes.
      const stall = detectStalls(mem, view.slotmaps, connected, now, this.stallGraceMs);
      resetBackoffOnChange(mem, view.slotmaps, new Set([...desiredByKey.keys(), ...ownedByKey.keys()]));
      const stallsFound = newStalls(mem, stall.stalled);
      const { repairNow, stuck } = classifyStalls(
        mem,
        stall.stalled,
        desiredByKey,
        new Set(ownedByKey.keys()),
        presentByKey,
        now,
      );

      const plan = planSlotmaps({
        desired,
        present: view.slotmaps,
        owned,
        bankSlots: new Map(view.banks.map((b) => [b.bankId, b.numberOfSlots])),
        takeover: this.settings.takeover,
        stalled: repairNow,
        stuck,
        slotShortfall: (d, slots) => {
          const ki = kiNeeds.get(d.profileId);
          if (!ki || ki.ki_slots_needed === null || ki.ki_slots_needed <= slots) return null;
          return `the bankd of bank ${d.bankId} reports ${slots} slots but KI proxy pool ${ki.ki_pool} needs ${ki.ki_slots_needed} (start it with -n ${ki.ki_slots_needed}: see the pool's bankd-config)`;
        },
      });

      let lastRenew = Date.now();
      const renew = async () => {
        if (Date.now() - lastRenew < RENEW_EVERY_MS) return;
        lastRenew = Date.now();
        const kept = await this.db.run((db) => serverStatus.renewLease(db, server.id, this.owner, this.leaseSec));
        if (!kept) throw new Error('lost the reconcile lease to another process');
      };

      if (plan.adopt.length) await this.db.run((db) => repo.recordOwned(db, server.id, plan.adopt));

      // Deletes first, each bankd's creates after them, kept apart (spaced).
      const deletes = await recheckBeforeDelete(api, view, plan.deletes, plan.waiting);
      let deleted = 0;
      const flushedSlots = new Set<string>();
      for (const m of deletes) {
        await spaced(mem, m.bankId, 'delete', this.settleMs, () => api.remove(m));
        deleted++;
        // A flush map of ours the bankd took: that bank slot is clean now.
        const o = ownedByKey.get(tupleKey(m));
        if (o?.purpose === 'flush' && m.state === 'ACTIVE') flushedSlots.add(bankKey(m));
        await renew();
      }

      let posted = 0;
      const failed: DesiredMap[] = [];
      for (let i = 0; i < plan.posts.length; i += OWNED_CHUNK) {
        const chunk = plan.posts.slice(i, i + OWNED_CHUNK);
        // Ownership is written before the POSTs: a crash in between leaves a record of a map
        // that may not exist (forgotten later), never a map of ours that we do not know.
        await this.db.run((db) => repo.recordOwned(db, server.id, chunk));
        for (const m of chunk) {
          if (await spaced(mem, m.bankId, 'create', this.settleMs, () => api.create(m))) posted++;
          else failed.push(m);
          await renew();
        }
      }
      // Posted to a connected bankd: it takes them within milliseconds (and a flush of a slot it
      // never took is harmless), so they count as served should the server forget them. They
      // are looked at again once the stall grace has passed, counted NEW from their POST.
      const refused = new Set(failed);
      const served = plan.posts.filter((m) => connected.has(m.bankId) && !refused.has(m));
      if (served.length) await this.db.run((db) => repo.markSeenActive(db, server.id, served));
      const postedAt = Date.now();
      for (const m of served) if (!mem.newSince.has(tupleKey(m))) mem.newSince.set(tupleKey(m), postedAt);
      recordRepairs(mem, plan.repairs, now, postedAt);

      // Maps of ours the server forgot (a restart) that the bankd served: flush those bank slots.
      const postedSlots = new Set(plan.posts.map(bankKey));
      // A flush map of ours still NEW has not reached its bankd: its slot still needs the flush.
      const presentSlots = new Set(
        view.slotmaps.filter((m) => !(m.state === 'NEW' && ownedByKey.get(tupleKey(m))?.purpose === 'flush')).map(bankKey),
      );
      const lostMaps = owned.filter((o) => o.purpose === 'assignment' && o.seenActive && !presentByKey.has(tupleKey(o)));
      const needFlush = plan.forget.filter((f) => {
        const o = ownedByKey.get(tupleKey(f));
        return (
          o?.purpose === 'assignment' &&
          o.seenActive &&
          !flushedSlots.has(bankKey(f)) &&
          !presentSlots.has(bankKey(f)) &&
          !postedSlots.has(bankKey(f))
        );
      });
      const flush = await flushBankSlots(
        { db: this.db, log: this.log, settleMs: this.settleMs, flushWaitMs: this.flushWaitMs },
        server,
        api,
        mem,
        view,
        needFlush,
        connected,
        renew,
      );
      const keepRecords = new Set(flush.pending.map(tupleKey));
      const forget: MapTuple[] = [...plan.forget.filter((f) => !keepRecords.has(tupleKey(f))), ...deletes];
      if (forget.length) await this.db.run((db) => repo.forgetOwned(db, server.id, forget));

      await recordPresence(
        {
          db: this.db,
          log: this.log,
          offlineAfterSec: this.settings.offlineAfterSec,
          bankOfflineGraceSec: this.bankOfflineGraceSec,
        },
        server.id,
        desiredRows,
        view,
      );
      await recordSlotService(
        { db: this.db, log: this.log },
        server,
        mem,
        view.banks,
        foreignHolds(view.slotmaps, owned, desired),
      );
      const invalid = invalidReports(plan.invalid);
      await reportInvalid(this.db, this.log, server, invalid, reported.invalid as InvalidReport[]);
      const conflicts = conflictReports(plan.conflicts);
      await reportConflicts(
        this.db,
        this.log,
        !!this.settings.takeover,
        server,
        conflicts,
        reported.conflicts as ConflictReport[],
      );
      const stalls = stallReports(mem, stall.since, repairNow, stuck, desiredByKey, presentByKey);
      await reportStalls(this.db, this.log, server, stalls);
      if (view.slotmaps.length === 0 && lostMaps.length > 0) {
        this.log.warn({ server: server.url, lost: lostMaps.length }, 'remsim-server lists no map any more: it restarted');
        await this.db.run((db) =>
          insertEvent(db, 'remsim.server_restarted', null, { server_id: server.id, url: server.url, lost: lostMaps.length }),
        );
      }

      const stalledKeys = new Set([...repairNow, ...stuck]);
      const presentDesired =
        desired.filter((d) => presentByKey.has(tupleKey(d)) && !stalledKeys.has(tupleKey(d))).length + posted;
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
        stalled: stall.stalled.size,
        repaired: plan.repairs.length,
        lost: lostMaps.length,
        flushed: flush.done,
        flush_pending: flush.pending.length,
      };
      result.conflicts = conflicts;
      result.stalled = stalls;
      result.invalid = invalid.map((i) => ({ client_id: i.client_id, reason: i.reason }));
      result.duration_ms = Date.now() - started;
      const wasReachable = await this.db.run((db) =>
        serverStatus.recordSuccess(db, server.id, {
          figures: result.figures as unknown as Record<string, number>,
          conflicts: conflicts.slice(0, MAX_REPORTED),
          stalled: stalls.slice(0, MAX_REPORTED),
          invalid: invalid.slice(0, MAX_REPORTED),
          passMs: result.duration_ms,
          stalls: stallsFound,
          repairs: plan.repairs.length,
          flushes: flush.done,
        }),
      );
      mem.probeFailures = 0;
      mem.lastFailure = null;
      if (wasReachable === false) {
        this.log.info({ server: server.url }, 'remsim-server reachable again');
        await this.db.run((db) => insertEvent(db, 'remsim.server_reachable', null, { server_id: server.id, url: server.url }));
      }
      if (posted || deleted || failed.length || stall.stalled.size || flush.done)
        this.log.info({ server: server.url, ...result.figures, ms: result.duration_ms }, 'remsim-server reconciled');
      // Work left on the server: stale maps still UNACKNOWLEDGED, POSTs refused while a removal
      // completes at the bankd, conflicts waiting to be taken over, repairs to verify, maps NEW
      // on a connected bankd to look at again once the grace has passed, flushes in progress.
      let retryInMs: number | null = null;
      const soon = (ms: number) => {
        retryInMs = retryInMs === null ? ms : Math.min(retryInMs, ms);
      };
      if (
        plan.waiting.length > 0 ||
        failed.length > 0 ||
        conflicts.some((c) => c.action === 'waiting') ||
        plan.repairs.length > 0 ||
        flush.retry
      )
        soon(this.retryMs);
      // Maps NEW on a connected bankd, or just posted to one, are looked at again once the
      // stall grace has passed.
      let verifyInMs: number | null = stall.recheckInMs === null ? null : Math.max(this.retryMs, stall.recheckInMs);
      if (served.length > 0) verifyInMs = Math.min(verifyInMs ?? this.stallGraceMs, this.stallGraceMs);
      return { result, retryInMs, verifyInMs };
    } catch (err) {
      result.reachable = false;
      result.error = err instanceof RemsimUnreachable || err instanceof Error ? err.message : String(err);
      result.duration_ms = Date.now() - started;
      const { failures, was } = await this.db.run((db) =>
        serverStatus.recordFailure(db, server.id, result.error as string, result.duration_ms, backoffSec),
      );
      this.log.warn({ server: server.url, err: result.error, failures }, 'remsim-server pass failed; retrying with back-off');
      if (was !== false) {
        await this.db.run((db) =>
          insertEvent(db, 'remsim.server_unreachable', null, { server_id: server.id, url: server.url, error: result.error }),
        );
      }
      // No answer at all: a probe finds out the moment it is back. A wrong answer: the back-off.
      mem.lastFailure = err instanceof RemsimUnreachable && err.kind === 'network' ? 'network' : 'answer';
      if (mem.lastFailure === 'network') this.scheduleProbe(server.id);
      return { result, retryInMs: null, verifyInMs: null };
    }
  }

  /** Which present maps are stalled: NEW while their bankd is listed, for stallGraceMs or more.
   * A stalled bankd gets nothing pushed until its pending creates are all gone, so once one map
   * of a bank is stalled, every NEW map of that bank is. */
}
