// The webhook admin API.
import { Type } from '@sinclair/typebox';
import { type App, actorOf } from '../../app/http.js';
import { scopeOf } from '../../app/route-guard.js';
import { Answer, errorResponses, Instant, Page, PageQuery } from '../../app/schemas.js';
import { EVENT_TYPE_FILTERS } from '../events/index.js';
import { DeliveryView, WebhookView, webhookFields } from './webhooks.schemas.js';
import type { WebhooksService } from './webhooks.usecases.js';

const PositiveId = Type.Integer({ minimum: 1, maximum: 2147483647 });
/** A type of the catalogue (GET /event-types), or a prefix of some ending in '.', as the stream takes. */
const EventType = Type.Union(
  EVENT_TYPE_FILTERS.map((t) => Type.Literal(t)),
  { description: "An event type of the catalogue (GET /event-types), or a prefix ending in '.' (client.)" },
);
const Body = Type.Object(
  {
    tenant_id: PositiveId,
    url: Type.String({
      minLength: 1,
      maxLength: 2000,
      description: 'http(s) URL; private and loopback hosts are refused unless allowed',
    }),
    secret: Type.Optional(Type.String({ minLength: 16, maxLength: 200, description: 'HMAC key; generated when absent' })),
    event_types: Type.Optional(Type.Array(EventType, { maxItems: 100, description: 'Empty: every event of the tenant' })),
    enabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
const Patch = Type.Object(
  {
    url: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
    secret: Type.Optional(Type.String({ minLength: 16, maxLength: 200 })),
    event_types: Type.Optional(Type.Array(EventType, { maxItems: 100 })),
    enabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
const Row = Type.Object({}, { additionalProperties: true });
const _List = Type.Object({ items: Type.Array(Row), total: Type.Integer(), limit: Type.Integer(), offset: Type.Integer() });
const IdParam = Type.Object({ id: PositiveId });

export function webhookRoutes(hooks: WebhooksService) {
  return async function routes(app: App) {
    const admin = (summary: string) => ({ tags: ['webhooks'], summary, security: [{ apiKey: [] }] });
    const ok = (item = Row) => ({ 200: item, ...errorResponses(400, 401, 404, 409) });
    app.get(
      '/webhooks',
      {
        config: { access: 'read', tenant: 'field' },
        schema: {
          operationId: 'listWebhooks',
          ...admin('List webhooks'),
          querystring: Type.Object({ ...PageQuery, tenant_id: Type.Optional(PositiveId) }),
          response: ok(Page(WebhookView)),
        },
      },
      async (req) => hooks.list(req.query, scopeOf(req)),
    );
    app.post(
      '/webhooks',
      {
        config: { access: 'manage', tenant: 'field' },
        schema: {
          operationId: 'createWebhook',
          ...admin('Create a webhook (the answer shows its secret once)'),
          body: Body,
          response: ok(Answer({ ...webhookFields(Instant), secret: Type.String({ description: 'Shown this once' }) })),
        },
      },
      async (req) => hooks.create(req.body, actorOf(req, 'admin'), scopeOf(req)),
    );
    app.get(
      '/webhooks/:id',
      {
        config: { access: 'read', tenant: 'webhook' },
        schema: { operationId: 'getWebhook', ...admin('A webhook'), params: IdParam, response: ok(WebhookView) },
      },
      async (req) => hooks.get(req.params.id),
    );
    app.patch(
      '/webhooks/:id',
      {
        config: { access: 'manage', tenant: 'webhook' },
        schema: {
          operationId: 'updateWebhook',
          ...admin('Change a webhook; enabling it again clears its failures'),
          params: IdParam,
          body: Patch,
          response: ok(WebhookView),
        },
      },
      async (req) => hooks.update(req.params.id, req.body, actorOf(req, 'admin')),
    );
    app.delete(
      '/webhooks/:id',
      {
        config: { access: 'manage', tenant: 'webhook' },
        schema: { operationId: 'deleteWebhook', ...admin('Delete a webhook'), params: IdParam, response: ok() },
      },
      async (req) => hooks.remove(req.params.id, actorOf(req, 'admin')),
    );
    app.get(
      '/webhooks/:id/deliveries',
      {
        config: { access: 'read', tenant: 'webhook' },
        schema: {
          operationId: 'listWebhookDeliveries',
          ...admin('The delivery log: status, attempts, status code, latency, error'),
          params: IdParam,
          querystring: Type.Object({
            ...PageQuery,
            status: Type.Optional(Type.Union(['pending', 'delivering', 'succeeded', 'dead'].map((s) => Type.Literal(s)))),
          }),
          response: ok(Page(DeliveryView)),
        },
      },
      async (req) => hooks.deliveries(req.params.id, req.query),
    );
    app.post(
      '/webhooks/:id/deliveries/:delivery_id/redeliver',
      {
        config: { access: 'operate', tenant: 'webhook' },
        schema: {
          operationId: 'redeliverWebhookDelivery',
          ...admin('Send a delivery again now'),
          params: Type.Object({ id: PositiveId, delivery_id: Type.Integer({ minimum: 1 }) }),
          response: ok(),
        },
      },
      async (req) => hooks.redeliver(req.params.id, req.params.delivery_id, actorOf(req, 'admin')),
    );
  };
}
