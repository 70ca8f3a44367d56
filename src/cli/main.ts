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
