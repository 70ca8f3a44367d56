// The services of every module, built once for a server and wired to each other (who tells whom
// what happened: assignments to the reconciler, heartbeats to the live stream, attempts to metrics).
import type { Config } from '../app/config.js';
import type { Database } from '../app/database.js';
import type { App } from '../app/http.js';
import { VERSION } from '../app/version.js';
import { WorkEngine } from '../app/work/index.js';
import { AuthService } from '../modules/auth/index.js';
import { BulkJobsService } from '../modules/bulk-jobs/index.js';
import { CarriersService } from '../modules/carriers/index.js';
import { ClientsService, ClientTokens, commandTarget, enrollmentRules, type ImeiLocked } from '../modules/clients/index.js';
import { CommandsService } from '../modules/commands/index.js';
import { EventHub } from '../modules/events/index.js';
import { GroupsService } from '../modules/groups/index.js';
import { HealingEngine, HealingService } from '../modules/healing/index.js';
import { InventoryService } from '../modules/inventory/index.js';
import { KiProxyService } from '../modules/ki-proxy/index.js';
import { Metrics } from '../modules/metrics/index.js';
import { PoliciesService } from '../modules/policies/index.js';
import { PredictionService } from '../modules/prediction/index.js';
import { RemsimReconciler, RemsimService } from '../modules/remsim/index.js';
import { RotationService } from '../modules/rotation/index.js';
import { RulesEngine, RulesService } from '../modules/rules/index.js';
import { StatsService } from '../modules/stats/index.js';
import { CardActions, PlansService, ProtectionService, ThresholdsEngine, UsageService } from '../modules/usage/index.js';
import { WebhookDispatcher, WebhooksService } from '../modules/webhooks/index.js';

export interface Services {
  /** The engine for claimed work every module's retried, attempt-logged work runs on. */
  work: WorkEngine;
  clients: ClientsService;
  inventory: InventoryService;
  auth: AuthService;
  remsim: RemsimService;
  reconciler: RemsimReconciler;
  kiProxy: KiProxyService;
  carriers: CarriersService;
  policies: PoliciesService;
  events: EventHub;
  metrics: Metrics;
  webhooks: WebhooksService;
  dispatcher: WebhookDispatcher;
  commands: CommandsService;
  stats: StatsService;
  usage: UsageService;
  plans: PlansService;
  groups: GroupsService;
  cardActions: CardActions;
  thresholds: ThresholdsEngine;
  protection: ProtectionService;
  jobs: BulkJobsService;
  rotation: RotationService;
  rulesEngine: RulesEngine;
  rules: RulesService;
  healingEngine: HealingEngine;
  healing: HealingService;
  prediction: PredictionService;
}

