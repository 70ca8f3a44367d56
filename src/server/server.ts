// Wiring only: Fastify with validation, the error handler, OpenAPI, routes and jobs.
import cors from '@fastify/cors';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import Fastify, { type FastifyServerOptions, LogController } from 'fastify';
import type { Config } from '../app/config.js';
import { registerConsole, wantsConsole } from '../app/console.js';
import type { Database } from '../app/database.js';
import { errorBody, handleError } from '../app/errors-http.js';
import type { App } from '../app/http.js';
import { Jobs } from '../app/jobs.js';
import { invalidCharacter, jsonRefusal, MAX_JSON_DEPTH, storableText, unstorableField } from '../app/json-guard.js';
import { adminRateLimit, authFailureBudget, clientRateLimit, FailureBudget } from '../app/limits.js';
import { openapiConventions } from '../app/openapi.js';
import { type GuardedRoute, guardAdminRoutes, type Owners } from '../app/route-guard.js';
import { ErrorAnswer } from '../app/schemas.js';
import { isoTimestamps } from '../app/timestamps.js';
import { httpsOptions } from '../app/tls.js';
import { VERSION } from '../app/version.js';
import { DomainError } from '../domain/errors.js';
import { auditRoutes } from '../modules/audit/audit.routes.js';
import { requireApiKey } from '../modules/auth/auth.hook.js';
import { apiKeyOwner } from '../modules/auth/auth.owners.js';
import { authRoutes } from '../modules/auth/auth.routes.js';
import { AuthService } from '../modules/auth/auth.usecases.js';
import { carrierRoutes } from '../modules/carriers/carriers.routes.js';
import { CarriersService } from '../modules/carriers/carriers.usecases.js';
import { ClientTokens } from '../modules/clients/client-token.js';
import { clientAdminRoutes, clientRoutes } from '../modules/clients/clients.routes.js';
import { ClientsService, commandTarget } from '../modules/clients/clients.usecases.js';
import { enrollmentRules } from '../modules/clients/enrollment-rules.js';
import { commandAdminRoutes } from '../modules/commands/commands.routes.js';
import { CommandsService, expireCommands } from '../modules/commands/commands.usecases.js';
import { EventHub } from '../modules/events/event-hub.js';
import { pruneEvents } from '../modules/events/events.repository.js';
import { eventRoutes } from '../modules/events/events.routes.js';
import { fleetRoutes } from '../modules/fleet/fleet.routes.js';
import { FleetService } from '../modules/fleet/fleet.usecases.js';
import { healthRoutes } from '../modules/health/health.routes.js';
import { bankdOwner, bankOwner, remsimServerOwner, slotOwner, tenantOwner } from '../modules/inventory/inventory.owners.js';
import { inventoryRoutes } from '../modules/inventory/inventory.routes.js';
import { InventoryService } from '../modules/inventory/inventory.usecases.js';
import { poolOwner } from '../modules/ki-proxy/ki-proxy.owners.js';
import { kiProxyRoutes } from '../modules/ki-proxy/ki-proxy.routes.js';
import { KiProxyService } from '../modules/ki-proxy/ki-proxy.usecases.js';
import { Metrics } from '../modules/metrics/metrics.js';
import { policyOwner } from '../modules/policies/policies.owners.js';
import { policyRoutes } from '../modules/policies/policies.routes.js';
import { PoliciesService } from '../modules/policies/policies.usecases.js';
import { RemsimReconciler } from '../modules/remsim/reconciler.js';
import { remsimRoutes } from '../modules/remsim/remsim.routes.js';
import { RemsimService } from '../modules/remsim/remsim.usecases.js';
import { simCardRoutes } from '../modules/sim-cards/sim-cards.routes.js';
import { SimCardsService } from '../modules/sim-cards/sim-cards.usecases.js';
import { statsRoutes } from '../modules/stats/stats.routes.js';
import { StatsService } from '../modules/stats/stats.usecases.js';
import { WebhookDispatcher } from '../modules/webhooks/dispatcher.js';
import { webhookOwner } from '../modules/webhooks/webhooks.owners.js';
import { webhookRoutes } from '../modules/webhooks/webhooks.routes.js';
import { WebhooksService } from '../modules/webhooks/webhooks.usecases.js';

/** The objects routes name, each given by the module that owns it. */
const OWNERS: Owners = {
  tenant: tenantOwner,
  bank: bankOwner,
  slot: slotOwner,
  bankd: bankdOwner,
  remsimServer: remsimServerOwner,
  pool: poolOwner,
  policy: policyOwner,
  webhook: webhookOwner,
  apiKey: apiKeyOwner,
};

export interface Services {
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
}

export interface BuildOptions {
  config: Config;
  db: Database;
  logger?: FastifyServerOptions['logger'];
  /** Start background jobs (offline sweep, periodic reconcile); tests drive them by hand. */
  jobs?: boolean;
  /** Reconcile right after assignment changes (default true; benchmarks of the bare API turn it off). */
  reconcileOnChange?: boolean;
}

