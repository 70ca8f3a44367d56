// API keys over the API: list, create (the key is in that answer only), revoke; and who am I.
import { Type } from '@sinclair/typebox';
import { type App, actorOf } from '../../app/http.js';
import { scopeOf } from '../../app/route-guard.js';
import { DateTimeText, errorResponses, PageQuery } from '../../app/schemas.js';
import { ACCESS, grantsOf, ROLES } from '../../domain/roles.js';
import type { AuthService } from './auth.usecases.js';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const Key = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  prefix: Type.String({ description: 'The first 12 characters of the key, to recognise it' }),
  role: Type.String(),
  tenant_id: Type.Union([Type.Integer(), Type.Null()]),
  created_at: Type.String(),
  last_used_at: Nullable(Type.String()),
  expires_at: Nullable(Type.String()),
  revoked_at: Nullable(Type.String()),
});
const NewKeyBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200, pattern: '^[^\\x00-\\x1f]*$' }),
    role: Type.Union(ROLES.map((r) => Type.Literal(r))),
    tenant_id: Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: 2147483647 }), Type.Null()])),
    expires_at: Type.Optional(Type.Union([DateTimeText, Type.Null()])),
  },
  { additionalProperties: false },
);

export function authRoutes(auth: AuthService) {
  return async function routes(app: App) {
    const tags = ['api-keys'];
    const security = [{ apiKey: [] }];
    app.get(
      '/api-keys',
      {
        config: { access: 'manage', tenant: 'handler' },
        schema: {
          operationId: 'listApiKeys',
          tags,
          security,
          summary: 'API keys: name, visible prefix, role, last use (the key itself is shown only once, at creation)',
          querystring: Type.Object(PageQuery),
          response: {
            200: Type.Object({ items: Type.Array(Key), total: Type.Integer(), limit: Type.Integer(), offset: Type.Integer() }),
            ...errorResponses(400, 401, 403),
          },
        },
      },
      async (req) => auth.list(req.query, scopeOf(req)),
    );
    app.post(
      '/api-keys',
      {
        config: { access: 'manage', tenant: 'field' },
        schema: {
          operationId: 'createApiKey',
          tags,
          security,
          summary: 'Create an API key with a role; the answer holds the key, shown this once',
          body: NewKeyBody,
          response: { 201: Type.Intersect([Key, Type.Object({ key: Type.String() })]), ...errorResponses(400, 401, 403, 501) },
        },
      },
      async (req, reply) => reply.code(201).send(await auth.create(req.body, actorOf(req, 'admin'), scopeOf(req))),
    );
    app.delete(
      '/api-keys/:id',
      {
        config: { access: 'manage', tenant: 'apiKey' },
        schema: {
          operationId: 'revokeApiKey',
          tags,
          security,
          summary: 'Revoke an API key (at once, for every process); the last active admin key cannot be revoked',
          params: Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2147483647 }) }),
          response: { 200: Key, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (req) => auth.revoke(req.params.id, actorOf(req, 'admin')),
    );
    app.get(
      '/auth/whoami',
      {
        config: { access: 'self', tenant: 'none' },
        schema: {
          operationId: 'whoami',
          tags,
          security,
          summary: 'The key that asks: its id, name, prefix, role, tenant and what the role may do',
          response: {
            200: Type.Object({
              key_id: Type.Integer(),
              name: Type.String(),
              prefix: Type.String(),
              role: Type.String(),
              tenant_id: Type.Union([Type.Integer(), Type.Null()]),
              access: Type.Array(Type.Union(ACCESS.map((a) => Type.Literal(a)))),
            }),
            ...errorResponses(401),
          },
        },
      },
      async (req) => {
        const p = req.principal as NonNullable<typeof req.principal>;
        return { key_id: p.keyId, name: p.name, prefix: p.prefix, role: p.role, tenant_id: p.tenantId, access: grantsOf(p.role) };
      },
    );
  };
}
