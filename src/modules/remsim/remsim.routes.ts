// The remsim-server admin API: inventory, reconcile status, and a forced pass.
import { type TSchema, Type } from '@sinclair/typebox';
import { type App, actorOf } from '../../app/http.js';
import { scopeOf } from '../../app/route-guard.js';
import { Deleted, errorResponses, PageQuery } from '../../app/schemas.js';
import { snake } from '../../app/snake.js';
import { ReconcileOutcome, RemsimServerPage, RemsimServerView } from './remsim.schemas.js';
import type { RemsimService } from './remsim.usecases.js';

const Name = Type.String({ minLength: 1, maxLength: 200, pattern: '^[^\\x00-\\x1f]*$' });
const Url = Type.String({
  minLength: 1,
  maxLength: 300,
  description: 'REST base URL of the osmo-remsim-server, e.g. http://10.0.0.5:9997 (no port means 9997)',
});
const ServerBody = Type.Object(
  { name: Type.Optional(Name), url: Url, enabled: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
const IdParam = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2147483647 }) });

export function remsimRoutes(remsim: RemsimService) {
  return async function routes(app: App) {
    const admin = (summary: string) => ({ tags: ['remsim-servers'], summary, security: [{ apiKey: [] }] });
    const ok = <T extends TSchema>(item: T) => ({ 200: item, ...errorResponses(400, 401, 404, 409) });
    app.get(
      '/remsim-servers',
      {
        config: { access: 'read', tenant: 'handler' },
        schema: {
          operationId: 'listRemsimServers',
          ...admin('List remsim-servers with their reconcile status'),
          querystring: Type.Object(PageQuery),
          response: ok(RemsimServerPage),
        },
      },
      async (req) => snake(await remsim.list(req.query, scopeOf(req))),
    );
    app.post(
      '/remsim-servers',
      {
        config: { access: 'admin', tenant: 'global' },
        schema: {
          operationId: 'createRemsimServer',
          ...admin('Add a remsim-server'),
          body: ServerBody,
          response: ok(RemsimServerView),
        },
      },
      async (req) => snake(await remsim.create(req.body, actorOf(req, 'admin'))),
    );
    app.get(
      '/remsim-servers/:id',
      {
        config: { access: 'read', tenant: 'remsimServer' },
        schema: {
          operationId: 'getRemsimServer',
          ...admin('A remsim-server: reachable, last pass, mappings desired/present/missing/stale/conflicting, last error'),
          params: IdParam,
          response: ok(RemsimServerView),
        },
      },
      async (req) => snake(await remsim.get(req.params.id)),
    );
    app.patch(
      '/remsim-servers/:id',
      {
        config: { access: 'admin', tenant: 'remsimServer' },
        schema: {
          operationId: 'updateRemsimServer',
          ...admin('Rename, move or enable/disable a remsim-server'),
          params: IdParam,
          body: Type.Partial(ServerBody, { additionalProperties: false, minProperties: 1 }),
          response: ok(RemsimServerView),
        },
      },
      async (req) => snake(await remsim.update(req.params.id, req.body, actorOf(req, 'admin'))),
    );
    app.delete(
      '/remsim-servers/:id',
      {
        config: { access: 'admin', tenant: 'remsimServer' },
        schema: {
          operationId: 'deleteRemsimServer',
          ...admin('Delete a remsim-server no bankd instance uses'),
          params: IdParam,
          response: ok(Deleted),
        },
      },
      async (req) => remsim.remove(req.params.id, actorOf(req, 'admin')),
    );
    app.post(
      '/remsim-servers/:id/reconcile',
      {
        config: { access: 'operate', tenant: 'remsimServer' },
        schema: {
          operationId: 'reconcileRemsimServer',
          ...admin('Reconcile now (ignores the retry back-off) and answer the outcome'),
          params: IdParam,
          response: { 200: ReconcileOutcome, ...errorResponses(401, 404, 409) },
        },
      },
      async (req) => snake(await remsim.reconcile(req.params.id, actorOf(req, 'admin'))),
    );
  };
}
