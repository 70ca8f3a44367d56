// The `ionmesh` command.
import { Command, Option } from 'commander';
import { ConfigError } from '../app/config.js';
import { DataDirInUse } from '../app/data-dir-lock.js';
import { openDatabase } from '../app/database.js';
import { oneSecret } from '../app/secrets.js';
import { VERSION } from '../app/version.js';
import { ROLES } from '../domain/roles.js';
import { SCENARIO_HELP, SCENARIOS } from '../sim/fleet.js';
import { importSims } from './import.js';
import { createKey, listKeys, revokeKey } from './keys.js';
import { databaseOptions, databaseUrlOf } from './options.js';
import { buildConfig, serve } from './serve.js';
import { simulate } from './simulate.js';

const program = new Command('ionmesh')
  .description('IonMesh: the control plane for osmo-remsim fleets')
  .version(VERSION)
  .showHelpAfterError();

databaseOptions(
  program
    .command('serve')
    .description('run the IonMesh server (client API, admin API, background jobs)')
    .addOption(new Option('--port <port>', 'TCP port').env('IONMESH_PORT').default('5000'))
    .addOption(new Option('--host <host>', 'address to listen on').env('IONMESH_HOST').default('0.0.0.0'))
    .addOption(new Option('--demo', 'seed the demo inventory into an empty database').env('IONMESH_DEMO'))
    .addOption(
      new Option('--offline-after <seconds>', 'mark a heartbeating client offline after this silence')
        .env('IONMESH_OFFLINE_AFTER')
        .default('300'),
    )
    .addOption(
      new Option('--heartbeat-interval <seconds>', 'heartbeat interval told to clients')
        .env('IONMESH_HEARTBEAT_INTERVAL')
        .default('60'),
    )
    .addOption(
      new Option('--sweep-interval <seconds>', 'how often the offline sweep runs').env('IONMESH_SWEEP_INTERVAL').default('15'),
    )
    .addOption(
      new Option('--reconcile-interval <seconds>', 'full reconcile pass of every remsim-server this often')
        .env('IONMESH_RECONCILE_INTERVAL')
        .default('10'),
    )
    .addOption(
      new Option(
        '--remsim-takeover',
        'replace foreign slot maps that stand in the way of an assignment (default: report them)',
      ).env('IONMESH_REMSIM_TAKEOVER'),
    )
    .addOption(
      new Option('--remsim-timeout <ms>', 'timeout of one request to a remsim-server')
        .env('IONMESH_REMSIM_TIMEOUT')
        .default('5000'),
    )
    .addOption(
      new Option('--remsim-stall-grace <ms>', 'a slot map NEW this long while its bankd is connected is stalled and repaired')
        .env('IONMESH_REMSIM_STALL_GRACE')
        .default('1000'),
    )
    .addOption(
      new Option('--bank-offline-grace <s>', 'a bank its remsim-server stops listing is called offline after this long')
        .env('IONMESH_BANK_OFFLINE_GRACE')
        .default('30'),
    )
    .addOption(
      new Option('--demo-fleet <routers>', 'with --demo: size of the simulated fleet (0 turns the simulation off)')
        .env('IONMESH_DEMO_FLEET')
        .default('50'),
    )
    .addOption(new Option('--no-simulation', 'with --demo: no simulated fleet and no remsim-server emulator'))
    .addOption(
      new Option('--demo-remsim-port <port>', 'with --demo: port of the in-process remsim-server emulator')
        .env('IONMESH_DEMO_REMSIM_PORT')
        .default('9997'),
    )
    .addOption(
      new Option('--webhooks-allow-private', 'let webhooks post to private and loopback addresses (labs)').env(
        'IONMESH_WEBHOOKS_ALLOW_PRIVATE',
      ),
    )
    .addOption(new Option('--no-metrics-per-client', 'no per-client signal series on /metrics at all'))
    .addOption(
      new Option('--metrics-per-client-max <n>', 'per-client signal series only while the fleet has at most n clients')
        .env('IONMESH_METRICS_PER_CLIENT_MAX')
        .default('1000'),
    )
    .addOption(
      new Option('--metrics-refresh <seconds>', 'how often the fleet gauges of /metrics are recomputed')
        .env('IONMESH_METRICS_REFRESH')
        .default('15'),
    )
    .addOption(
      new Option('--stats-raw-hours <hours>', 'keep raw heartbeat stats this long; older ones as 5-minute rollups')
        .env('IONMESH_STATS_RAW_HOURS')
        .default('24'),
    )
    .addOption(
      new Option('--stats-rollup-days <days>', 'keep 5-minute stats rollups this long')
        .env('IONMESH_STATS_ROLLUP_DAYS')
        .default('30'),
    )
    .addOption(
      new Option('--stats-rollup-interval <seconds>', 'how often stats are rolled up and pruned')
        .env('IONMESH_STATS_ROLLUP_INTERVAL')
        .default('60'),
    )
    .addOption(
      new Option('--events-retention-days <days>', 'keep events and finished webhook deliveries this long')
        .env('IONMESH_EVENTS_RETENTION_DAYS')
        .default('30'),
    )
    .addOption(
      new Option('--client-rate-limit <n>', 'client API requests per source address per 10 s (0: none)')
        .env('IONMESH_CLIENT_RATE_LIMIT')
        .default('3000'),
    )
    .addOption(
      new Option('--admin-rate-limit <n>', 'admin API requests per API key (or address) per 10 s (0: none)')
        .env('IONMESH_ADMIN_RATE_LIMIT')
        .default('1000'),
    )
    .addOption(
      new Option('--auth-failure-limit <n>', 'failed authentications per source address per 10 s before it gets 429 (0: none)')
        .env('IONMESH_AUTH_FAILURE_LIMIT')
        .default('30'),
    )
    .addOption(
      new Option('--request-timeout <seconds>', 'longest time to receive a whole request (a trickled body is cut off)')
        .env('IONMESH_REQUEST_TIMEOUT')
        .default('60'),
    )
    .addOption(
      new Option('--register-deadline <ms>', 'longest a registration waits for its turn before answering 503 BUSY')
        .env('IONMESH_REGISTER_DEADLINE')
        .default('7000'),
    )
    .addOption(new Option('--tls-cert <file>', 'PEM certificate: serve HTTPS (with --tls-key)').env('IONMESH_TLS_CERT'))
    .addOption(new Option('--tls-key <file>', 'PEM private key of --tls-cert').env('IONMESH_TLS_KEY'))
    .addOption(
      new Option(
        '--client-http-port <port>',
        'with --tls-cert: a plain-HTTP port for the client API only, for deployed routers (which speak http://); see docs/security.md',
      )
        .env('IONMESH_CLIENT_HTTP_PORT')
        .default('0'),
    )
    .addOption(
      new Option('--tls-client-ca <file>', 'PEM CA of router client certificates: mutual TLS, the CN is the client_id').env(
        'IONMESH_TLS_CLIENT_CA',
      ),
    )
    .addOption(
      new Option(
        '--cors-origin <origins>',
        'browser origins allowed to call the API cross-site, comma separated (default: none)',
      ).env('IONMESH_CORS_ORIGIN'),
    )
    .addOption(
      new Option(
        '--trust-proxy <addresses>',
        'proxies whose X-Forwarded-For is believed, comma separated (addresses or CIDRs)',
      ).env('IONMESH_TRUST_PROXY'),
    )
    .addOption(
      new Option(
        '--admin-key-file <path>',
        'read the admin API key from this file (a mounted secret) instead of IONMESH_ADMIN_KEY',
      ).env('IONMESH_ADMIN_KEY_FILE'),
    )
    .addOption(
      new Option('--bench-routes', 'expose the no-op ceiling route used by npm run bench').env('IONMESH_BENCH_ROUTES').hideHelp(),
    ),
).action(async (opts) => {
  const config = buildConfig({
    port: opts.port,
    host: opts.host,
    dataDir: opts.dataDir,
    databaseUrl: databaseUrlOf(opts),
    demo: opts.demo ?? false,
    offlineAfterSec: opts.offlineAfter,
    heartbeatIntervalSec: opts.heartbeatInterval,
    sweepIntervalSec: opts.sweepInterval,
    adminKey: oneSecret({
      value: process.env.IONMESH_ADMIN_KEY,
      file: opts.adminKeyFile,
      flag: '--admin-key-file',
      valueName: 'IONMESH_ADMIN_KEY',
    }),
    logLevel: opts.logLevel,
    benchRoutes: opts.benchRoutes ?? false,
    reconcileIntervalSec: opts.reconcileInterval,
    remsimTakeover: opts.remsimTakeover ?? false,
    remsimTimeoutMs: opts.remsimTimeout,
    remsimStallGraceMs: opts.remsimStallGrace,
    bankOfflineGraceSec: opts.bankOfflineGrace,
    demoFleet: opts.simulation === false ? 0 : opts.demoFleet,
    demoRemsimPort: opts.simulation === false ? 0 : opts.demoRemsimPort,
    metricsPerClient: opts.metricsPerClient ?? true,
    metricsPerClientMax: opts.metricsPerClientMax,
    metricsRefreshSec: opts.metricsRefresh,
    webhooksAllowPrivate: opts.webhooksAllowPrivate ?? false,
    statsRawHours: opts.statsRawHours,
    statsRollupDays: opts.statsRollupDays,
    statsRollupSec: opts.statsRollupInterval,
    eventsRetentionDays: opts.eventsRetentionDays,
    clientRateLimit: opts.clientRateLimit,
    adminRateLimit: opts.adminRateLimit,
    authFailureLimit: opts.authFailureLimit,
    requestTimeoutSec: opts.requestTimeout,
    registerDeadlineMs: opts.registerDeadline,
    tlsCert: opts.tlsCert,
    clientHttpPort: opts.clientHttpPort,
    tlsKey: opts.tlsKey,
    tlsClientCa: opts.tlsClientCa,
    corsOrigins: opts.corsOrigin,
    trustProxy: opts.trustProxy,
  });
  await serve(config);
});

