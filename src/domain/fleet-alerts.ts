// What the fleet overview raises: pure, from the figures the overview already read.
import { POOL_CRITICAL, POOL_WARNING } from './pool-levels.js';

export interface PoolFigure {
  id: number;
  pool_name: string;
  tenant_id: number;
  capacity: number;
  used: number;
  enabled: boolean;
}
export interface CarrierFigure {
  tenant_id: number;
  carrier: string;
  cards: number;
  available: number;
  assigned: number;
}
export interface BankFigure {
  bank_id: number;
  name: string;
  tenant_id: number;
  bankd_connected: boolean | null;
  server_reachable: boolean | null;
  /** Slots the remsim side cannot serve (beyond the bankd, held by a foreign map), and one reason. */
  unserved?: number;
  unserved_reason?: string | null;
}
export interface ServerFigure {
  id: number;
  name: string;
  enabled: boolean;
  reachable: boolean | null;
  last_error: string | null;
  conflicts: number;
  /** Maps the last pass found stalled (the server's push stall), repaired or not. */
  stalled?: number;
  /** Maps IonMesh wants but cannot make (a bank slot beyond its bankd). */
  invalid?: number;
}

export interface Alert {
  severity: 'critical' | 'warning';
  kind:
    | 'pool_near_capacity'
    | 'pool_full'
    | 'carrier_without_slots'
    | 'bank_offline'
    | 'remsim_unreachable'
    | 'mapping_conflicts'
    | 'mapping_stalled'
    | 'mapping_invalid'
    | 'slots_unserved';
  message: string;
  tenant_id: number | null;
  ref: string;
}

export function fleetAlerts(input: {
  pools: PoolFigure[];
  carriers: CarrierFigure[];
  banks: BankFigure[];
  servers: ServerFigure[];
}): Alert[] {
  const alerts: Alert[] = [];
  for (const s of input.servers) {
    if (!s.enabled) continue;
    if (s.reachable === false)
      alerts.push({
        severity: 'critical',
        kind: 'remsim_unreachable',
        message: `remsim-server ${s.name} is unreachable${s.last_error ? `: ${s.last_error}` : ''}`,
        tenant_id: null,
        ref: `remsim-server:${s.id}`,
      });
    if (s.conflicts > 0)
      alerts.push({
        severity: 'warning',
        kind: 'mapping_conflicts',
        message: `remsim-server ${s.name} has ${s.conflicts} conflicting slot map${s.conflicts === 1 ? '' : 's'}`,
        tenant_id: null,
        ref: `remsim-server:${s.id}`,
      });
    if ((s.stalled ?? 0) > 0)
      alerts.push({
        severity: 'critical',
        kind: 'mapping_stalled',
        message: `remsim-server ${s.name}: ${s.stalled} slot map${s.stalled === 1 ? '' : 's'} stuck NEW although the bankd is connected (the server's push stall; IonMesh repairs them, see the server's status)`,
        tenant_id: null,
        ref: `remsim-server:${s.id}`,
      });
    if ((s.invalid ?? 0) > 0)
      alerts.push({
        severity: 'critical',
        kind: 'mapping_invalid',
        message: `remsim-server ${s.name}: ${s.invalid} assignment${s.invalid === 1 ? '' : 's'} cannot be mapped (see the server's status for each reason)`,
        tenant_id: null,
        ref: `remsim-server:${s.id}`,
      });
  }
  for (const b of input.banks) {
    if ((b.unserved ?? 0) > 0)
      alerts.push({
        severity: 'warning',
        kind: 'slots_unserved',
        message: `Bank ${b.bank_id} (${b.name}): ${b.unserved} slot${b.unserved === 1 ? '' : 's'} not served and not handed out${b.unserved_reason ? ` (${b.unserved_reason})` : ''}`,
        tenant_id: b.tenant_id,
        ref: `bank:${b.bank_id}`,
      });
    // A bank behind an unreachable server is covered by that server's alert.
    if (b.bankd_connected === false && b.server_reachable !== false)
      alerts.push({
        severity: 'critical',
        kind: 'bank_offline',
        message: `Bank ${b.bank_id} (${b.name}): its bankd is not connected to the remsim-server`,
        tenant_id: b.tenant_id,
        ref: `bank:${b.bank_id}`,
      });
  }
  for (const p of input.pools) {
    if (!p.enabled || p.capacity <= 0) continue;
    const share = p.used / p.capacity;
    if (share >= 1)
      alerts.push({
        severity: 'critical',
        kind: 'pool_full',
        message: `KI proxy pool ${p.pool_name} is full (${p.used}/${p.capacity})`,
        tenant_id: p.tenant_id,
        ref: `ki-pool:${p.id}`,
      });
    else if (share >= POOL_WARNING)
      alerts.push({
        severity: share >= POOL_CRITICAL ? 'critical' : 'warning',
        kind: 'pool_near_capacity',
        message: `KI proxy pool ${p.pool_name} is ${Math.floor(share * 100)} % full (${p.used}/${p.capacity})`,
        tenant_id: p.tenant_id,
        ref: `ki-pool:${p.id}`,
      });
  }
  for (const c of input.carriers) {
    if (c.cards > 0 && c.available === 0)
      alerts.push({
        severity: 'warning',
        kind: 'carrier_without_slots',
        message: `No free slot left for carrier ${c.carrier} (tenant ${c.tenant_id}: ${c.assigned} of ${c.cards} cards assigned)`,
        tenant_id: c.tenant_id,
        ref: `carrier:${c.tenant_id}:${c.carrier}`,
      });
  }
  const rank = { critical: 0, warning: 1 };
  return alerts.sort((a, b) => rank[a.severity] - rank[b.severity]);
}
