// The `ionmesh` command.
import { Command, Option } from 'commander';
import { ConfigError } from '../app/config.js';
import { openDatabase } from '../app/database.js';
import { VERSION } from '../app/version.js';
import { importSims } from './import.js';
import { databaseOptions, databaseUrlOf } from './options.js';
import { buildConfig, serve } from './serve.js';

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
    adminKey: process.env.IONMESH_ADMIN_KEY,
    logLevel: opts.logLevel,
    benchRoutes: opts.benchRoutes ?? false,
    reconcileIntervalSec: opts.reconcileInterval,
    remsimTakeover: opts.remsimTakeover ?? false,
    remsimTimeoutMs: opts.remsimTimeout,
    demoFleet: opts.simulation === false ? 0 : opts.demoFleet,
    demoRemsimPort: opts.simulation === false ? 0 : opts.demoRemsimPort,
  });
  await serve(config);
});

databaseOptions(program.command('migrate').description('apply database migrations and exit')).action(async (opts) => {
  const db = await openDatabase({ dataDir: opts.dataDir, databaseUrl: databaseUrlOf(opts) });
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
    .description('import SIM slots and card data; all rows or none'),
).action(async (file: string, opts) => {
  process.exitCode = await importSims(file, { dataDir: opts.dataDir, databaseUrl: databaseUrlOf(opts) });
});

program.parseAsync(process.argv).catch((error) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`ionmesh: ${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`ionmesh: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
