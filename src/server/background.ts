// The background jobs of a server (offline sweep, reconcile, command expiry, webhook delivery,
// stats rollup, usage accounting, rules, self-healing, fault prediction, rotation, bulk jobs, event retention, fleet metrics, PGlite's vacuum) and its graceful shutdown.
import type { Config } from '../app/config.js';
import type { Database } from '../app/database.js';
import type { App } from '../app/http.js';
import { Jobs } from '../app/jobs.js';
import { expireCommands } from '../modules/commands/index.js';
import { pruneEvents } from '../modules/events/index.js';
import { pruneDeliveries } from '../modules/webhooks/index.js';
import type { Services } from './services.js';

export function startBackground(app: App, config: Config, db: Database, services: Services, options: { jobs?: boolean }) {
  const { metrics, reconciler } = services;
  const jobs = new Jobs(app.log, metrics.jobPass);
  if (options.jobs ?? true) {
    jobs.start({
      name: 'offline-sweep',
      everySec: config.sweepIntervalSec,
      run: async () => {
        const changed = await services.clients.sweepOffline();
        if (changed.length)
          app.log.info({ count: changed.length, clients: changed.slice(0, 20).map((c) => c.client_id) }, 'clients went offline');
      },
    });
    jobs.start({ name: 'remsim-reconcile', everySec: config.reconcileIntervalSec, run: () => reconciler.periodic() });
    jobs.start({ name: 'command-expiry', everySec: config.sweepIntervalSec, run: () => expireCommands(db) });
    jobs.start({ name: 'webhook-delivery', everySec: 1, run: () => services.dispatcher.tick() });
    jobs.start({ name: 'stats-rollup', everySec: config.statsRollupSec, run: () => services.stats.maintain() });
    jobs.start({
      name: 'usage-accounting',
      everySec: config.usageIntervalSec,
      run: async () => {
        await services.usage.account();
        await services.thresholds.check();
        await services.protection.run();
      },
    });
    // Bulk jobs: batches of items for at most 2 s a pass (PGlite: 0.5 s, requests go between).
    jobs.start({ name: 'rules', everySec: 1, run: () => services.rulesEngine.tick() });
    jobs.start({ name: 'self-healing', everySec: config.healingIntervalSec, run: () => services.healingEngine.tick() });
    // Once per interval across the replicas (claimed work), not once per replica.
    jobs.start({
      name: 'fault-prediction',
      everySec: config.predictionIntervalSec,
      run: () => services.prediction.scheduled(config.predictionIntervalSec),
    });
    jobs.start({ name: 'rotation', everySec: config.rotationIntervalSec, run: () => services.rotation.run() });
    // Claimed work of every kind: retries that came due, and what stopped processes left.
    jobs.start({ name: 'work', everySec: 1, run: () => services.work.tick(db.kind === 'pglite' ? 500 : 2000) });
    jobs.start({ name: 'bulk-jobs', everySec: 1, run: () => services.jobs.tick(db.kind === 'pglite' ? 500 : 2000) });
    jobs.start({
      name: 'events-retention',
      everySec: 300,
      run: async () => {
        const batch = db.kind === 'pglite' ? 5000 : 50_000;
        await pruneRetention(db, config.eventsRetentionDays * 86_400, batch);
        await services.rulesEngine.maintain(config.eventsRetentionDays * 86_400, batch);
        await services.work.prune(config.eventsRetentionDays * 86_400, batch);
      },
    });
    jobs.start({ name: 'fleet-metrics', everySec: config.metricsRefreshSec, run: () => metrics.refreshFleet() });
  }
  if ((options.jobs ?? true) && db.kind === 'pglite') {
    // PGlite has no autovacuum (docs/decisions/0001-one-queue-for-pglite.md).
    jobs.start({ name: 'vacuum', everySec: 60, run: () => db.maintain(['service_profiles', 'slots']) });
    jobs.start({ name: 'analyze', everySec: 600, run: () => db.maintain() });
    jobs.start({
      name: 'vacuum-stats',
      everySec: 600,
      run: () => db.maintain(['client_stats_raw', 'client_stats_5m', 'fleet_stats_5m', 'card_usage_daily', 'card_usage_cycles']),
    });
  }
  // Graceful shutdown: Fastify stops accepting and finishes in-flight requests, then this runs.
  app.addHook('onClose', async () => {
    services.stats.stop();
    services.usage.stop();
    await jobs.stop();
    await services.work.stop();
    await reconciler.stop();
    await services.events.stop();
    await services.clients.heartbeats.idle();
    await db.close();
  });
}

/** The outbox's retention: events the webhooks no longer need, then finished deliveries. */
export async function pruneRetention(db: Database, retentionSec: number, batch: number) {
  const events = await db.run((h) => pruneEvents(h, retentionSec, batch));
  const deliveries = await db.run((h) => pruneDeliveries(h, retentionSec, batch));
  return { events, deliveries };
}
