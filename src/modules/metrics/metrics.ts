// Prometheus metrics (prom-client). Counters and histograms are updated as things happen; fleet
// gauges (clients, slots, pools, banks, remsim-servers) come from one set of aggregate queries
// run by a background job, never by a scrape, so a scrape never scans large tables. Per-client
// signal gauges come from the heartbeats this process served, while the fleet has at most
// --metrics-per-client-max clients (1,000): past that they would make every scrape megabytes
// long and seconds slow on the request path, so they are dropped unless the operator opts in
// with a larger maximum (--no-metrics-per-client: never). Label values are escaped by prom-client.
import { Type } from '@sinclair/typebox';
import { sql } from 'drizzle-orm';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { type Database, rowsOf } from '../../app/database.js';
import type { WorkEngine } from '../../app/work/index.js';
import { type ClientObserver, type HeartbeatStats, inSlice, PROFILE_SLICES } from '../clients/index.js';

const Int = Type.Integer();

const SIGNALS = [
  ['rssi', 'ionmesh_client_rssi_dbm', 'Received signal strength indicator from the client’s last heartbeat (dBm)'],
  ['rsrp', 'ionmesh_client_rsrp_dbm', 'Reference signal received power from the client’s last heartbeat (dBm)'],
  ['rsrq', 'ionmesh_client_rsrq_db', 'Reference signal received quality from the client’s last heartbeat (dB)'],
  ['sinr', 'ionmesh_client_sinr_db', 'Signal to interference plus noise ratio from the client’s last heartbeat (dB)'],
  // The seeds' exporter names (src/domain/stats-vocabulary.ts reads either vocabulary).
  [
    'rssi',
    'ionmesh_client_signal_rssi_dbm',
    'RSSI from the client’s last heartbeat (dBm; the seeds’ name of ionmesh_client_rssi_dbm)',
  ],
  [
    'rsrp',
    'ionmesh_client_signal_rsrp_dbm',
    'RSRP from the client’s last heartbeat (dBm; the seeds’ name of ionmesh_client_rsrp_dbm)',
  ],
  ['uptime_seconds', 'ionmesh_client_uptime_seconds', 'Seconds since the client started, from its last heartbeat'],
  ['tpdus_sent', 'ionmesh_client_tpdus_sent', 'TPDUs the client sent since it started, from its last heartbeat'],
  ['tpdus_received', 'ionmesh_client_tpdus_received', 'TPDUs the client received since it started, from its last heartbeat'],
  ['tpdu_errors', 'ionmesh_client_errors', 'Errors since the client started, from its last heartbeat'],
  ['data_rx_bytes', 'ionmesh_client_data_rx_bytes', 'Bytes received over the cellular link since the client started'],
  ['data_tx_bytes', 'ionmesh_client_data_tx_bytes', 'Bytes sent over the cellular link since the client started'],
] as const;

/** Per-client series: kept while the fleet has at most `max` active clients (0: never). */
export interface PerClientSeries {
  max: number;
  /** Told when the fleet grows past `max` (the series are dropped) or comes back under it. */
  onChange?: (enabled: boolean, fleet: number) => void;
}

