// One typed configuration object, built from CLI flags and IONMESH_* variables, validated at start.
import ipaddr from 'ipaddr.js';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  demo: boolean;
  offlineAfterSec: number;
  heartbeatIntervalSec: number;
  sweepIntervalSec: number;
  adminKey: string | null;
  logLevel: string;
  /** Exposes POST /api/backend/v1/bench/noop, the ceiling route of `npm run bench`. */
  benchRoutes: boolean;
  /** Full reconcile pass of every remsim-server this often (s). */
  reconcileIntervalSec: number;
  /** Replace foreign slot maps that stand in the way of an assignment. */
  remsimTakeover: boolean;
  /** Timeout of one request to a remsim-server (ms). */
  remsimTimeoutMs: number;
  /** A map NEW this long while its bankd is connected is stalled (ms). */
  remsimStallGraceMs: number;
  /** A bank its remsim-server stops listing is offline after this long (s). */
  bankOfflineGraceSec: number;
  /** With --demo: routers of the simulated demo fleet (0: no simulation). */
  demoFleet: number;
  /** With --demo: port of the in-process remsim-server emulator (0: none). */
  demoRemsimPort: number;
  /** Per-client signal series on /metrics (off for very large fleets). */
  metricsPerClient: boolean;
  /** Per-client series are kept only while the fleet has at most this many clients. */
  metricsPerClientMax: number;
  /** The fleet gauges of /metrics are recomputed this often (s). */
  metricsRefreshSec: number;
  /** Webhooks may post to private and loopback addresses (labs, tests). */
  webhooksAllowPrivate: boolean;
  /** Raw heartbeat stats are kept this long (h); older ones survive as 5-minute rollups. */
  statsRawHours: number;
  /** 5-minute rollups are kept this long (days). */
  statsRollupDays: number;
  /** The stats rollup and retention job runs this often (s). */
  statsRollupSec: number;
  /** Days of per-card usage (per day and per billing cycle) kept. */
  usageRetentionDays: number;
  /** How often heartbeat counters are accounted as usage. */
  usageIntervalSec: number;
  /** How often the rotation policies are evaluated. */
  rotationIntervalSec: number;
  /** How often self-healing reads new events and heals the incidents that are due. */
  healingIntervalSec: number;
  /** How often fault prediction judges the clients that heartbeat (its model learnt a moment every 5 minutes). */
  predictionIntervalSec: number;
  /** Events (and finished webhook deliveries) are kept this long (days). */
  eventsRetentionDays: number;
  /** Client API requests per source address per 10 s (0: no limit). */
  clientRateLimit: number;
  /** Admin API requests per API key (or per address without one) per 10 s (0: no limit). */
  adminRateLimit: number;
  /** Failed authentications (bad key, token or certificate) per source address per 10 s, past
   * which that address's credentialed requests answer 429 until the window ends (0: no limit). */
  authFailureLimit: number;
  /** Longest time to receive a whole request, headers and body (s); a trickled body is cut off. */
  requestTimeoutSec: number;
  /** Longest a registration may wait for its turn before it answers 503 BUSY (ms); below the
   * deployed client's 10 s timeout, so it never gives up on an answer that is still coming. */
  registerDeadlineMs: number;
  /** PEM files: with both, IonMesh serves HTTPS (only). */
  tlsCert: string | null;
  /** A plain-HTTP listener for the client API only, beside HTTPS (0: none). */
  clientHttpPort: number;
  tlsKey: string | null;
  /** PEM file of the CA whose client certificates identify routers (mutual TLS; CN = client_id). */
  tlsClientCa: string | null;
  /** Browser origins allowed to call the API from another site (CORS); none: closed. */
  corsOrigins: string[];
  /** Proxies (addresses or CIDRs) whose X-Forwarded-For is believed; none: the peer address is the caller's. */
  trustProxy: string[];
  /** Apply migrations at start (false: `ionmesh migrate` does it; a start refuses a database that lacks any). */
  migrate: boolean;
  /** Redis that replicas share their rate limits and failed-authentication budgets through (none: per process). */
  redisUrl: string | null;
  /** Where embedded PGlite runs: its own worker thread (default), or the main thread. */
  pgliteThread: 'worker' | 'main';
}

