// GET /api-keys: the keys an operator holds (never the secret: its visible prefix only).
import { Type } from '@sinclair/typebox';
import type { App } from '../../app/http.js';
import { errorResponses, PageQuery } from '../../app/schemas.js';
import type { AuthService } from './auth.usecases.js';

const Key = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  prefix: Type.String(),
  role: Type.String(),
  tenant_id: Type.Union([Type.Integer(), Type.Null()]),
  created_at: Type.String(),
  last_used_at: Type.Union([Type.String(), Type.Null()]),
  expires_at: Type.Union([Type.String(), Type.Null()]),
  revoked_at: Type.Union([Type.String(), Type.Null()]),
});

export function authRoutes(auth: AuthService) {
  return async function routes(app: App) {
    app.get(
      '/api-keys',
      {
        schema: {
          tags: ['api-keys'],
          summary: 'API keys: name, visible prefix, role, last use (the key itself is shown only once, at creation)',
          security: [{ apiKey: [] }],
          querystring: Type.Object(PageQuery),
          response: {
            200: Type.Object({ items: Type.Array(Key), total: Type.Integer(), limit: Type.Integer(), offset: Type.Integer() }),
            ...errorResponses(400, 401),
          },
        },
      },
      async (req) => auth.list(req.query),
    );
  };
}
