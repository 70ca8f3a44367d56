// The flags of `ionmesh serve`: one list, read from the command line, IONMESH_* variables and a
// configuration file (--config), in that order of precedence, and turned into one Config.
import { type Command, Option } from 'commander';
import { closest } from 'fastest-levenshtein';
import { buildConfig, type Config, ConfigError } from '../app/config.js';
import { at, type ConfigFile, readConfigFile } from '../app/config-file.js';
import { oneSecret } from '../app/secrets.js';
import { databaseOptions, databaseUrlOf } from './options.js';

/** `cmd` with every serve flag. */
export function serveOptions(cmd: Command): Command {
  return databaseOptions(
    cmd
      .description('run the IonMesh server (client API, admin API, background jobs)')
      .addOption(new Option('--port <port>', 'TCP port').env('IONMESH_PORT').default('5000'))
      .addOption(new Option('--host <host>', 'address to listen on').env('IONMESH_HOST').default('0.0.0.0'))
      .addOption(new Option('--demo', 'seed the demo inventory into an empty database').env('IONMESH_DEMO'))
      .addOption(
        new Option('--no-migrate', 'do not apply migrations at start (ionmesh migrate does); refuse a database that lacks any'),
      )
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
        new Option('--usage-retention-days <days>', 'keep per-card usage (per day and per billing cycle) this long')
          .env('IONMESH_USAGE_RETENTION_DAYS')
          .default('400'),
      )
      .addOption(
        new Option('--usage-interval <seconds>', 'how often heartbeat counters are accounted as per-card usage')
          .env('IONMESH_USAGE_INTERVAL')
          .default('60'),
      )
      .addOption(
        new Option('--rotation-interval <seconds>', 'how often the SIM rotation policies are evaluated')
          .env('IONMESH_ROTATION_INTERVAL')
          .default('60'),
      )
      .addOption(
        new Option('--healing-interval <seconds>', 'how often self-healing reads new events and heals the incidents that are due')
          .env('IONMESH_HEALING_INTERVAL')
          .default('2'),
      )
      .addOption(
        new Option('--prediction-interval <seconds>', 'how often fault prediction judges the clients that heartbeat')
          .env('IONMESH_PREDICTION_INTERVAL')
          .default('300'),
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
          '--redis-url <url>',
          'Redis that replicas share rate limits through (redis://host:6379/0); without it each process counts its own',
        ).env('IONMESH_REDIS_URL'),
      )
      .addOption(
        new Option('--redis-url-file <path>', 'read the Redis URL from this file (a mounted secret)').env(
          'IONMESH_REDIS_URL_FILE',
        ),
      )
      .addOption(
        new Option(
          '--admin-key-file <path>',
          'read the admin API key from this file (a mounted secret) instead of IONMESH_ADMIN_KEY',
        ).env('IONMESH_ADMIN_KEY_FILE'),
      )
      .addOption(
        new Option(
          '--pglite-thread <where>',
          'where the embedded database runs: worker (its own thread, beside the HTTP work) or main (the same thread)',
        )
          .choices(['worker', 'main'])
          .env('IONMESH_PGLITE_THREAD')
          .default('worker'),
      )
      .addOption(
        new Option('--bench-routes', 'expose the no-op ceiling route used by npm run bench')
          .env('IONMESH_BENCH_ROUTES')
          .hideHelp(),
      ),
  );
}

/** The Config the parsed flags describe (validated: a bad value is a ConfigError naming it). */
// biome-ignore lint/suspicious/noExplicitAny: commander's parsed options are untyped
export function configFromOptions(opts: Record<string, any>): Config {
  return buildConfig({
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
    usageRetentionDays: opts.usageRetentionDays,
    usageIntervalSec: opts.usageInterval,
    rotationIntervalSec: opts.rotationInterval,
    healingIntervalSec: opts.healingInterval,
    predictionIntervalSec: opts.predictionInterval,
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
    migrate: opts.migrate,
    redisUrl: oneSecret({ value: opts.redisUrl, file: opts.redisUrlFile, flag: '--redis-url-file', valueName: '--redis-url' }),
    pgliteThread: opts.pgliteThread,
  });
}

