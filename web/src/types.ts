// Shapes of the API answers the console reads (see /docs for the whole OpenAPI document).

export interface Tally {
  total: number;
  online: number;
  offline: number;
  unknown: number;
}
export interface Overview {
  generated_at: string;
  clients: Tally & {
    by_tenant: Array<Tally & { tenant_id: number; name: string }>;
    by_mode: Array<Tally & { mapping_mode: string }>;
    by_carrier: Array<Tally & { carrier: string }>;
  };
  banks: Array<{
    bank_id: number;
    name: string;
    tenant_id: number;
    bankd: string | null;
    bankd_connected: boolean | null;
    slots: number;
    available: number;
    assigned: number;
    faulty: number;
    disabled: number;
    utilization: number;
  }>;
  ki_pools: Array<{
    id: number;
    pool_name: string;
    carrier: string | null;
    mcc_mnc: string;
    used: number;
    capacity: number;
    enabled: boolean;
  }>;
  remsim_servers: Array<{
    id: number;
    name: string;
    url: string;
    enabled: boolean;
    simulated: boolean;
    reachable: boolean | null;
    last_error: string | null;
    last_pass_at: string | null;
    conflicts: number;
    /** Maps the last pass found stuck NEW although their bankd is connected. */
    stalled: number;
  }>;
  alerts: Array<{ severity: 'critical' | 'warning'; kind: string; message: string; ref: string }>;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export interface ClientRow {
  profile_id: string;
  tenant_id: number;
  client_id: string;
  mapping_mode: string;
  bank_id: number;
  slot_id: number;
  rspro_client_id: number;
  rspro_slot_nr: number;
  status: string;
  liveness: 'online' | 'offline' | 'unknown';
  health_status: string;
  last_heartbeat: string | null;
  rspro_connected: boolean;
  rspro_connected_since: string | null;
  client_stats: Record<string, unknown> | null;
  client_hardware_info: Record<string, unknown> | null;
  client_ip_address: string | null;
  /** What the router asked for at its last registration when that differs from what it holds. */
  config_mismatch?: boolean;
  requested_mapping_mode?: string | null;
  requested_mcc_mnc?: string | null;
  carrier: string | null;
  mcc_mnc: string | null;
  iccid: string | null;
  imsi: string | null;
  ki_pool_id: number | null;
  simulated: boolean;
  created_at: string;
}

export interface Series {
  range: string;
  from: string;
  to: string;
  step_sec: number;
  source: 'raw' | 'rollup';
  series: Record<string, Array<number | null>>;
}
