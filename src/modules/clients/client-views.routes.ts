// The admin API's views of clients: the list, the export (CSV or JSON, streamed) and one client's
// profile, history and health log.
import { Readable } from 'node:stream';
import { Type } from '@sinclair/typebox';
import type { App } from '../../app/http.js';
import { scopeOf } from '../../app/route-guard.js';
import { BankId, ClientId, errorResponses, MappingMode, PageQuery, TenantId } from '../../app/schemas.js';
import { snake } from '../../app/snake.js';
import { CLIENT_SORTS } from './client-views.repository.js';
import { ClientDetail, ClientPage } from './client-views.schemas.js';
import type { ClientViews } from './client-views.usecases.js';

const PositiveId = Type.Integer({ minimum: 1, maximum: 2147483647 });

export function clientViewRoutes(views: ClientViews) {
  return async function routes(app: App) {
    const admin = (tag: string, summary: string) => ({ tags: [tag], summary, security: [{ apiKey: [] }] });
    const ok = <T extends import('@sinclair/typebox').TSchema>(item: T) => ({ 200: item, ...errorResponses(400, 401, 404, 409) });

    // --- clients (service profiles)
    const ClientQuery = Type.Object({
      ...PageQuery,
      tenant_id: Type.Optional(PositiveId),
      status: Type.Optional(
        Type.Union([Type.Literal('online'), Type.Literal('offline'), Type.Literal('unknown')], { description: 'liveness' }),
      ),
      mapping_mode: Type.Optional(MappingMode),
      profile_status: Type.Optional(Type.Union([Type.Literal('ACTIVE'), Type.Literal('DEACTIVATED')])),
      bank_id: Type.Optional(BankId),
      client_id: Type.Optional(ClientId),
      carrier: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'carrier name or MCC+MNC of the card' })),
      q: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'part of the client id, ICCID or IMSI' })),
      sort: Type.Optional(Type.Union(CLIENT_SORTS.map((s) => Type.Literal(s)))),
      order: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')])),
    });
    app.get(
      '/clients',
      {
        config: { access: 'read', tenant: 'field' },
        schema: {
          operationId: 'listClients',
          ...admin('clients', 'List service profiles (active by default)'),
          querystring: ClientQuery,
          response: ok(ClientPage),
        },
      },
      async (req) => snake(await views.list(req.query, scopeOf(req))),
    );
    const { limit: _l, offset: _o, ...ExportFilter } = ClientQuery.properties;
    app.get(
      '/exports/clients',
      {
        config: { access: 'read', tenant: 'field' },
        schema: {
          operationId: 'exportClients',
          ...admin('clients', 'Every client of the filter, as CSV or JSON (a download, streamed)'),
          querystring: Type.Object({
            ...ExportFilter,
            format: Type.Optional(Type.Union([Type.Literal('csv'), Type.Literal('json')], { default: 'csv' })),
          }),
        },
      },
      async (req, reply) => {
        const { format = 'csv', ...filter } = req.query;
        const stamp = new Date().toISOString().replace(/[:.]/g, '-');
        reply
          .type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8')
          .header('content-disposition', `attachment; filename="ionmesh-clients-${stamp}.${format}"`);
        return reply.send(Readable.from(views.export(filter, format, scopeOf(req))));
      },
    );
    app.get(
      '/clients/:client_id',
      {
        config: { access: 'read', tenant: 'field' },
        schema: {
          operationId: 'getClient',
          ...admin('clients', 'A client’s profile, history and health log'),
          params: Type.Object({ client_id: ClientId }),
          querystring: Type.Object({ tenant_id: Type.Optional(TenantId) }),
          response: ok(ClientDetail),
        },
      },
      async (req) => snake(await views.get(req.params.client_id, req.query.tenant_id, scopeOf(req))),
    );
  };
}
