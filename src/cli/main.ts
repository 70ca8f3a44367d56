// The `ionmesh` command.
import { existsSync } from 'node:fs';
import { Command, Option } from 'commander';
import { type Config, ConfigError } from '../app/config.js';
import type { ConfigFile } from '../app/config-file.js';
import { DataDirInUse } from '../app/data-dir-lock.js';
import { openDatabase } from '../app/database.js';
import { SchemaMismatch } from '../app/schema-version.js';
import { oneSecret } from '../app/secrets.js';
import { VERSION } from '../app/version.js';
import { ROLES } from '../domain/roles.js';
import { SCENARIO_HELP, SCENARIOS } from '../sim/fleet.js';
import { backup, restore } from './backup.js';
import { importSims } from './import.js';
import { ApiError, jobsCommand, Unreachable } from './jobs.js';
import { createKey, listKeys, revokeKey } from './keys.js';
import { databaseOptions, databaseUrlOf, existingDatabaseOf } from './options.js';
import { predictCommand } from './predict.js';
import { serve } from './serve.js';
import { applyConfigFile, checkConfigFile, configFromOptions, locate, serveOptions } from './serve-options.js';
import { simulate } from './simulate.js';

const program = new Command('ionmesh')
  .description('IonMesh: the control plane for osmo-remsim fleets')
  .version(VERSION)
  .showHelpAfterError();

// Every command with database options reads --config too: its own settings from the file (the
// data directory, the database URL file, the log level); serve reads all of them (strictly).
program.hook('preAction', (_program, action) => {
  if (action.name() === 'serve' || !action.options.some((o) => o.long === '--config')) return;
  const path = action.opts().config;
  if (path) applyConfigFile(action, path, { strict: false });
});

let configFile: ConfigFile | null = null;
const serveCmd = serveOptions(program.command('serve'))
  .hook('preAction', (cmd) => {
    const path = cmd.opts().config;
    if (path) configFile = applyConfigFile(cmd, path);
  })
  .action(async (opts) => {
    let config: Config;
    try {
      config = configFromOptions(opts);
    } catch (e) {
      throw locate(e, serveCmd, configFile);
    }
    await serve(config);
  });

program
  .command('config')
  .description('configuration files')
  .command('check')
  .argument('<file>', 'a YAML (.yaml, .yml) or TOML (.toml) file of serve settings')
  .description('validate a configuration file without starting; every problem with its line')
  .option('--json', 'print the settings it makes as JSON (secrets are never printed)')
  .action((file: string, opts) => {
    const checked = checkConfigFile(serveOptions(new Command('serve')), file);
    if (!checked.ok) {
      process.stderr.write(`${checked.problems.join('\n')}\n${file}: ${checked.problems.length} problem(s)\n`);
      process.exitCode = 2;
      return;
    }
    if (opts.json) {
      const { adminKey, databaseUrl, ...shown } = checked.config;
      process.stdout.write(
        `${JSON.stringify({ ...shown, adminKey: adminKey ? '(set)' : null, databaseUrl: databaseUrl ? '(set)' : null }, null, 2)}\n`,
      );
    } else process.stdout.write(`${file}: valid (${checked.file.settings.length} settings, ${checked.file.format})\n`);
  });

databaseOptions(
  program
    .command('migrate')
    .description('apply database migrations and exit (under a lock: safe while replicas start)')
    .option('--status', 'only show which migrations the database has and lacks'),
).action(async (opts) => {
  const db = await openDatabase({ dataDir: opts.dataDir, databaseUrl: databaseUrlOf(opts) }, 'cli (migrate)');
  try {
    if (opts.status) {
      const s = await db.schema();
      process.stdout.write(
        `${db.kind}: ${s.applied} of ${s.known} migrations applied (this IonMesh ${VERSION} ends at ${s.latest})\n` +
          (s.pending.length ? `pending: ${s.pending.join(', ')}\n` : 'pending: none\n') +
          (s.unknown ? `newer than this IonMesh: ${s.unknown} migration(s); run a newer IonMesh\n` : ''),
      );
      process.exitCode = s.unknown ? 4 : 0;
      return;
    }
    await db.migrate();
    process.stdout.write(`Database migrated (${db.kind}).\n`);
  } finally {
    await db.close();
  }
});

databaseOptions(
  program
    .command('backup')
    .argument('<file>', 'where to write the backup (a gzipped tar)')
    .description('back up the embedded database, while the server runs (through it) or stopped')
    .addOption(
      new Option('--api-key-file <path>', 'an admin key, to back up through a running server (also IONMESH_API_KEY)').env(
        'IONMESH_API_KEY_FILE',
      ),
    ),
).action(async (file: string, opts) => {
  process.exitCode = await backup(file, {
    dataDir: opts.dataDir,
    databaseUrl: databaseUrlOf(opts),
    apiKey: oneSecret({
      value: process.env.IONMESH_API_KEY,
      file: opts.apiKeyFile,
      flag: '--api-key-file',
      valueName: 'IONMESH_API_KEY',
    }),
  });
});

databaseOptions(
  program
    .command('restore')
    .argument('<file>', 'a backup written by ionmesh backup')
    .description('replace the embedded database with a backup (the server must be stopped; the old one is kept aside)'),
).action(async (file: string, opts) => {
  process.exitCode = await restore(file, { dataDir: opts.dataDir, databaseUrl: databaseUrlOf(opts) });
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
).action(async (file: string, opts, cmd: Command) => {
  // A file that is not there is said first (importSims reads it before it opens any database).
  const database = existsSync(file) ? existingDatabaseOf(cmd, opts) : { dataDir: opts.dataDir, databaseUrl: databaseUrlOf(opts) };
  process.exitCode = await importSims(file, database, { replaceInUse: opts.replaceCardsInUse ?? false });
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
).action(async (opts, cmd: Command) => {
  process.exitCode = await createKey(existingDatabaseOf(cmd, opts), {
    name: opts.name,
    role: opts.role,
    tenantId: opts.tenant,
    expiresDays: opts.expiresDays,
    json: opts.json,
  });
});
databaseOptions(
  keysCmd.command('list').description('list API keys (prefix, role, last use; never the key)').option('--json', 'as JSON'),
).action(async (opts, cmd: Command) => {
  process.exitCode = await listKeys(existingDatabaseOf(cmd, opts), { json: opts.json });
});
databaseOptions(
  keysCmd.command('revoke').argument('<key>', 'the key id, or its prefix').description('revoke an API key at once'),
).action(async (key: string, opts, cmd: Command) => {
  process.exitCode = await revokeKey(existingDatabaseOf(cmd, opts), key);
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
  .addOption(new Option('--url <url>', 'IonMesh base URL').env('IONMESH_URL').default('http://127.0.0.1:5000'))
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

jobsCommand(program);
predictCommand(program);

program.parseAsync(process.argv).catch((error) => {
  if (error instanceof DataDirInUse) {
    process.stderr.write(`ionmesh: ${error.message}\n`);
    process.exit(3);
  }
  if (error instanceof SchemaMismatch) {
    process.stderr.write(`ionmesh: ${error.message}\n`);
    process.exit(4);
  }
  if (error instanceof ConfigError) {
    process.stderr.write(`ionmesh: ${error.message}\n`);
    process.exit(2);
  }
  // A refusal or no answer from a server is one line naming what failed and where.
  if (error instanceof ApiError || error instanceof Unreachable) {
    process.stderr.write(`ionmesh: ${error.message}\n`);
    process.exit(1);
  }
  process.stderr.write(`ionmesh: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
