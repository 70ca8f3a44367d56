// The audit log, read-only.
import { Type } from '@sinclair/typebox';
import type { Database } from '../../app/database.js';
import type { App } from '../../app/http.js';
import { scopeOf } from '../../app/route-guard.js';
import { Answer, DateTimeText, errorResponses, Nullable, Page, PageQuery } from '../../app/schemas.js';
import { snake } from '../../app/snake.js';
import { invalid } from '../../domain/errors.js';
import { listAudit } from './audit.repository.js';
import { AUDIT_ACTION_NAMES, AUDIT_ACTIONS } from './audit-actions.js';

const AuditQuery = Type.Object({
  ...PageQuery,
  tenant_id: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647 })),
  entity_type: Type.Optional(Type.String({ maxLength: 64 })),
  entity_id: Type.Optional(Type.String({ maxLength: 300 })),
  entity_ids: Type.Optional(
    Type.String({
      maxLength: 8000,
      description:
        'Comma-separated entity ids (at most 50): the trail of several objects in one page, e.g. every profile of a client',
    }),
  ),
  action: Type.Optional(
    Type.Union(
      AUDIT_ACTION_NAMES.map((a) => Type.Literal(a)),
      { description: 'An audit action of the catalogue (GET /audit-actions)' },
    ),
  ),
  since: Type.Optional(DateTimeText),
  until: Type.Optional(DateTimeText),
});

/** One entry of the audit trail: who asked for what, on which object, from where. */
const AuditEntry = Answer({
  id: Type.Integer(),
  tenant_id: Nullable(Type.Integer()),
  actor: Type.String({ description: 'admin, key:<id>, client:<client id>, cli …' }),
  action: Type.String({ description: 'An action of the catalogue (GET /audit-actions)' }),
  entity_type: Type.String(),
  entity_id: Type.String(),
  before: Type.Unknown(),
  after: Type.Unknown(),
  source_ip: Nullable(Type.String()),
  request_id: Nullable(Type.String()),
  created_at: Type.String({ format: 'date-time' }),
});

export function auditRoutes(db: Database) {
  return async function routes(app: App) {
    app.get(
      '/audit-actions',
      {
        config: { access: 'read', tenant: 'none' },
        schema: {
          operationId: 'listAuditActions',
          tags: ['audit'],
          summary: 'The catalogue of audit actions, each with the domain event of the same change when there is one',
          security: [{ apiKey: [] }],
          response: {
            200: Type.Object({
              items: Type.Array(
                Type.Object({
                  action: Type.String(),
                  event: Type.Union([Type.String(), Type.Null()]),
                  description: Type.String(),
                }),
              ),
            }),
            ...errorResponses(401),
          },
        },
      },
      async () => ({ items: [...AUDIT_ACTIONS] }),
    );
    app.get(
      '/audit-log',
      {
        config: { access: 'read', tenant: 'field' },
        schema: {
          operationId: 'listAuditLog',
          tags: ['audit'],
          summary: 'Audit log, newest first',
          security: [{ apiKey: [] }],
          querystring: AuditQuery,
          response: {
            200: Page(AuditEntry),
            ...errorResponses(400, 401),
          },
        },
      },
      async (req) => {
        const { entity_ids, ...filter } = req.query;
        const ids = entity_ids?.split(',');
        if (ids && (ids.length > 50 || ids.some((id) => !id || id.length > 300)))
          throw invalid('entity_ids: at most 50 comma-separated ids', { field: 'entity_ids' });
        return snake(await db.run((h) => listAudit(h, { ...filter, ...(ids ? { entity_ids: ids } : {}) }, scopeOf(req))));
      },
    );
  };
}
