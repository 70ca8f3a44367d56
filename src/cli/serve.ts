// `ionmesh serve`: migrate, optionally seed the demo, listen, and shut down gracefully.
import { chmodSync, closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import { CLIENT_API_PREFIX, closeClientHttp, listenClientHttp } from '../app/client-listener.js';
import { buildConfig, type Config } from '../app/config.js';
import { type Database, openDatabase } from '../app/database.js';
import { DatabaseNewer, MigrationsPending } from '../app/schema-version.js';
import { VERSION } from '../app/version.js';
import { SYSTEM } from '../domain/actor.js';
import { ALL_TENANTS } from '../domain/tenant-scope.js';
import { seedDemo } from '../modules/inventory/index.js';
import { buildApp } from '../server/server.js';
import type { Fleet } from '../sim/fleet.js';
import type { RemsimServerDouble } from '../sim/remsim-server.js';
import { parkDemoServer, startDemoEmulator, startDemoFleet } from './demo-fleet.js';

export async function serve(config: Config) {
  const db = await openDatabase(config, 'server');
  try {
    if (config.migrate) await db.migrate();
    else {
      const schema = await db.schema();
      if (schema.unknown) throw new DatabaseNewer(schema, VERSION);
      if (schema.pending.length) throw new MigrationsPending(schema);
    }
  } catch (error) {
    await db.close();
    throw error;
  }
  const { app, services } = await buildApp({ config, db });
  exitWhenDatabaseLost(db, app.log);
  const carriersAdded = await services.carriers.seed();
  if (carriersAdded) app.log.info({ carriers: carriersAdded }, 'carrier list seeded (mcc-mnc-list)');
  const generatedKey = await services.auth.ensureAdminKey(config.adminKey);
  if (generatedKey) announceAdminKey(generatedKey, config, app.log);
  if (config.demo) {
    const seeded = await seedDemo(db);
    if (seeded) {
      // Demo plans for the demo's two carriers: usage, thresholds and costs show within minutes.
      for (const [name, mccMnc, mb] of [
        ['AT&T demo 50 MB', '310410', 50],
        ['Verizon demo 100 MB', '311480', 100],
      ] as const)
        await services.plans.create(
          {
            tenant_id: 1,
            name,
            mcc_mnc: mccMnc,
            carrier_default: true,
            allowance_mb: mb,
            monthly_fee: 2,
            overage_cost_per_mb: 0.05,
            currency: 'USD',
            thresholds: [
              { percent: 80, action: 'event' },
              { percent: 100, action: 'event' },
            ],
          },
          SYSTEM,
          ALL_TENANTS,
        );
      await db.maintain();
    }
    app.log.info(
      seeded
        ? 'demo inventory seeded (tenant 1, banks 1 and 2, 32 slots each, a plan per carrier)'
        : 'database not empty: demo inventory left as it is',
    );
  }
  // The living demo: only with --demo, never in production use.
  let remsim: RemsimServerDouble | null = null;
  let fleet: Fleet | null = null;
  if (config.demo && config.demoFleet > 0 && config.demoRemsimPort > 0) remsim = await startDemoEmulator(db, config, app.log);
  if (config.demo && !remsim) await parkDemoServer(db, app.log);
  app.addHook('preClose', async () => {
    await fleet?.stop();
    await remsim?.close();
  });
  let stopping = false;
  let stopExtra: (() => Promise<void>) | null = null;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    const force = setTimeout(() => {
      app.log.error('shutdown took over 15 s; exiting');
      process.exit(1);
    }, 15_000);
    force.unref();
    try {
      await stopExtra?.();
      await app.close();
      process.exit(0);
    } catch (err) {
      app.log.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
  const address = await app.listen({ port: config.port, host: config.host });
  if (config.clientHttpPort) {
    const plain = await listenClientHttp(app, {
      port: config.clientHttpPort,
      host: config.host,
      requestTimeoutMs: config.requestTimeoutSec * 1000,
    });
    app.log.warn(
      { port: plain.port, serves: CLIENT_API_PREFIX },
      'plain-HTTP client listener open: router traffic on it is not encrypted (docs/security.md)',
    );
    stopExtra = () => closeClientHttp(plain.server);
  }
  // CLI commands on the same data directory are refused, naming this address.
  db.dataDirLock?.announce({ url: address.replace('//0.0.0.0', '//127.0.0.1').replace('//[::]', '//[::1]') });
  app.log.info({ address, database: db.kind, dataDir: db.kind === 'pglite' ? config.dataDir : undefined }, 'IonMesh listening');
  void services.reconciler.periodic().catch((err) => app.log.error({ err }, 'first reconcile pass failed'));
  if (remsim) {
    const port = (app.server.address() as { port: number }).port;
    fleet = startDemoFleet(`http://127.0.0.1:${port}`, remsim, config.demoFleet, app.log);
  }
  return app;
}

export { buildConfig };

/** PGlite's thread died (decision 0013): nothing can be served without the database, and a
 * process that stays up answering 503 would hide it from its supervisor. It exits non-zero so
 * systemd, Kubernetes or compose restart it on the same data directory. */
export function exitWhenDatabaseLost(db: Database, log: FastifyBaseLogger) {
  db.onLost((err) => {
    log.fatal({ err }, 'the embedded database stopped: exiting so the supervisor restarts IonMesh');
    process.exit(70);
  });
}

/**
 * The first start's admin key goes to the operator's terminal, never into the JSON log stream
 * that collectors ship. Without a terminal (a container, a service unit) it is written to
 * `<data-dir>/initial-admin-key` (mode 0600) and the log names that file, not the key.
 */
function announceAdminKey(key: string, config: Config, log: FastifyBaseLogger) {
  const text = `\n  Admin API key (shown once, store it now): ${key}\n  Use it as the X-API-Key header on /api/backend/v1/* admin routes.\n\n`;
  try {
    const tty = openSync('/dev/tty', 'w');
    try {
      writeSync(tty, text);
    } finally {
      closeSync(tty);
    }
    log.info('a new admin API key was printed on the terminal (not logged)');
    return;
  } catch {
    // No controlling terminal: fall through to the file.
  }
  mkdirSync(config.dataDir, { recursive: true });
  const file = resolve(join(config.dataDir, 'initial-admin-key'));
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  log.warn({ file }, 'a new admin API key was written to this file (mode 0600): store it and delete the file');
}
