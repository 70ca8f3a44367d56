// GET /fleet/overview: the console's front page in one request.
import { Type } from '@sinclair/typebox';
import type { App } from '../../app/http.js';
import { scopeOf } from '../../app/route-guard.js';
import { errorResponses, TenantId } from '../../app/schemas.js';
import { FleetOverview } from './fleet.schemas.js';
import type { FleetService } from './fleet.usecases.js';

export function fleetRoutes(fleet: FleetService) {
  return async function routes(app: App) {
    app.get(
      '/fleet/overview',
      {
        config: { access: 'read', tenant: 'field' },
        schema: {
          operationId: 'getFleetOverview',
          tags: ['fleet'],
          summary: 'Client counts by liveness, tenant, mode and carrier; banks, KI pools, remsim-servers; alerts',
          security: [{ apiKey: [] }],
          querystring: Type.Object({ tenant_id: Type.Optional(TenantId) }),
          response: { 200: FleetOverview, ...errorResponses(400, 401) },
        },
      },
      async (req) => fleet.overview(scopeOf(req), req.query.tenant_id),
    );
  };
}