// Bodies are validated strictly (no type coercion: a quoted tenant_id is refused, as the issue
// asks); query strings and path parameters are text and are coerced to their declared types.
function validators() {
  const common = { allErrors: false, useDefaults: true, removeAdditional: false, strict: false } as const;
  const body = addFormats.default(new Ajv.default({ ...common, coerceTypes: false }));
  const text = addFormats.default(new Ajv.default({ ...common, coerceTypes: 'array' }));
  return { body, text };
}

export async function buildApp(options: BuildOptions): Promise<{ app: App; services: Services; guarded: GuardedRoute[] }> {
  const { config, db } = options;
  // A request must arrive whole within --request-timeout (a body trickled a byte a second is cut
  // off with 408); Node checks open requests every second so the limit holds to the second.
  const requestTimeoutMs = config.requestTimeoutSec * 1000;
  const serverOptions = { connectionsCheckingInterval: 1000, headersTimeout: Math.min(requestTimeoutMs, 60_000) };
  const app = Fastify({
    http: serverOptions,
    ...httpsOptions(config, serverOptions),
    requestTimeout: requestTimeoutMs,
    // Behind a proxy, the caller's address (rate limits, enrollment, source binding, audit) comes
    // from X-Forwarded-For, believed only from the listed proxies.
    ...(config.trustProxy.length ? { trustProxy: config.trustProxy } : {}),
    logger: options.logger ?? { level: config.logLevel },
    // One log line per request would cost the heartbeat path more than its database write.
    logController: new LogController({ disableRequestLogging: true }),
    requestIdHeader: 'x-request-id',
    bodyLimit: 1024 * 1024,
    // A client id may have 255 characters (more once percent-encoded): longer path parameters
    // answer 414 URI_TOO_LONG, in the API's error format like every other refusal.
    routerOptions: { maxParamLength: 800 },
    frameworkErrors: (error, req, reply) => handleError(error as never, req, reply),
    return503OnClosing: true,
  }).withTypeProvider<TypeBoxTypeProvider>() as unknown as App;

  const ajv = validators();
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? ajv.body : ajv.text).compile(schema as object));
  app.setErrorHandler(handleError);
  // CORS: closed (no headers at all) unless origins are configured.
  if (config.corsOrigins.length)
    await app.register(cors, {
      origin: config.corsOrigins,
      methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['content-type', 'x-api-key', 'authorization', 'last-event-id', 'x-request-id'],
      exposedHeaders: ['retry-after', 'x-last-event-id', 'content-disposition'],
      credentials: false,
      maxAge: 600,
    });
  const consoleUi = await registerConsole(app);
  app.setNotFoundHandler((req, reply) => {
    if (consoleUi.page && wantsConsole(req)) return consoleUi.page(reply);
    return reply
      .code(404)
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(errorBody({ code: 'NOT_FOUND', message: `Route ${req.method} ${req.url.split('?')[0]} not found` })));
  });
  app.addSchema(ErrorAnswer);
  // JSON bodies: Fastify's own parser (prototype poisoning refused), after a depth check.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    const refusal = jsonRefusal(body as string);
    if (refusal?.kind === 'depth')
      return done(new DomainError('INVALID_JSON', `JSON nested deeper than ${MAX_JSON_DEPTH} levels`, 400), undefined);
    if (refusal) return done(invalidCharacter(`The body holds ${refusal.what}, which cannot be stored`), undefined);
    return parseJson(req, body as string, done);
  });
  // Query and path values reach SQL as text: the same characters are refused there.
  app.addHook('preValidation', async (req) => {
    const field = unstorableField(req.query) ?? unstorableField(req.params);
    if (field) throw invalidCharacter(`${field} holds the NUL character or an unpaired surrogate, which cannot be stored`, field);
  });

  await app.register(swagger, {
    ...openapiConventions,
    openapi: {
      info: { title: 'IonMesh API', version: VERSION, description: 'Control plane for osmo-remsim fleets' },
      components: { securitySchemes: { apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' } } },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  const reconciler = new RemsimReconciler(db, app.log, {
    intervalSec: config.reconcileIntervalSec,
    takeover: config.remsimTakeover,
    timeoutMs: config.remsimTimeoutMs,
    offlineAfterSec: config.offlineAfterSec,
    stallGraceMs: config.remsimStallGraceMs,
    bankOfflineGraceSec: config.bankOfflineGraceSec,
  });
  const policies = new PoliciesService(db);
  const metrics = new Metrics(db, {
    max: config.metricsPerClient ? config.metricsPerClientMax : 0,
    onChange: (enabled, fleet) =>
      enabled
        ? app.log.info({ fleet }, 'per-client metric series kept again: the fleet is within --metrics-per-client-max')
        : app.log.warn(
            { fleet, max: config.metricsPerClientMax },
            'per-client metric series dropped: the fleet is over --metrics-per-client-max (raise it to keep them)',
          ),
  });
  const events = new EventHub(db, app.log);
  const services: Services = {
    clients: new ClientsService(db, {
      heartbeatIntervalSec: config.heartbeatIntervalSec,
      offlineAfterSec: config.offlineAfterSec,
      version: VERSION,
      policies: policies.forTenant,
      observer: metrics,
      onHeartbeats: (pulses) => events.publishPulses(pulses),
      enrollment: enrollmentRules(db),
      tokens: new ClientTokens(db),
      log: app.log,
      registerDeadlineMs: config.registerDeadlineMs,
      // PGlite runs one statement at a time: a few registrations in flight keep it busy.
      registerConcurrency: db.kind === 'pglite' ? 4 : 8,
    }),
    policies,
    events,
    metrics,
    inventory: new InventoryService(db),
    auth: new AuthService(db),
    remsim: new RemsimService(db, reconciler),
    reconciler,
    kiProxy: new KiProxyService(db),
    carriers: new CarriersService(db),
    webhooks: new WebhooksService(db, config.webhooksAllowPrivate),
    commands: new CommandsService(db, commandTarget),
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
    dispatcher: new WebhookDispatcher(db, app.log, {
      allowPrivateTargets: config.webhooksAllowPrivate,
      onAttempt: metrics.webhookAttempt,
    }),
  };
  if (options.reconcileOnChange ?? true) services.clients.onAssignmentChange((banks) => reconciler.assignmentChanged(banks));

  // Before any scope's own hooks: an address over its failed-authentication budget is refused
  // before its key is looked up.
  authFailureBudget(app, new FailureBudget(config.authFailureLimit), () => metrics.authFailed('throttled'));
  await app.register(healthRoutes(db, config));
  // One timestamp format in every admin answer (ISO 8601, Z); the client API is left byte for byte.
  app.addHook('preSerialization', async (req, _reply, payload) =>
    req.url.startsWith('/api/backend/v1/remsim/') ? payload : isoTimestamps(payload),
  );
  app.addHook('onResponse', async (req, reply) => {
    metrics.observeRequest(req.method, req.routeOptions.url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000);
  });
  let refreshedOnce = false;
  app.get(
    '/metrics',
    {
      schema: {
        operationId: 'getMetrics',
        tags: ['metrics'],
        summary: 'Prometheus metrics (text exposition format)',
        hide: false,
      },
    },
    async (_req, reply) => {
      // The fleet gauges come from the background job; only a first scrape computes them.
      if (!refreshedOnce) {
        refreshedOnce = true;
        await metrics.refreshFleet();
      }
      reply.type(metrics.registry.contentType);
      return metrics.registry.metrics();
    },
  );
  await app.register(
    async (client: App) => {
      await clientRateLimit(client, config.clientRateLimit);
      await client.register(
        clientRoutes(services.clients, services.auth, services.commands, { mutualTls: config.tlsClientCa !== null }),
      );
    },
    { prefix: '/api/backend/v1/remsim' },
  );
  const guarded: GuardedRoute[] = [];
  await app.register(
    async (admin: App) => {
      await adminRateLimit(admin, config.adminRateLimit);
      // Every route declares its access and tenant rule; one without stops the start.
      guardAdminRoutes(admin, {
        db,
        owners: OWNERS,
        declared: guarded,
        authenticate: requireApiKey(services.auth, { authFailed: metrics.authFailed }),
      });
      admin.addContentTypeParser(
        ['text/csv', 'text/plain'],
        { parseAs: 'string', bodyLimit: 64 * 1024 * 1024 },
        (_req, body, done) =>
          storableText(body as string) ? done(null, body) : done(invalidCharacter('The body holds the NUL character'), undefined),
      );
      await admin.register(inventoryRoutes(services.inventory));
      await admin.register(clientAdminRoutes(services.clients));
      await admin.register(remsimRoutes(services.remsim));
      await admin.register(kiProxyRoutes(services.kiProxy));
      await admin.register(simCardRoutes(new SimCardsService(db)));
      await admin.register(carrierRoutes(services.carriers));
      await admin.register(policyRoutes(services.policies));
      await admin.register(eventRoutes(db, services.events, (keyId) => services.auth.stillValid(keyId)));
      await admin.register(webhookRoutes(services.webhooks));
      await admin.register(commandAdminRoutes(services.commands));
      await admin.register(auditRoutes(db));
      await admin.register(statsRoutes(services.stats));
      await admin.register(fleetRoutes(new FleetService(db)));
      await admin.register(authRoutes(services.auth));
    },
    { prefix: '/api/backend/v1' },
  );

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
      name: 'events-retention',
      everySec: 300,
      run: () => db.run((h) => pruneEvents(h, config.eventsRetentionDays * 86_400, db.kind === 'pglite' ? 5000 : 50_000)),
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
      run: () => db.maintain(['client_stats_raw', 'client_stats_5m', 'fleet_stats_5m']),
    });
  }
  // Graceful shutdown: Fastify stops accepting and finishes in-flight requests, then this runs.
  app.addHook('onClose', async () => {
    services.stats.stop();
    await jobs.stop();
    await reconciler.stop();
    await services.events.stop();
    await services.clients.heartbeats.idle();
    await db.close();
  });
  return { app, services, guarded };
}
