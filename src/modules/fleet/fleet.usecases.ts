// The fleet at a glance: client counts by liveness, tenant, mode and carrier; banks, pools,
// remsim-servers; and the alerts they raise. One read of a few grouped queries.
import type { Database } from '../../app/database.js';
import { fleetAlerts } from '../../domain/fleet-alerts.js';
import { readTenant, type TenantScope } from '../../domain/tenant-scope.js';
import * as repo from './fleet.repository.js';

type Liveness = 'online' | 'offline' | 'unknown';
export type Overview = Awaited<ReturnType<FleetService['compute']>>;
interface Tally {
  total: number;
  online: number;
  offline: number;
  unknown: number;
}
const tally = (): Tally => ({ total: 0, online: 0, offline: 0, unknown: 0 });

/** How long one computed overview is shared (every open console refreshes it on events). */
const OVERVIEW_TTL_MS = 2000;

export class FleetService {
  private cache = new Map<string, { at: number; value: Promise<Overview> }>();

  constructor(
    private readonly db: Database,
    private readonly ttlMs = OVERVIEW_TTL_MS,
  ) {}

  /**
   * The overview, computed at most once per tenant filter and process every two seconds: with a
   * 100,000-router fleet it is a few hundred milliseconds of grouped reads, and every open
   * console asks again after each burst of events. Concurrent callers share one computation.
   */
  overview(scope: TenantScope, asked?: number): Promise<Overview> {
    const tenantId = readTenant(scope, asked);
    const key = String(tenantId ?? '*');
    const hit = this.cache.get(key);
    if (hit && Date.now() - hit.at < this.ttlMs) return hit.value;
    const value = this.compute(tenantId);
    this.cache.set(key, { at: Date.now(), value });
    value.catch(() => this.cache.delete(key));
    return value;
  }

  private compute(tenantId?: number) {
    return this.db.run(async (db) => {
      const counts = await repo.clientCounts(db, tenantId);
      const banks = await repo.bankFigures(db, tenantId);
      const pools = await repo.poolFigures(db, tenantId);
      const carriers = await repo.carrierFigures(db, tenantId);
      // remsim-servers are shared infrastructure: a tenant sees only those behind its banks.
      const servers = await repo.serverFigures(db);

      const clients = tally();
      const byTenant = new Map<number, Tally & { tenant_id: number; name: string }>();
      const byMode = new Map<string, Tally & { mapping_mode: string }>();
      const byCarrier = new Map<string, Tally & { carrier: string }>();
      for (const c of counts) {
        const live = c.liveness as Liveness;
        const t = byTenant.get(c.tenant_id) ?? { tenant_id: c.tenant_id, name: c.tenant, ...tally() };
        const m = byMode.get(c.mapping_mode) ?? { mapping_mode: c.mapping_mode, ...tally() };
        const carrier = c.carrier ?? 'unknown';
        const k = byCarrier.get(carrier) ?? { carrier, ...tally() };
        for (const target of [clients, t, m, k]) {
          target.total += c.n;
          target[live] += c.n;
        }
        byTenant.set(c.tenant_id, t);
        byMode.set(c.mapping_mode, m);
        byCarrier.set(carrier, k);
      }
      const behindBanks = new Set(banks.map((b) => b.remsim_server_id));
      const visibleServers = tenantId === undefined ? servers : servers.filter((s) => behindBanks.has(s.id));
      return {
        generated_at: new Date().toISOString(),
        clients: {
          ...clients,
          by_tenant: [...byTenant.values()].sort((a, b) => a.tenant_id - b.tenant_id),
          by_mode: [...byMode.values()].sort((a, b) => b.total - a.total),
          by_carrier: [...byCarrier.values()].sort((a, b) => b.total - a.total),
        },
        banks: banks.map((b) => ({ ...b, utilization: b.slots ? b.assigned / b.slots : 0 })),
        ki_pools: pools.map((p) => ({ ...p, utilization: p.capacity ? p.used / p.capacity : 0 })),
        carriers,
        remsim_servers: visibleServers,
        alerts: fleetAlerts({ pools, carriers, banks, servers: visibleServers }),
      };
    });
  }
}