/** One setting a configuration file may hold: a serve flag, named without its dashes. */
interface Setting {
  key: string;
  attr: string;
  /** true: a switch (true/false); false: a value. */
  isSwitch: boolean;
  /** A comma-separated list, also written as a list in the file. */
  isList: boolean;
  env: string | undefined;
}

const LISTS = new Set(['cors-origin', 'trust-proxy']);
const NOT_IN_FILES = new Set(['config', 'help', 'bench-routes']);

/** The settings a configuration file may hold: every serve flag but --config itself. */
export function settingsOf(cmd: Command): Setting[] {
  return cmd.options
    .filter((o) => o.long && !NOT_IN_FILES.has(o.long.slice(2)))
    .map((o) => {
      const key = o.negate ? (o.long as string).slice('--no-'.length) : (o.long as string).slice(2);
      return { key, attr: o.attributeName(), isSwitch: !o.required && !o.optional, isList: LISTS.has(key), env: o.envVar };
    });
}

/** Problems of a setting's value type, or its value as the flag would carry it. */
function flagValueOf(setting: Setting, value: unknown): { value: unknown } | { problem: string } {
  if (setting.isSwitch) return typeof value === 'boolean' ? { value } : { problem: `${setting.key} must be true or false` };
  if (setting.isList && Array.isArray(value)) {
    if (value.every((v) => typeof v === 'string')) return { value: value.join(',') };
    return { problem: `${setting.key} must be a list of strings` };
  }
  if (typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))) return { value: String(value) };
  return { problem: `${setting.key} must be ${setting.isList ? 'a string or a list of strings' : 'a string or a number'}` };
}

/** Every problem of the file's names and value types, "file:line: message" each. */
function fileProblems(file: ConfigFile, settings: Setting[]): string[] {
  const byKey = new Map(settings.map((s) => [s.key, s]));
  const problems: string[] = [];
  for (const entry of file.settings) {
    const setting = byKey.get(entry.key);
    if (!setting) {
      const hint =
        entry.key === 'admin-key'
          ? 'a secret is read from a file: admin-key-file (or the IONMESH_ADMIN_KEY variable)'
          : `did you mean ${closest(entry.key, [...byKey.keys()])}?`;
      problems.push(at(file, entry, `unknown setting "${entry.key}": ${hint}`));
      continue;
    }
    const checked = flagValueOf(setting, entry.value);
    if ('problem' in checked) problems.push(at(file, entry, checked.problem));
    else if (URL_SECRETS.has(entry.key) && passwordIn(String(checked.value)))
      problems.push(
        at(
          file,
          entry,
          `${entry.key} holds a password: secrets never go in the file; put the whole URL in a mounted file and name it with ${entry.key}-file (or set the ${URL_SECRETS.get(entry.key)} variable)`,
        ),
      );
  }
  return problems;
}

/** URL settings that may carry a password, and the variable that may hold them instead. */
const URL_SECRETS = new Map([
  ['database-url', 'IONMESH_DATABASE_URL'],
  ['redis-url', 'IONMESH_REDIS_URL'],
]);

/** Whether a URL carries a password (`scheme://user:password@host`). */
function passwordIn(url: string) {
  try {
    return new URL(url).password !== '';
  } catch {
    return /^[a-z][a-z0-9+.-]*:\/\/[^/@]*:[^/@]*@/i.test(url);
  }
}

/** The file's settings under the command's flags: a flag or an IONMESH_* variable wins over the
 * file, the file over the defaults. A bad file throws one ConfigError listing every problem;
 * `strict: false` leaves alone the settings the command does not have. */