export class Metrics implements ClientObserver {
  readonly registry = new Registry();
  private readonly httpDuration: Histogram<string>;
  private readonly registrations: Counter<string>;
  private readonly heartbeats: Counter<string>;
  private readonly unregistrations: Counter<string>;
  private readonly allocationFailures: Counter<string>;
  private readonly webhookAttempts: Counter<string>;
  private readonly authFailures: Counter<string>;
  private readonly clientRefusals: Counter<string>;
  private readonly clients: Gauge<string>;
  private readonly slots: Gauge<string>;
  private readonly poolSims: Gauge<string>;
  private readonly poolCapacity: Gauge<string>;
  private readonly poolUtilization: Gauge<string>;
  private readonly banksOnline: Gauge<string>;
  private readonly bankConnected: Gauge<string>;
  private readonly remsimMappings: Gauge<string>;
  private readonly remsimReachable: Gauge<string>;
  private readonly remsimFixes: Counter<string>;
  /** The database's running totals last added to remsimFixes, by server and kind. */
  private readonly fixesSeen = new Map<string, number>();
  private readonly refreshed: Gauge<string>;
  /** Per card: bytes in its current billing cycle (behind the per-client switch). */
  private readonly cardUsage: Gauge<string>;
  private readonly usageLag: Gauge<string>;
  private readonly commands: Gauge<string>;
  private readonly healingAttempts: Counter<string>;
  private readonly healingSuccesses: Counter<string>;
  private readonly healingFailures: Counter<string>;
  private readonly recovery: Histogram<string>;
  private readonly incidentsOpen: Gauge<string>;
  /** Per-client gauges by metric name, each with the stats key it shows. */
  private readonly signals: Map<string, { key: string; gauge: Gauge<string> }>;
  private readonly clientSeries = new Map<string, string>();
  private readonly perClientEnabled: Gauge<string>;
  private readonly jobDuration: Histogram<string>;
  private readonly workCounts: Counter<string>;
  private readonly workOpen: Gauge<string>;
  private readonly workOldest: Gauge<string>;
  /** Per-client series are kept now: the fleet (as of the last refresh) is small enough. */
  private perClient: boolean;