export const DEFAULTS: Config = {
  port: 5000,
  host: '0.0.0.0',
  dataDir: './data',
  databaseUrl: null,
  demo: false,
  offlineAfterSec: 300,
  heartbeatIntervalSec: 60,
  sweepIntervalSec: 15,
  adminKey: null,
  logLevel: 'info',
  benchRoutes: false,
  reconcileIntervalSec: 10,
  remsimTakeover: false,
  remsimTimeoutMs: 5000,
  remsimStallGraceMs: 1000,
  bankOfflineGraceSec: 30,
  demoFleet: 50,
  demoRemsimPort: 9997,
  metricsPerClient: true,
  metricsPerClientMax: 1000,
  metricsRefreshSec: 15,
  webhooksAllowPrivate: false,
  statsRawHours: 24,
  statsRollupDays: 30,
  statsRollupSec: 60,
  usageRetentionDays: 400,
  usageIntervalSec: 60,
  rotationIntervalSec: 60,
  healingIntervalSec: 2,
  predictionIntervalSec: 300,
  eventsRetentionDays: 30,
  // A site of 500 routers behind one NAT address registering at once after a power cut, and its
  // heartbeats, fit many times over; a flood from one address does not.
  clientRateLimit: 3000,
  adminRateLimit: 1000,
  authFailureLimit: 30,
  requestTimeoutSec: 60,
  registerDeadlineMs: 7000,
  tlsCert: null,
  clientHttpPort: 0,
  tlsKey: null,
  tlsClientCa: null,
  corsOrigins: [],
  trustProxy: [],
  migrate: true,
  redisUrl: null,
  pgliteThread: 'worker',
};

/** A setting that cannot be used; `setting` names the flag (without dashes) it is about, when one. */
export class ConfigError extends Error {
  constructor(
    message: string,
    readonly setting?: string,
  ) {
    super(message);
  }
}

const intIn = (name: string, v: unknown, min: number, max: number) => {
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new ConfigError(`${name} must be an integer ${min}..${max}, got "${v}"`, name);
  return n;
};

/** A comma-separated list (or an array) of proxy addresses or networks; never "everyone". */
function trustedProxiesOf(v: unknown): string[] {
  const list = (Array.isArray(v) ? v : String(v ?? '').split(',')).map((o) => String(o).trim()).filter(Boolean);
  for (const p of list) {
    const [addr, bits, extra] = p.split('/');
    const valid =
      extra === undefined &&
      addr !== undefined &&
      ipaddr.isValid(addr) &&
      (bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (ipaddr.parse(addr).kind() === 'ipv4' ? 32 : 128)));
    if (!valid)
      throw new ConfigError(`trust-proxy "${p}" is not an address or network (e.g. 10.0.0.5 or 10.0.0.0/24)`, 'trust-proxy');
    if (bits === '0') throw new ConfigError(`trust-proxy "${p}" would believe every caller's X-Forwarded-For`, 'trust-proxy');
  }
  return list;
}