databaseOptions(program.command('migrate').description('apply database migrations and exit')).action(async (opts) => {
  const db = await openDatabase({ dataDir: opts.dataDir, databaseUrl: databaseUrlOf(opts) }, 'cli (migrate)');
  try {
    await db.migrate();
    process.stdout.write(`Database migrated (${db.kind}).\n`);
  } finally {
    await db.close();
  }
});

const importCmd = program.command('import').description('import inventory files');
databaseOptions(
  importCmd
    .command('sims')
    .argument(
      '<file>',
      'CSV: a bankd slot file ("bank","slot","reader") or a header-named file (bank_id,slot_id,iccid,imsi,carrier,mcc_mnc,card_type)',
    )
    .description('import SIM slots and card data; all rows or none')
    .option('--replace-cards-in-use', 'replace the card of a slot a router holds (refused by default); audited before and after'),
).action(async (file: string, opts) => {
  process.exitCode = await importSims(
    file,
    { dataDir: opts.dataDir, databaseUrl: databaseUrlOf(opts) },
    { replaceInUse: opts.replaceCardsInUse ?? false },
  );
});

const keysCmd = program.command('keys').description('API keys: create, list, revoke (on the database directly)');
databaseOptions(
  keysCmd
    .command('create')
    .description('create an API key and print it (the only time it is shown)')
    .requiredOption('--name <name>', 'what the key is for, e.g. "noc dashboard"')
    .addOption(new Option('--role <role>', 'what the key may do').choices([...ROLES]).default('readonly'))
    .addOption(
      new Option('--tenant <id>', 'confine the key to one tenant (required for tenant-admin)').argParser((v) =>
        num('tenant', 0, 2147483647)(v),
      ),
    )
    .addOption(
      new Option('--expires-days <days>', 'refused after this many days').argParser((v) => num('expires-days', 1, 3650)(v)),
    )
    .option('--json', 'print the key as JSON'),
).action(async (opts) => {
  process.exitCode = await createKey(
    { dataDir: opts.dataDir, databaseUrl: databaseUrlOf(opts) },
    { name: opts.name, role: opts.role, tenantId: opts.tenant, expiresDays: opts.expiresDays, json: opts.json },
  );
});
databaseOptions(
  keysCmd.command('list').description('list API keys (prefix, role, last use; never the key)').option('--json', 'as JSON'),
).action(async (opts) => {
  process.exitCode = await listKeys({ dataDir: opts.dataDir, databaseUrl: databaseUrlOf(opts) }, { json: opts.json });
});
databaseOptions(
  keysCmd.command('revoke').argument('<key>', 'the key id, or its prefix').description('revoke an API key at once'),
).action(async (key: string, opts) => {
  process.exitCode = await revokeKey({ dataDir: opts.dataDir, databaseUrl: databaseUrlOf(opts) }, key);
});