  constructor(
    private readonly db: Database,
    private readonly perClientSeries: PerClientSeries = { max: 1000 },
    /** The engine for claimed work, counted per kind. */
    private readonly work?: WorkEngine,
  ) {
    this.perClient = perClientSeries.max > 0;
    const r = this.registry;
    collectDefaultMetrics({ register: r, prefix: 'ionmesh_' });
    // prom-client names three gauges *_total, which Prometheus reserves for counters (promtool
    // flags them); the same figures remain as ionmesh_nodejs_active_{handles,requests,resources}.
    for (const m of ['handles', 'requests', 'resources']) r.removeSingleMetric(`ionmesh_nodejs_active_${m}_total`);
    this.httpDuration = new Histogram({
      name: 'ionmesh_http_request_duration_seconds',
      help: 'HTTP request duration by route pattern',
      labelNames: ['method', 'route', 'status_code'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
      registers: [r],
    });
    this.registrations = new Counter({
      name: 'ionmesh_registrations_total',
      help: 'Registrations by mapping mode and outcome (new, existing, or the error code)',
      labelNames: ['mode', 'outcome'],
      registers: [r],
    });
    this.heartbeats = new Counter({
      name: 'ionmesh_heartbeats_total',
      help: 'Heartbeats by result',
      labelNames: ['result'],
      registers: [r],
    });
    this.unregistrations = new Counter({
      name: 'ionmesh_unregistrations_total',
      help: 'Profiles released by unregister',
      registers: [r],
    });
    this.allocationFailures = new Counter({
      name: 'ionmesh_allocation_failures_total',
      help: 'Registrations that got no assignment, by reason',
      labelNames: ['reason', 'mode'],
      registers: [r],
    });
    this.clientRefusals = new Counter({
      name: 'ionmesh_client_refusals_total',
      help: 'Client API calls refused: enrollment not allowed, heartbeat or unregister from a wrong source or with a wrong token',
      labelNames: ['what', 'reason'],
      registers: [r],
    });
    this.authFailures = new Counter({
      name: 'ionmesh_auth_failures_total',
      help: 'Refused admin API requests: no key, an invalid key, or a role without the access',
      labelNames: ['reason'],
      registers: [r],
    });
    this.webhookAttempts = new Counter({
      name: 'ionmesh_webhook_deliveries_total',
      help: 'Webhook delivery attempts by result (succeeded, retry, dead)',
      labelNames: ['result'],
      registers: [r],
    });
    this.clients = new Gauge({
      name: 'ionmesh_clients',
      help: 'Active profiles by tenant, mapping mode and liveness',
      labelNames: ['tenant', 'mode', 'liveness'],
      registers: [r],
    });
    this.slots = new Gauge({
      name: 'ionmesh_slots',
      help: 'Physical slots by bank and status',
      labelNames: ['bank', 'status'],
      registers: [r],
    });
    this.poolSims = new Gauge({
      name: 'ionmesh_ki_pool_virtual_sims',
      help: 'Active virtual SIMs of each KI proxy pool',
      labelNames: ['tenant', 'pool', 'mcc_mnc'],
      registers: [r],
    });
    this.poolCapacity = new Gauge({
      name: 'ionmesh_ki_pool_capacity',
      help: 'Virtual SIMs a KI proxy pool can hold',
      labelNames: ['tenant', 'pool', 'mcc_mnc'],
      registers: [r],
    });
    this.poolUtilization = new Gauge({
      name: 'ionmesh_ki_pool_utilization_ratio',
      help: 'Virtual SIMs over capacity, 0..1',
      labelNames: ['tenant', 'pool', 'mcc_mnc'],
      registers: [r],
    });
    this.banksOnline = new Gauge({
      name: 'ionmesh_banks_online',
      help: 'Banks whose bankd the remsim-server lists as connected',
      labelNames: ['tenant'],
      registers: [r],
    });
    this.bankConnected = new Gauge({
      name: 'ionmesh_bank_bankd_connected',
      help: '1 when the bank’s bankd is connected to its remsim-server, 0 when not (absent while never seen)',
      labelNames: ['tenant', 'bank'],
      registers: [r],
    });
    this.remsimMappings = new Gauge({
      name: 'ionmesh_remsim_mappings',
      help: 'Slot mappings on each remsim-server after the last reconcile pass, by kind',
      labelNames: ['server', 'kind'],
      registers: [r],
    });
    this.remsimReachable = new Gauge({
      name: 'ionmesh_remsim_server_reachable',
      help: '1 when the last pass reached the remsim-server',
      labelNames: ['server'],
      registers: [r],
    });
    this.remsimFixes = new Counter({
      name: 'ionmesh_remsim_fixes_total',
      help: 'What the reconciler did about the server’s own bugs: stalled maps found (stall), repaired (repair), bankd slots flushed after a restart (flush)',
      labelNames: ['server', 'kind'],
      registers: [r],
    });
    this.healingAttempts = new Counter({
      name: 'ionmesh_healing_attempts_total',
      help: 'Self-healing attempts by action (a move, a card locked, a restart queued …), whatever their result',
      labelNames: ['action'],
      registers: [r],
    });
    this.healingSuccesses = new Counter({
      name: 'ionmesh_healing_successes_total',
      help: 'Self-healing attempts that did what they set out to do, by action',
      labelNames: ['action'],
      registers: [r],
    });
    this.healingFailures = new Counter({
      name: 'ionmesh_healing_failures_total',
      help: 'Self-healing attempts that failed (no free card, a refusal), by action',
      labelNames: ['action'],
      registers: [r],
    });
    this.recovery = new Histogram({
      name: 'ionmesh_healing_time_to_recovery_seconds',
      help: 'Incidents from detection to resolution, by cause',
      labelNames: ['cause'],
      buckets: [5, 15, 30, 60, 120, 300, 600, 1800, 3600, 14_400, 86_400],
      registers: [r],
    });
    this.incidentsOpen = new Gauge({
      name: 'ionmesh_incidents_open',
      help: 'Incidents not resolved (detected, diagnosing, healing or escalated), by cause and severity',
      labelNames: ['cause', 'severity'],
      registers: [r],
    });
    this.commands = new Gauge({
      name: 'ionmesh_commands',
      help: 'Client commands by state (pending, delivered, acknowledged, failed, expired)',
      labelNames: ['state'],
      registers: [r],
    });
    this.cardUsage = new Gauge({
      name: 'ionmesh_card_usage_cycle_bytes',
      help: 'Bytes a card (bank slot or KI virtual slot) carried in its current billing cycle, by direction (kept like the per-client series)',
      labelNames: ['tenant', 'bank_id', 'slot_id', 'direction'],
      registers: [r],
    });
    this.usageLag = new Gauge({
      name: 'ionmesh_usage_accounting_lag_seconds',
      help: 'How far behind now the usage accounting is (heartbeat samples settle 30 s before they are accounted)',
      registers: [r],
    });
    this.refreshed = new Gauge({
      name: 'ionmesh_fleet_metrics_refreshed_timestamp_seconds',
      help: 'When the fleet gauges were last computed (Unix time)',
      registers: [r],
    });
    this.signals = new Map(
      SIGNALS.map(([key, name, help]) => [
        name,
        { key, gauge: new Gauge({ name, help, labelNames: ['tenant', 'client_id'], registers: [r] }) },
      ]),
    );
    this.perClientEnabled = new Gauge({
      name: 'ionmesh_metrics_per_client_enabled',
      help: 'Whether per-client signal series are kept (1), or not because the fleet is over --metrics-per-client-max (0)',
      registers: [r],
    });
    this.perClientEnabled.set(this.perClient ? 1 : 0);
    const database = this.db;
    new Gauge({
      name: 'ionmesh_database_queue_depth',
      help: 'Units of work queued or running on the embedded database’s one connection (PGlite; absent on PostgreSQL)',
      registers: [r],
      collect() {
        const { queued } = database.load();
        if (queued !== undefined) this.set(queued);
      },
    });
    new Gauge({
      name: 'ionmesh_database_connections',
      help: 'PostgreSQL pool connections of this process by state (total, idle, waiting requests); absent on PGlite',
      labelNames: ['state'],
      registers: [r],
      collect() {
        const { connections } = database.load();
        if (!connections) return;
        for (const [state, n] of Object.entries(connections)) this.labels(state).set(n);
      },
    });
    this.jobDuration = new Histogram({
      name: 'ionmesh_job_duration_seconds',
      help: 'How long each pass of a background job took, by job and result',
      labelNames: ['job', 'result'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [r],
    });
    this.workCounts = new Counter({
      name: 'ionmesh_work_items_total',
      help: 'Claimed work of this process by kind and what happened: claimed, done, failed, retried, escalated, takeover (a stopped process’s item taken over), lost (this process’s claim taken over)',
      labelNames: ['kind', 'outcome'],
      registers: [r],
    });
    this.workOpen = new Gauge({
      name: 'ionmesh_work_open_items',
      help: 'Work items waiting (pending) or under way (claimed), by kind, as of the last refresh',
      labelNames: ['kind', 'state'],
      registers: [r],
    });
    this.workOldest = new Gauge({
      name: 'ionmesh_work_oldest_due_seconds',
      help: 'How long the oldest due, unclaimed work item of each kind has waited, as of the last refresh',
      labelNames: ['kind'],
      registers: [r],
    });
    work?.observe((kind, what) => this.workCounts.labels(kind, what).inc());
  }

  jobPass = (job: string, seconds: number, ok: boolean) => {
    this.jobDuration.labels(job, ok ? 'ok' : 'failed').observe(seconds);
  };

  refused(what: string, reason: string) {
    this.clientRefusals.labels(what, reason).inc();
  }

  authFailed = (reason: string) => {
    this.authFailures.labels(reason).inc();
  };

  /** A self-healing attempt (HealingObserver). */
  attempt(action: string, result: string) {
    this.healingAttempts.labels(action).inc();
    if (result === 'success') this.healingSuccesses.labels(action).inc();
    if (result === 'failed') this.healingFailures.labels(action).inc();
  }

  /** An incident resolved after this long (HealingObserver). */
  recovered(cause: string, seconds: number) {
    this.recovery.labels(cause).observe(seconds);
  }

  webhookAttempt = (result: string) => {
    this.webhookAttempts.labels(result).inc();
  };

  observeRequest(method: string, route: string, statusCode: number, seconds: number) {
    this.httpDuration.labels(method, route, String(statusCode)).observe(seconds);
  }

  registered(mode: string, outcome: string) {
    this.registrations.labels(mode, outcome).inc();
    if (outcome !== 'new' && outcome !== 'existing') this.allocationFailures.labels(outcome, mode).inc();
  }

  heartbeat(ok: boolean, clientId: string, tenantId: number | null, stats: HeartbeatStats | undefined) {
    this.heartbeats.labels(ok ? 'ok' : 'unknown_client').inc();
    if (!ok || !this.perClient || !stats) return;
    const tenant = tenantId === null ? '' : String(tenantId);
    let touched = false;
    for (const { key, gauge } of this.signals.values()) {
      const v = stats[key];
      if (typeof v === 'number' && Number.isFinite(v)) {
        gauge.labels(tenant, clientId).set(v);
        touched = true;
      }
    }
    if (touched) {
      this.clientSeries.delete(clientId);
      this.clientSeries.set(clientId, tenant);
      if (this.clientSeries.size > this.perClientSeries.max) {
        const [oldest, oldTenant] = this.clientSeries.entries().next().value as [string, string];
        this.dropClient(oldest, oldTenant);
      }
    }
  }

  unregistered(count: number, clientId: string) {
    this.unregistrations.inc(count);
    const tenant = this.clientSeries.get(clientId);
    if (tenant !== undefined) this.dropClient(clientId, tenant);
  }

  private dropClient(clientId: string, tenant: string) {
    this.clientSeries.delete(clientId);
    for (const { gauge } of this.signals.values()) gauge.remove(tenant, clientId);
  }

  /** Active profiles by tenant, mode and liveness, counted one slice of the fleet per statement. */
  private async countClients() {
    const counts = new Map<string, { tenant_id: number; mapping_mode: string; liveness: string; n: number }>();
    for (const slice of PROFILE_SLICES) {
      const part = await this.db.run((h) =>
        rowsOf(
          h,
          Type.Object({ tenant_id: Int, mapping_mode: Type.String(), liveness: Type.String(), n: Int }),
          sql`SELECT tenant_id, mapping_mode, liveness, count(*)::int AS n FROM clients_profiles
              WHERE ${inSlice(slice)} AND status = 'ACTIVE' GROUP BY 1, 2, 3`,
        ),
      );
      for (const c of part) {
        const key = `${c.tenant_id}|${c.mapping_mode}|${c.liveness}`;
        const seen = counts.get(key);
        if (seen) seen.n += c.n;
        else counts.set(key, { ...c });
      }
    }
    return [...counts.values()];
  }

  /** Slots by bank and status, 64 banks per statement (bank ids are 1..1023). */
  private async countSlots() {
    const counts: Array<{ bank_id: number; status: string; n: number }> = [];
    for (let first = 0; first <= 1023; first += 64)
      counts.push(
        ...(await this.db.run((h) =>
          rowsOf(
            h,
            Type.Object({ bank_id: Int, status: Type.String(), n: Int }),
            sql`SELECT bank_id, status, count(*)::int AS n FROM inventory_slots
                 WHERE bank_id >= ${first} AND bank_id < ${first + 64} GROUP BY 1, 2`,
          ),
        )),
      );
    return counts;
  }

  /** Recomputes the fleet gauges: a handful of aggregate queries (a background job runs it). */
  async refreshFleet() {
    // One query per turn of the database queue (PGlite runs one at a time): a heartbeat batch
    // waits behind one count at most, never behind all of them.
    const data = {
      clients: await this.countClients(),
      slots: await this.countSlots(),
      pools: await this.db.run((h) =>
        rowsOf(
          h,
          Type.Object({ tenant_id: Int, pool_name: Type.String(), mcc_mnc: Type.String(), current: Int, capacity: Int }),
          sql`SELECT kp.tenant_id, kp.pool_name, kp.mcc_mnc, kp.current_virtual_sims AS current,
                   ionmesh_pool_capacity(kp.id, kp.max_virtual_sims) AS capacity
            FROM kiproxy_pools kp`,
        ),
      ),
      banks: await this.db.run((h) =>
        rowsOf(
          h,
          Type.Object({ tenant_id: Int, bank_id: Int, bankd_connected: Type.Union([Type.Boolean(), Type.Null()]) }),
          sql`SELECT tenant_id, bank_id, bankd_connected FROM inventory_banks`,
        ),
      ),
      incidents: await this.db.run((h) =>
        rowsOf(
          h,
          Type.Object({ cause: Type.String(), severity: Type.String(), n: Int }),
          sql`SELECT cause, severity, sum(n)::int AS n FROM healing_open_incidents GROUP BY 1, 2`,
        ),
      ),
      commands: await this.db.run((h) =>
        rowsOf(
          h,
          Type.Object({ status: Type.String(), n: Int }),
          sql`SELECT status, count(*)::int AS n FROM commands_queue GROUP BY 1`,
        ),
      ),
      // Per-card series only while per-client ones are kept (the same switch and maximum).
      cardUsage: this.perClient
        ? await this.db.run((h) =>
            rowsOf(
              h,
              Type.Object({
                tenant_id: Int,
                bank_id: Int,
                slot_id: Int,
                rx_bytes: Type.Union([Type.Number(), Type.Null()]),
                tx_bytes: Type.Union([Type.Number(), Type.Null()]),
              }),
              sql`SELECT tenant_id, bank_id, slot_id, rx_bytes::float8 AS rx_bytes, tx_bytes::float8 AS tx_bytes
                    FROM usage_card_cycles WHERE cycle_start <= current_date AND cycle_end > current_date
                   ORDER BY coalesce(rx_bytes, 0) + coalesce(tx_bytes, 0) DESC LIMIT ${this.perClientSeries.max}`,
            ),
          )
        : [],
      usage: await this.db.run((h) =>
        rowsOf(
          h,
          Type.Object({ lag: Type.Union([Type.Number(), Type.Null()]) }),
          sql`SELECT CASE WHEN accounted_until > 'epoch' THEN extract(epoch FROM now() - accounted_until)::float8 END AS lag
                FROM usage_progress`,
        ),
      ),
      servers: await this.db.run((h) =>
        rowsOf(
          h,
          Type.Object({
            name: Type.String(),
            reachable: Type.Union([Type.Boolean(), Type.Null()]),
            figures: Type.Union([Type.Record(Type.String(), Type.Number()), Type.Null()]),
            stalls_total: Int,
            repairs_total: Int,
            flushes_total: Int,
          }),
          sql`SELECT name, reachable, figures, stalls_total, repairs_total, flushes_total FROM inventory_remsim_servers WHERE enabled`,
        ),
      ),
    };
    this.workOpen.reset();
    this.workOldest.reset();
    for (const w of this.work ? await this.work.open() : []) {
      this.workOpen.labels(w.kind, 'pending').set(w.pending);
      this.workOpen.labels(w.kind, 'claimed').set(w.claimed);
      this.workOldest.labels(w.kind).set(w.oldest_due_sec);
    }
    this.clients.reset();
    for (const c of data.clients) this.clients.labels(String(c.tenant_id), c.mapping_mode, c.liveness).set(c.n);
    const lag = data.usage[0]?.lag;
    if (lag !== undefined && lag !== null) this.usageLag.set(lag);
    this.cardUsage.reset();
    for (const u of data.cardUsage) {
      const labels = [String(u.tenant_id), String(u.bank_id), String(u.slot_id)];
      if (u.rx_bytes !== null) this.cardUsage.labels(...labels, 'rx').set(u.rx_bytes);
      if (u.tx_bytes !== null) this.cardUsage.labels(...labels, 'tx').set(u.tx_bytes);
    }
    this.slots.reset();
    for (const s of data.slots) this.slots.labels(String(s.bank_id), s.status).set(s.n);
    for (const g of [this.poolSims, this.poolCapacity, this.poolUtilization]) g.reset();
    for (const p of data.pools) {
      const labels = [String(p.tenant_id), p.pool_name, p.mcc_mnc];
      this.poolSims.labels(...labels).set(p.current);
      this.poolCapacity.labels(...labels).set(p.capacity);
      this.poolUtilization.labels(...labels).set(p.capacity > 0 ? p.current / p.capacity : 0);
    }
    this.banksOnline.reset();
    this.bankConnected.reset();
    const online = new Map<number, number>();
    for (const b of data.banks) {
      online.set(b.tenant_id, (online.get(b.tenant_id) ?? 0) + (b.bankd_connected ? 1 : 0));
      if (b.bankd_connected !== null)
        this.bankConnected.labels(String(b.tenant_id), String(b.bank_id)).set(b.bankd_connected ? 1 : 0);
    }
    for (const [tenant, n] of online) this.banksOnline.labels(String(tenant)).set(n);
    this.remsimMappings.reset();
    this.remsimReachable.reset();
    for (const s of data.servers) {
      if (s.reachable !== null) this.remsimReachable.labels(s.name).set(s.reachable ? 1 : 0);
      for (const kind of [
        'desired',
        'present',
        'missing',
        'stale',
        'conflicting',
        'foreign',
        'invalid',
        'stalled',
        'flush_pending',
      ]) {
        const v = s.figures?.[kind];
        if (typeof v === 'number') this.remsimMappings.labels(s.name, kind).set(v);
      }
      for (const [kind, total] of [
        ['stall', s.stalls_total],
        ['repair', s.repairs_total],
        ['flush', s.flushes_total],
      ] as const) {
        const key = `${s.name}\u0000${kind}`;
        const added = total - (this.fixesSeen.get(key) ?? 0);
        if (added > 0) this.remsimFixes.labels(s.name, kind).inc(added);
        else if (added === 0 && !this.fixesSeen.has(key)) this.remsimFixes.labels(s.name, kind).inc(0);
        this.fixesSeen.set(key, total);
      }
    }
    this.followFleetSize(data.clients.reduce((n, c) => n + c.n, 0));
    this.commands.reset();
    for (const state of ['pending', 'delivered', 'acknowledged', 'failed', 'expired']) {
      this.commands.labels(state).set(data.commands.find((c) => c.status === state)?.n ?? 0);
    }
    this.incidentsOpen.reset();
    for (const cause of ['card_failure', 'bankd_loss', 'client_request', 'silent_router', 'remsim_drift'])
      for (const severity of ['info', 'warning', 'critical'])
        this.incidentsOpen
          .labels(cause, severity)
          .set(data.incidents.filter((i) => i.cause === cause && i.severity === severity).reduce((n, i) => n + i.n, 0));
    this.refreshed.set(Date.now() / 1000);
  }

  /** Per-client series only while the fleet is at most the maximum; dropped all at once past it. */
  private followFleetSize(fleet: number) {
    const enabled = this.perClientSeries.max > 0 && fleet <= this.perClientSeries.max;
    if (enabled === this.perClient) return;
    this.perClient = enabled;
    this.perClientEnabled.set(enabled ? 1 : 0);
    if (!enabled) {
      this.clientSeries.clear();
      for (const { gauge } of this.signals.values()) gauge.reset();
    }
    this.perClientSeries.onChange?.(enabled, fleet);
  }
}