export function applyConfigFile(cmd: Command, path: string, { strict = true } = {}): ConfigFile {
  const file = readConfigFile(path);
  const settings = settingsOf(cmd);
  const byKey = new Map(settings.map((s) => [s.key, s]));
  // Not strict (the commands other than serve): the settings that are not this command's belong
  // to serve, which checks them; the ones it has are checked as serve would.
  const mine = strict ? file : { ...file, settings: file.settings.filter((e) => byKey.has(e.key)) };
  const problems = fileProblems(mine, settings);
  if (problems.length) throw new ConfigError(problems.join('\n'));
  for (const entry of mine.settings) {
    const setting = byKey.get(entry.key) as Setting;
    const source = cmd.getOptionValueSource(setting.attr);
    // DATABASE_URL is the variable PostgreSQL tools know: it wins over the file like IONMESH_*.
    if (setting.key === 'database-url' && process.env.DATABASE_URL) continue;
    if (source === undefined || source === 'default')
      cmd.setOptionValueWithSource(setting.attr, (flagValueOf(setting, entry.value) as { value: unknown }).value, 'config');
  }
  return file;
}

/** A ConfigError about a setting the file gave, re-worded to name the file and line. */
export function locate(error: unknown, cmd: Command, file: ConfigFile | null): unknown {
  if (!(error instanceof ConfigError) || !file || !error.setting) return error;
  const entry = file.settings.find((s) => s.key === error.setting);
  const setting = settingsOf(cmd).find((s) => s.key === error.setting);
  if (!entry || !setting || cmd.getOptionValueSource(setting.attr) !== 'config') return error;
  return new ConfigError(at(file, entry, error.message), error.setting);
}

/** `ionmesh config check FILE`: every problem of the file on its own (over the defaults, with no
 * flag or variable), line-numbered; none: the settings it makes. */
export function checkConfigFile(
  cmd: Command,
  path: string,
): { ok: true; file: ConfigFile; config: Config } | { ok: false; problems: string[] } {
  const file = readConfigFile(path);
  const settings = settingsOf(cmd);
  const problems = fileProblems(file, settings);
  const byKey = new Map(settings.map((s) => [s.key, s]));
  // biome-ignore lint/suspicious/noExplicitAny: commander's parsed options are untyped
  const opts: Record<string, any> = {};
  for (const o of cmd.options) if (o.defaultValue !== undefined) opts[o.attributeName()] = o.defaultValue;
  for (const o of cmd.options) if (o.negate) opts[o.attributeName()] = true;
  for (const entry of file.settings) {
    const setting = byKey.get(entry.key);
    const checked = setting && flagValueOf(setting, entry.value);
    // Names and types already reported stay at their defaults; the values of the rest are checked.
    if (setting && checked && 'value' in checked) opts[setting.attr] = checked.value;
  }
  // One value at a time: each bad one is reported at its line and set back to its default, so
  // one run names them all (bounded: at most one pass per setting in the file).
  for (let pass = 0; pass <= file.settings.length; pass++) {
    try {
      const config = configFromOptions(opts);
      return problems.length ? { ok: false, problems: byLine(problems) } : { ok: true, file, config };
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      const entry = e.setting ? file.settings.find((s) => s.key === e.setting) : undefined;
      problems.push(at(file, entry, e.message));
      const setting = entry && byKey.get(entry.key);
      if (!setting) return { ok: false, problems: byLine(problems) };
      const option = cmd.options.find((o) => o.attributeName() === setting.attr);
      opts[setting.attr] = option?.negate ? true : option?.defaultValue;
    }
  }
  return { ok: false, problems: byLine(problems) };
}

/** "file:12: …" messages in line order (stable for the ones without a line). */
const byLine = (problems: string[]) => {
  const lineOf = (p: string) => Number(/^[^\n]*?:(\d+): /.exec(p)?.[1] ?? 0);
  return [...problems].sort((a, b) => lineOf(a) - lineOf(b));
};
