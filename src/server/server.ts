// Wiring only: the HTTP server, the services, the three APIs and the background jobs, each in a
// file of its own (http.ts, services.ts, apis.ts, background.ts).
import type { FastifyServerOptions } from 'fastify';
import type { Config } from '../app/config.js';
import type { Database } from '../app/database.js';
import type { App } from '../app/http.js';
import { connectRedis } from '../app/redis.js';
import type { GuardedRoute } from '../app/route-guard.js';
import { adminApi, clientApi, commonRoutes } from './apis.js';
import { startBackground } from './background.js';
import { createHttpServer } from './http.js';
import { buildServices, type Services } from './services.js';

export type { Services } from './services.js';

export interface BuildOptions {
  config: Config;
  db: Database;
  logger?: FastifyServerOptions['logger'];
  /** Start background jobs (offline sweep, periodic reconcile); tests drive them by hand. */
  jobs?: boolean;
  /** Reconcile right after assignment changes (default true; benchmarks of the bare API turn it off). */
  reconcileOnChange?: boolean;
}

export async function buildApp(options: BuildOptions): Promise<{ app: App; services: Services; guarded: GuardedRoute[] }> {
  const { config, db } = options;
  const app = await createHttpServer(config, options.logger);
  const redis = config.redisUrl ? await connectRedis(config.redisUrl, app.log) : null;
  if (redis) app.addHook('onClose', async () => void (await redis.quit().catch(() => redis.disconnect())));
  else if (db.kind === 'postgres' && (config.clientRateLimit > 0 || config.adminRateLimit > 0))
    app.log.warn('rate limits are counted per process: N replicas allow N times each limit (set --redis-url to share them)');
  const services = buildServices(app, config, db, options.reconcileOnChange ?? true);
  await commonRoutes(app, config, db, services, redis);
  await clientApi(app, config, services, redis);
  const guarded = await adminApi(app, config, db, services, redis);
  startBackground(app, config, db, services, options);
  return { app, services, guarded };
}