export function buildServices(app: App, config: Config, db: Database, reconcileOnChange: boolean): Services {
  const reconciler = new RemsimReconciler(db, app.log, {
    intervalSec: config.reconcileIntervalSec,
    takeover: config.remsimTakeover,
    timeoutMs: config.remsimTimeoutMs,
    offlineAfterSec: config.offlineAfterSec,
    stallGraceMs: config.remsimStallGraceMs,
    bankOfflineGraceSec: config.bankOfflineGraceSec,
  });
  const policies = new PoliciesService(db);
  const work = new WorkEngine(db, app.log);
  const metrics = new Metrics(
    db,
    {
      max: config.metricsPerClient ? config.metricsPerClientMax : 0,
      onChange: (enabled, fleet) =>
        enabled
          ? app.log.info({ fleet }, 'per-client metric series kept again: the fleet is within --metrics-per-client-max')
          : app.log.warn(
              { fleet, max: config.metricsPerClientMax },
              'per-client metric series dropped: the fleet is over --metrics-per-client-max (raise it to keep them)',
            ),
    },
    work,
  );
  const events = new EventHub(db, app.log);
  // Built in dependency order. The one cycle — a heartbeat an IMEI binding refuses makes the usage
  // module lock the card, which acts through the clients' service — goes through a narrow port.
  const imeiLocks: { lock?: (locked: ImeiLocked) => Promise<void> } = {};
  const clients = new ClientsService(db, {
    heartbeatIntervalSec: config.heartbeatIntervalSec,
    offlineAfterSec: config.offlineAfterSec,
    version: VERSION,
    policies: policies.forTenant,
    observer: metrics,
    onHeartbeats: (pulses) => events.publishPulses(pulses),
    // An enforcing IMEI binding refused a heartbeat: the usage module blocks the card.
    onImeiLocked: (locked) => imeiLocks.lock?.(locked) ?? Promise.resolve(),
    enrollment: enrollmentRules(db),
    tokens: new ClientTokens(db),
    log: app.log,
    registerDeadlineMs: config.registerDeadlineMs,
    // PGlite runs one statement at a time: a few registrations in flight keep it busy.
    registerConcurrency: db.kind === 'pglite' ? 4 : 8,
  });
  const inventory = new InventoryService(db);
  const commands = new CommandsService(db, commandTarget);
  const groups = new GroupsService(db);
  const cardActions = new CardActions(db, clients, (banks) => {
    if (reconcileOnChange) reconciler.assignmentChanged(banks);
  });
  imeiLocks.lock = (locked) => cardActions.lockImei(locked);
  const protection = new ProtectionService(db, cardActions);
  const rotation = new RotationService(db, clients, groups);
  const jobs = new BulkJobsService(db, { inventory, clients, commands, groups, protection, cardActions }, work);
  const rulePorts = { inventory, clients, commands, groups, protection, cardActions, rotation, jobs };
  const rulesEngine = new RulesEngine(db, rulePorts, work, app.log);
  const healingEngine = new HealingEngine(db, { clients, cardActions, commands }, app.log, { observer: metrics });
  const services: Services = {
    work,
    clients,
    policies,
    events,
    metrics,
    inventory,
    auth: new AuthService(db),
    remsim: new RemsimService(db, reconciler),
    reconciler,
    kiProxy: new KiProxyService(db),
    carriers: new CarriersService(db),
    webhooks: new WebhooksService(db, config.webhooksAllowPrivate),
    commands,
    stats: new StatsService(db, {
      rawRetentionSec: config.statsRawHours * 3600,
      rollupRetentionSec: config.statsRollupDays * 86_400,
      // PGlite: every step short (one bucket, 250 clients, 5,000 rows), requests go between, and
      // the rollup takes at most a quarter of the one thread's time: a bucket of 100,000 clients
      // is about 4 s of work, spread over about 16 s of its 5 minutes.
      ...(db.kind === 'pglite'
        ? { bucketsPerRange: 1, clientsPerStep: 250, pruneBatch: 5000, pauseRatio: 3 }
        : { bucketsPerRange: 12 }),
    }),
    usage: new UsageService(db, {
      rawRetentionSec: config.statsRawHours * 3600,
      retentionDays: config.usageRetentionDays,
      // PGlite: short steps (15 s of samples: 25,000 rows for 100,000 routers at one a minute).
      ...(db.kind === 'pglite' ? { sliceSec: 15, pruneBatch: 5000 } : { sliceSec: 60 }),
    }),
    plans: new PlansService(db),
    groups,
    rotation,
    rulesEngine,
    rules: new RulesService(db, rulePorts, rulesEngine),
    healingEngine,
    healing: new HealingService(db, healingEngine, clients),
    prediction: new PredictionService(db, work, app.log, { batch: db.kind === 'pglite' ? 250 : 1000 }),
    cardActions,
    thresholds: new ThresholdsEngine(db, cardActions, commands, work),
    protection,
    jobs,
    dispatcher: new WebhookDispatcher(db, app.log, {
      allowPrivateTargets: config.webhooksAllowPrivate,
      onAttempt: metrics.webhookAttempt,
    }),
  };
  if (reconcileOnChange) services.clients.onAssignmentChange((banks) => reconciler.assignmentChanged(banks));
  return services;
}