/** A comma-separated list (or an array) of origins, each scheme://host[:port] exactly. */
function corsOriginsOf(v: unknown): string[] {
  const list = (Array.isArray(v) ? v : String(v ?? '').split(',')).map((o) => String(o).trim()).filter(Boolean);
  for (const o of list) {
    let url: URL;
    try {
      url = new URL(o);
    } catch {
      throw new ConfigError(`cors-origin "${o}" is not an origin like https://console.example.com`, 'cors-origin');
    }
    if (url.origin !== o || !/^https?:$/.test(url.protocol))
      throw new ConfigError(`cors-origin "${o}" must be exactly scheme://host[:port], like ${url.origin}`, 'cors-origin');
  }
  return list;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export function buildConfig(input: Partial<Record<keyof Config, unknown>>): Config {
  const c: Record<keyof Config, unknown> = {
    ...DEFAULTS,
    ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)),
  };
  const flag = (v: unknown) => v === true || v === 'true' || v === '1';
  const config: Config = {
    port: intIn('port', c.port, 0, 65535),
    host: String(c.host),
    dataDir: String(c.dataDir),
    databaseUrl: c.databaseUrl ? String(c.databaseUrl) : null,
    demo: flag(c.demo),
    offlineAfterSec: intIn('offline-after', c.offlineAfterSec, 10, 86400 * 30),
    heartbeatIntervalSec: intIn('heartbeat-interval', c.heartbeatIntervalSec, 5, 86400),
    sweepIntervalSec: intIn('sweep-interval', c.sweepIntervalSec, 1, 3600),
    adminKey: c.adminKey ? String(c.adminKey) : null,
    logLevel: String(c.logLevel),
    benchRoutes: flag(c.benchRoutes),
    reconcileIntervalSec: intIn('reconcile-interval', c.reconcileIntervalSec, 1, 3600),
    remsimTakeover: flag(c.remsimTakeover),
    remsimTimeoutMs: intIn('remsim-timeout', c.remsimTimeoutMs, 100, 120_000),
    remsimStallGraceMs: intIn('remsim-stall-grace', c.remsimStallGraceMs, 100, 600_000),
    bankOfflineGraceSec: intIn('bank-offline-grace', c.bankOfflineGraceSec, 0, 3600),
    demoFleet: intIn('demo-fleet', c.demoFleet, 0, 10_000),
    demoRemsimPort: intIn('demo-remsim-port', c.demoRemsimPort, 0, 65535),
    metricsPerClient: c.metricsPerClient === undefined ? true : flag(c.metricsPerClient),
    metricsPerClientMax: intIn('metrics-per-client-max', c.metricsPerClientMax, 0, 1_000_000),
    metricsRefreshSec: intIn('metrics-refresh', c.metricsRefreshSec, 1, 3600),
    webhooksAllowPrivate: flag(c.webhooksAllowPrivate),
    statsRawHours: intIn('stats-raw-hours', c.statsRawHours, 1, 24 * 30),
    statsRollupDays: intIn('stats-rollup-days', c.statsRollupDays, 1, 3650),
    statsRollupSec: intIn('stats-rollup-interval', c.statsRollupSec, 5, 3600),
    usageRetentionDays: intIn('usage-retention-days', c.usageRetentionDays, 1, 3650),
    usageIntervalSec: intIn('usage-interval', c.usageIntervalSec, 5, 3600),
    rotationIntervalSec: intIn('rotation-interval', c.rotationIntervalSec, 5, 3600),
    healingIntervalSec: intIn('healing-interval', c.healingIntervalSec, 1, 300),
    predictionIntervalSec: intIn('prediction-interval', c.predictionIntervalSec, 10, 86_400),
    eventsRetentionDays: intIn('events-retention-days', c.eventsRetentionDays, 1, 3650),
    clientRateLimit: intIn('client-rate-limit', c.clientRateLimit, 0, 10_000_000),
    adminRateLimit: intIn('admin-rate-limit', c.adminRateLimit, 0, 10_000_000),
    authFailureLimit: intIn('auth-failure-limit', c.authFailureLimit, 0, 10_000_000),
    requestTimeoutSec: intIn('request-timeout', c.requestTimeoutSec, 1, 3600),
    registerDeadlineMs: intIn('register-deadline', c.registerDeadlineMs, 100, 60_000),
    tlsCert: c.tlsCert ? String(c.tlsCert) : null,
    clientHttpPort: intIn('client-http-port', c.clientHttpPort, 0, 65535),
    tlsKey: c.tlsKey ? String(c.tlsKey) : null,
    tlsClientCa: c.tlsClientCa ? String(c.tlsClientCa) : null,
    corsOrigins: corsOriginsOf(c.corsOrigins),
    trustProxy: trustedProxiesOf(c.trustProxy),
    migrate: c.migrate === undefined ? true : flag(c.migrate),
    redisUrl: c.redisUrl ? String(c.redisUrl) : null,
    pgliteThread: c.pgliteThread === 'main' ? 'main' : 'worker',
  };
  if (c.pgliteThread !== 'worker' && c.pgliteThread !== 'main')
    throw new ConfigError(`pglite-thread must be worker or main, got "${c.pgliteThread}"`, 'pglite-thread');
  if ((config.tlsCert === null) !== (config.tlsKey === null))
    throw new ConfigError('tls-cert and tls-key go together', config.tlsCert === null ? 'tls-key' : 'tls-cert');
  if (config.tlsClientCa !== null && config.tlsCert === null)
    throw new ConfigError('tls-client-ca needs tls-cert and tls-key (client certificates come with HTTPS)', 'tls-client-ca');
  if (config.clientHttpPort !== 0 && config.tlsCert === null)
    throw new ConfigError(
      'client-http-port is for HTTPS deployments: without tls-cert the main port already serves plain HTTP',
      'client-http-port',
    );
  if (config.clientHttpPort !== 0 && config.tlsClientCa !== null)
    throw new ConfigError(
      'client-http-port cannot serve routers with tls-client-ca: their certificate is their credential',
      'client-http-port',
    );
  if (config.clientHttpPort !== 0 && config.clientHttpPort === config.port)
    throw new ConfigError('client-http-port must differ from port', 'client-http-port');
  if (!LOG_LEVELS.includes(config.logLevel))
    throw new ConfigError(`log-level must be one of ${LOG_LEVELS.join(', ')}`, 'log-level');
  if (config.databaseUrl && !/^postgres(ql)?:\/\//.test(config.databaseUrl)) {
    throw new ConfigError('database-url must start with postgres:// or postgresql://', 'database-url');
  }
  if (config.redisUrl && !/^rediss?:\/\//.test(config.redisUrl))
    throw new ConfigError('redis-url must start with redis:// or rediss://', 'redis-url');
  if (config.adminKey !== null && config.adminKey.length < 16)
    throw new ConfigError('IONMESH_ADMIN_KEY must have at least 16 characters', 'admin-key-file');
  return config;
}
