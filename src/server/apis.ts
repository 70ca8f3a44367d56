// The routes of the three APIs on the shared server: health and metrics, the client API the
// routers speak (byte for byte, CLIENT-CONTRACT.md), and the admin API behind keys, roles and
// the route guard (every route declares its access and tenant rule, src/app/route-guard.ts).
import type { Redis } from 'ioredis';
import type { Config } from '../app/config.js';
import type { Database } from '../app/database.js';
import type { App } from '../app/http.js';
import { invalidCharacter, storableText } from '../app/json-guard.js';
import { adminRateLimit, authFailureBudget, clientRateLimit, FailureBudget, SharedFailureBudget } from '../app/limits.js';
import { type GuardedRoute, guardAdminRoutes, type Owners } from '../app/route-guard.js';
import { isoTimestamps } from '../app/timestamps.js';
import { workRoutes } from '../app/work/index.js';
import { auditRoutes } from '../modules/audit/index.js';
import { apiKeyOwner, authRoutes, requireApiKey } from '../modules/auth/index.js';
import { backupRoutes } from '../modules/backup/index.js';
import { bulkJobRoutes, jobOwner } from '../modules/bulk-jobs/index.js';
import { carrierRoutes } from '../modules/carriers/index.js';
import { ClientViews, clientAdminRoutes, clientRoutes, clientViewRoutes } from '../modules/clients/index.js';
import { commandAdminRoutes } from '../modules/commands/index.js';
import { eventRoutes } from '../modules/events/index.js';
import { FleetService, fleetRoutes } from '../modules/fleet/index.js';
import { groupOwner, groupRoutes } from '../modules/groups/index.js';
import { healingClientRoutes, healingRoutes, incidentOwner } from '../modules/healing/index.js';
import { healthRoutes } from '../modules/health/index.js';
import { bankdOwner, bankOwner, inventoryRoutes, remsimServerOwner, slotOwner, tenantOwner } from '../modules/inventory/index.js';
import { kiProxyRoutes, poolOwner } from '../modules/ki-proxy/index.js';
import { policyOwner, policyRoutes } from '../modules/policies/index.js';
import { predictionRoutes } from '../modules/prediction/index.js';
import { remsimRoutes } from '../modules/remsim/index.js';
import { rotationPolicyOwner, rotationRoutes } from '../modules/rotation/index.js';
import { ruleOwner, ruleRoutes } from '../modules/rules/index.js';
import { SimCardsService, simCardRoutes } from '../modules/sim-cards/index.js';
import { statsRoutes } from '../modules/stats/index.js';
import { lockRoutes, planOwner, planRoutes, protectionRoutes, usageRoutes } from '../modules/usage/index.js';
import { webhookOwner, webhookRoutes } from '../modules/webhooks/index.js';
import type { Services } from './services.js';

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
  plan: planOwner,
  group: groupOwner,
  job: jobOwner,
  rotationPolicy: rotationPolicyOwner,
  rule: ruleOwner,
  incident: incidentOwner,
};

/** Health, metrics and what every answer gets (timestamps, request metrics). */
export async function commonRoutes(app: App, config: Config, db: Database, services: Services, redis: Redis | null) {
  const { metrics } = services;
  // Before any scope's own hooks: an address over its failed-authentication budget is refused
  // before its key is looked up. One budget for every replica when they share a Redis.
  const budget = redis ? new SharedFailureBudget(config.authFailureLimit, redis) : new FailureBudget(config.authFailureLimit);
  authFailureBudget(
    app,
    budget,
    () => metrics.authFailed('throttled'),
    (key) => services.auth.isKnownKey(key),
  );
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
}

/** The client API under /api/backend/v1/remsim. */
export async function clientApi(app: App, config: Config, services: Services, redis: Redis | null) {
  await app.register(
    async (client: App) => {
      await clientRateLimit(client, config.clientRateLimit, redis);
      const tls = { mutualTls: config.tlsClientCa !== null };
      await client.register(clientRoutes(services.clients, services.auth, services.commands, tls));
      await client.register(healingClientRoutes(services.healing, services.auth, tls));
    },
    { prefix: '/api/backend/v1/remsim' },
  );
}

/** The admin API under /api/backend/v1: what each route declares, filled in as they are added. */
export async function adminApi(
  app: App,
  config: Config,
  db: Database,
  services: Services,
  redis: Redis | null,
): Promise<GuardedRoute[]> {
  const { metrics } = services;
  const guarded: GuardedRoute[] = [];
  await app.register(
    async (admin: App) => {
      await adminRateLimit(admin, config.adminRateLimit, redis);
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
      await admin.register(clientViewRoutes(new ClientViews(db)));
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
      await admin.register(usageRoutes(services.usage));
      await admin.register(planRoutes(services.plans));
      await admin.register(lockRoutes(services.cardActions));
      await admin.register(protectionRoutes(services.protection));
      await admin.register(groupRoutes(services.groups));
      await admin.register(bulkJobRoutes(services.jobs));
      await admin.register(rotationRoutes(services.rotation));
      await admin.register(ruleRoutes(services.rules));
      await admin.register(healingRoutes(services.healing));
      await admin.register(predictionRoutes(services.prediction));
      await admin.register(fleetRoutes(new FleetService(db)));
      await admin.register(authRoutes(services.auth));
      await admin.register(backupRoutes(db));
      await admin.register(workRoutes(services.work));
    },
    { prefix: '/api/backend/v1' },
  );
  return guarded;
}
