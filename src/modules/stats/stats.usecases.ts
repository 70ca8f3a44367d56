// Stats history: series for one client and for the fleet, and the rollup/retention job.
import { Type } from '@sinclair/typebox';
import { sql } from 'drizzle-orm';
import { type Database, rowsOf } from '../../app/database.js';
import { type StatsRange, statsWindow } from '../../domain/stats-range.js';
import { readTenant, type TenantScope } from '../../domain/tenant-scope.js';
import { noProfile } from './stats.errors.js';
import * as repo from './stats.repository.js';

export interface StatsSettings {
  rawRetentionSec: number;
  rollupRetentionSec: number;
  /** Buckets rolled up per range (a step covers each client's whole range): small on PGlite. */
  bucketsPerRange?: number;
  /** Clients rolled up per step (one short transaction each). */
  clientsPerStep?: number;
  /** Rows deleted per prune statement. */
  pruneBatch?: number;
  /** After each step, pause this many times as long as the step took (PGlite: the rollup takes
   * at most a share of the one connection, never all of it while requests wait). */
  pauseRatio?: number;
}

/** Columns of a series, one array per metric, aligned with `t` (epoch seconds): what charts eat. */
function columnar<T extends { t: string }>(list: T[], keys: readonly (keyof T & string)[]) {
  const out: Record<string, Array<number | null>> = { t: list.map((r) => Math.round(new Date(r.t).getTime() / 1000)) };
  for (const k of keys) out[k] = list.map((r) => (r[k] === null ? null : Number(r[k])));
  return out;
}

export class StatsService {
  private stopping = false;

  constructor(
    private readonly db: Database,
    private readonly settings: StatsSettings,
  ) {}

  /** Ends a running turn after its current step (shutdown); the cursor keeps its place. */
  stop() {
    this.stopping = true;
  }

  async clientSeries(clientId: string, range: StatsRange, scope: TenantScope, asked: number | undefined, points?: number) {
    const tenantId = readTenant(scope, asked);
    const w = statsWindow(range, new Date(), this.settings.rawRetentionSec, points);
    return this.db.run(async (db) => {
      // The client's tenant: the one asked for, else that of its newest profile; a client with
      // no profile there (ever) is not found, whatever stats rows exist.
      const [p] = await rowsOf(
        db,
        Type.Object({ tenant_id: Type.Integer() }),
        sql`SELECT tenant_id FROM clients_profiles
             WHERE client_id = ${clientId} AND (${tenantId ?? null}::int IS NULL OR tenant_id = ${tenantId ?? null}::int)
             ORDER BY (status = 'ACTIVE') DESC, created_at DESC LIMIT 1`,
      );
      if (!p) throw noProfile(clientId);
      const tenant = p.tenant_id;
      const list = await repo.clientSeries(db, tenant, clientId, w);
      return {
        client_id: clientId,
        tenant_id: tenant,
        range,
        from: w.from.toISOString(),
        to: w.to.toISOString(),
        step_sec: w.stepSec,
        source: w.source,
        series: columnar(list, ['samples', ...repo.SERIES_COLUMNS]),
      };
    });
  }

  async fleetSeries(range: StatsRange, scope: TenantScope, asked: number | undefined, points?: number) {
    const tenantId = readTenant(scope, asked);
    const w = statsWindow(range, new Date(), 0, points);
    const list = await this.db.run((db) => repo.fleetSeries(db, tenantId, w));
    return {
      tenant_id: tenantId ?? null,
      range,
      from: w.from.toISOString(),
      to: w.to.toISOString(),
      step_sec: Math.max(w.stepSec, 300),
      source: 'rollup' as const,
      series: columnar(list, ['clients', 'samples', 'rssi', 'rsrp', 'rsrq', 'sinr']),
    };
  }

  storage = () => this.db.run((db) => repo.storageFigures(db));

  /**
   * One turn of the job: roll up what closed (catching up at most `maxBuckets` buckets, 12 hours,
   * per turn), range by range and in each range client by client, every step a short
   * transaction of its own; then prune in batches (the queue is free between them) until nothing
   * is left or `maxPruneBatches` ran: 100,000 routers at one heartbeat a minute age 100,000 raw
   * rows out every minute.
   */
  async maintain(maxBuckets = 144, pruneBatch = this.settings.pruneBatch ?? 50_000, maxPruneBatches = 40) {
    const perRange = this.settings.bucketsPerRange ?? 144;
    const perStep = this.settings.clientsPerStep ?? 1000;
    let rolled = 0;
    let skipped = false;
    // Bounded: a range of a million clients takes a thousand steps.
    for (let step = 0; step < 100_000 && rolled < maxBuckets && !this.stopping; step++) {
      const started = performance.now();
      const result = await this.db.transaction((tx) =>
        repo.rollUpStep(tx, this.settings.rawRetentionSec, Math.min(perRange, maxBuckets - rolled), perStep),
      );
      if (this.settings.pauseRatio)
        await new Promise((r) => setTimeout(r, (performance.now() - started) * (this.settings.pauseRatio ?? 0)));
      if (result.skipped) {
        skipped = step === 0;
        break;
      }
      rolled += result.rolled;
      if (!result.more) break;
    }
    const pruned = { raw: 0, rollups: 0, fleet: 0 };
    for (let i = 0; i < maxPruneBatches && !this.stopping; i += 1) {
      const step = await this.db.run((db) =>
        repo.prune(db, this.settings.rawRetentionSec, this.settings.rollupRetentionSec, pruneBatch),
      );
      pruned.raw += step.raw;
      pruned.rollups += step.rollups;
      pruned.fleet += step.fleet;
      if (step.raw < pruneBatch && step.rollups < pruneBatch) break;
    }
    return { rolled, skipped, pruned };
  }
}