const num =
  (name: string, min: number, max: number, integer = true) =>
  (v: string) => {
    const n = Number(v);
    if (!Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n)))
      throw new ConfigError(`--${name} must be ${integer ? 'an integer' : 'a number'} ${min}..${max}, got "${v}"`);
    return n;
  };

program
  .command('simulate')
  .description('drive an emulated fleet of routers against an IonMesh URL and print a summary')
  .addOption(new Option('--url <url>', 'IonMesh base URL').default('http://127.0.0.1:5000'))
  .addOption(new Option('--count <n>', 'routers').default(100).argParser(num('count', 1, 1_000_000)))
  .addOption(new Option('--rate <n>', 'registrations started per second').default(100).argParser(num('rate', 1, 100_000)))
  .addOption(
    new Option('--mix <share>', 'share of deployed OpenWRT clients (0..1); the rest are rich agents')
      .default(0.5)
      .argParser(num('mix', 0, 1, false)),
  )
  .addOption(new Option('--scenario <name>', 'what happens to the fleet').choices(SCENARIOS).default('steady'))
  .addOption(new Option('--duration <seconds>', 'length of the run').default(30).argParser(num('duration', 1, 86_400)))
  .addOption(
    new Option('--heartbeat-interval <seconds>', 'rich agents heartbeat this often')
      .default(10)
      .argParser(num('heartbeat-interval', 0.05, 3600, false)),
  )
  .addOption(new Option('--tenant <id>', 'tenant_id the routers send').default(1).argParser(num('tenant', 0, 2147483647)))
  .addOption(new Option('--mapping-mode <mode>', 'mapping_mode the routers send').default('ONE_TO_ONE_SWSIM'))
  .addOption(new Option('--mcc-mnc <list>', 'carriers to ask for, comma separated (empty: any)').default(''))
  .addOption(
    new Option('--prefix <text>', 'client ids are <prefix>-00001-slot0 … (the demo fleet uses sim)').default('simulated'),
  )
  .addOption(new Option('--concurrency <n>', 'requests in flight at most').default(64).argParser(num('concurrency', 1, 10_000)))
  .addOption(
    new Option(
      '--remsim-port <port>',
      'also run a remsim-server emulator on this port and connect each router over it',
    ).argParser(num('remsim-port', 0, 65535)),
  )
  .addOption(new Option('--remsim-banks <list>', 'bankds connected on the emulator, e.g. 1:32,2:32').default(''))
  .addOption(new Option('--seed <n>', 'random seed (same seed, same fleet)').default(1).argParser(num('seed', 0, 2 ** 31)))
  .addOption(new Option('--json', 'print the summary as JSON'))
  .addHelpText('after', `\nScenarios:\n${SCENARIOS.map((s) => `  ${s.padEnd(13)} ${SCENARIO_HELP[s]}`).join('\n')}\n`)
  .action(async (opts) => {
    let url: URL;
    try {
      url = new URL(opts.url);
    } catch {
      throw new ConfigError(`--url must be a URL, got "${opts.url}"`);
    }
    if (url.protocol !== 'http:') throw new ConfigError('--url must be http:// (the deployed client speaks plain HTTP)');
    const banks = String(opts.remsimBanks)
      .split(',')
      .filter(Boolean)
      .map((b) => {
        const m = /^([0-9]{1,4}):([0-9]{1,4})$/.exec(b.trim());
        if (!m) throw new ConfigError(`--remsim-banks entries are bank:slots, got "${b}"`);
        return { bankId: Number(m[1]), slots: Number(m[2]) };
      });
    process.exitCode = await simulate({
      url: url.toString(),
      count: opts.count,
      rate: opts.rate,
      deployedShare: opts.mix,
      scenario: opts.scenario,
      durationSec: opts.duration,
      heartbeatIntervalSec: opts.heartbeatInterval,
      tenantId: opts.tenant,
      mappingMode: opts.mappingMode,
      mccMnc: String(opts.mccMnc)
        .split(',')
        .map((s) => s.trim()),
      prefix: opts.prefix,
      concurrency: opts.concurrency,
      remsimPort: opts.remsimPort,
      remsimBanks: banks,
      seed: opts.seed,
      json: opts.json ?? false,
    });
  });

program.parseAsync(process.argv).catch((error) => {
  if (error instanceof DataDirInUse) {
    process.stderr.write(`ionmesh: ${error.message}\n`);
    process.exit(3);
  }
  if (error instanceof ConfigError) {
    process.stderr.write(`ionmesh: ${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`ionmesh: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
