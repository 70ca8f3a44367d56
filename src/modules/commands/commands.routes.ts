// Commands: queued and listed under the admin API, acknowledged under the client API.
import { Type } from '@sinclair/typebox';
import { type App, actorOf } from '../../app/http.js';
import { ClientId, errorResponses, JsonObject, PageQuery, TenantId } from '../../app/schemas.js';
import type { AuthService } from '../auth/auth.usecases.js';
import { assertDocumentSizes, CommandResult } from '../clients/client-documents.js';
import { callerOf } from '../clients/clients.routes.js';
import type { ClientsService } from '../clients/clients.usecases.js';
import { COMMAND_TYPES } from './commands.table.js';
import type { CommandsService } from './commands.usecases.js';

const Row = Type.Object({}, { additionalProperties: true });
const List = Type.Object({ items: Type.Array(Row), total: Type.Integer(), limit: Type.Integer(), offset: Type.Integer() });
const Status = Type.Union(['pending', 'delivered', 'acknowledged', 'failed', 'expired'].map((s) => Type.Literal(s)));

export function commandAdminRoutes(commands: CommandsService) {
  return async function routes(app: App) {
    const admin = (summary: string) => ({ tags: ['commands'], summary, security: [{ apiKey: [] }] });
    app.post(
      '/clients/:client_id/commands',
      {
        config: { access: 'operate', tenant: 'field' },
        schema: {
          operationId: 'queueClientCommand',
          ...admin('Queue a command for a client that heartbeats (delivered in its next heartbeat answer)'),
          params: Type.Object({ client_id: ClientId }),
          body: Type.Object(
            {
              tenant_id: Type.Optional(TenantId),
              type: Type.Union(COMMAND_TYPES.map((t) => Type.Literal(t))),
              payload: Type.Optional(JsonObject),
              expires_in_sec: Type.Optional(Type.Integer({ minimum: 10, maximum: 7 * 86_400, default: 3600 })),
            },
            { additionalProperties: false },
          ),
          response: { 200: Row, ...errorResponses(400, 401, 404, 409) },
        },
      },
      async (req) => commands.queue(req.params.client_id, req.body, actorOf(req, 'admin')),
    );
    app.get(
      '/clients/:client_id/commands',
      {
        config: { access: 'read', tenant: 'field' },
        schema: {
          operationId: 'listClientCommands',
          ...admin('A client’s commands with their status'),
          params: Type.Object({ client_id: ClientId }),
          querystring: Type.Object({ ...PageQuery, status: Type.Optional(Status), tenant_id: Type.Optional(TenantId) }),
          response: { 200: List, ...errorResponses(400, 401) },
        },
      },
      async (req) => commands.list(req.params.client_id, req.query),
    );
  };
}

/** The client side of commands: acknowledging one takes the same proof as an unregister. */
export function commandClientRoutes(
  commands: CommandsService,
  guard: { clients: ClientsService; auth: AuthService; mutualTls: boolean },
) {
  return async function routes(app: App) {
    app.post(
      '/commands/:id/ack',
      {
        schema: {
          operationId: 'acknowledgeCommand',
          tags: ['client API'],
          summary: 'Acknowledge a command (also possible with acks in a heartbeat)',
          params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
          body: Type.Object(
            {
              client_id: ClientId,
              status: Type.Optional(Type.Union([Type.Literal('ok'), Type.Literal('failed')])),
              result: Type.Optional(CommandResult),
            },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({ status: Type.Literal('ok'), command_id: Type.Integer(), command_status: Type.String() }),
            ...errorResponses(400, 401, 403, 404, 413),
          },
        },
      },
      async (req) => {
        assertDocumentSizes({ result: req.body.result });
        const caller = await callerOf(req, guard.auth, { mutualTls: guard.mutualTls, clientId: req.body.client_id });
        await guard.clients.authorizeClientCall(
          req.body.client_id,
          null,
          caller,
          actorOf(req, `client:${req.body.client_id}`),
          'ack',
        );
        return commands.acknowledge(req.body.client_id, req.params.id, req.body.status !== 'failed', req.body.result);
      },
    );
  };
}
