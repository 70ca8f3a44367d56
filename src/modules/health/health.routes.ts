// Liveness and readiness probes, and the bench ceiling route.
import { Type } from '@sinclair/typebox';
import type { Database } from '../../app/database.js';
import type { App } from '../../app/http.js';
import { errorResponses } from '../../app/schemas.js';
import { busy } from '../../domain/errors.js';
import { HeartbeatAnswer, HeartbeatBody } from '../clients/index.js';

export function healthRoutes(db: Database, opts: { benchRoutes: boolean; heartbeatIntervalSec: number }) {
  return async function routes(app: App) {
    const tags = ['health'];
    app.get(
      '/healthz',
      {
        schema: {
          operationId: 'getHealth',
          tags,
          summary: 'The process is up',
          response: { 200: Type.Object({ status: Type.Literal('ok') }) },
        },
      },
      async () => ({ status: 'ok' as const }),
    );
    app.get(
      '/readyz',
      {
        schema: {
          operationId: 'getReadiness',
          tags,
          summary: 'The database answers',
          response: { 200: Type.Object({ status: Type.Literal('ok'), database: Type.String() }), ...errorResponses(503) },
        },
      },
      async () => {
        try {
          await db.ping();
        } catch {
          throw busy('The database does not answer');
        }
        return { status: 'ok' as const, database: db.kind };
      },
    );
    if (opts.benchRoutes) {
      // Same body validation and answer serialisation as the heartbeat, without the database:
      // the ceiling that `npm run bench` compares heartbeat throughput against.
      app.post(
        '/api/backend/v1/bench/noop',
        { schema: { hide: true, body: HeartbeatBody, response: { 200: HeartbeatAnswer } } },
        async () => ({ status: 'ok' as const, next_heartbeat_interval: opts.heartbeatIntervalSec, commands: [] }),
      );
    }
  };
}
