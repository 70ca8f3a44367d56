// Commands: queued and listed under the admin API (the client API's acknowledgement is the
// clients module's: it takes the same proof as every client call).
import { Type } from '@sinclair/typebox';
import { type App, actorOf } from '../../app/http.js';
import { scopeOf } from '../../app/route-guard.js';
import { ClientId, errorResponses, JsonObject, Page, PageQuery, TenantId } from '../../app/schemas.js';
import { COMMAND_STATUSES, CommandView } from './commands.schemas.js';
import { COMMAND_TYPES } from './commands.table.js';
import type { CommandsService } from './commands.usecases.js';

const List = Page(CommandView);
const Status = Type.Union(COMMAND_STATUSES.map((s) => Type.Literal(s)));

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
          response: { 200: CommandView, ...errorResponses(400, 401, 404, 409) },
        },
      },
      async (req) => commands.queue(req.params.client_id, req.body, actorOf(req, 'admin'), scopeOf(req)),
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
      async (req) => commands.list(req.params.client_id, req.query, scopeOf(req)),
    );
  };
}
