// Stats history API: one client's series and the fleet aggregates, for graphs.
import { Type } from '@sinclair/typebox';
import type { App } from '../../app/http.js';
import { scopeOf } from '../../app/route-guard.js';
import { ClientId, DateTimeText, errorResponses, TenantId } from '../../app/schemas.js';
import { STATS_RANGES, type StatsRange } from '../../domain/stats-range.js';
import type { StatsService } from './stats.usecases.js';

const Range = Type.Union(
  Object.keys(STATS_RANGES).map((r) => Type.Literal(r)),
  { default: '24h', description: 'Window ending now: 1h and 24h from raw samples, 7d and 30d from 5-minute rollups' },
);
const Points = Type.Integer({ minimum: 10, maximum: 5000, default: 720, description: 'Most buckets to return' });
const Series = Type.Object(
  {
    range: Type.String(),
    from: DateTimeText,
    to: DateTimeText,
    step_sec: Type.Integer(),
    source: Type.Union([Type.Literal('raw'), Type.Literal('rollup')]),
    series: Type.Record(Type.String(), Type.Array(Type.Union([Type.Number(), Type.Null()])), {
      description: 't (epoch seconds) and one array per metric, aligned',
    }),
  },
  { additionalProperties: true },
);

export function statsRoutes(stats: StatsService) {
  return async function routes(app: App) {
    const admin = (summary: string) => ({ tags: ['stats'], summary, security: [{ apiKey: [] }] });
    app.get(
      '/clients/:client_id/stats',
      {
        config: { access: 'read', tenant: 'field' },
        schema: {
          operationId: 'getClientStats',
          ...admin('A client’s signal and counters over time (averaged per bucket; counters as last seen)'),
          params: Type.Object({ client_id: ClientId }),
          querystring: Type.Object({
            range: Type.Optional(Range),
            tenant_id: Type.Optional(TenantId),
            points: Type.Optional(Points),
          }),
          response: { 200: Series, ...errorResponses(400, 401, 404) },
        },
      },
      async (req) =>
        stats.clientSeries(
          req.params.client_id,
          (req.query.range ?? '24h') as StatsRange,
          scopeOf(req),
          req.query.tenant_id,
          req.query.points,
        ),
    );
    app.get(
      '/stats/fleet',
      {
        config: { access: 'read', tenant: 'field' },
        schema: {
          operationId: 'getFleetStats',
          ...admin('Fleet aggregates per 5-minute bucket or coarser: clients reporting and average signal'),
          querystring: Type.Object({
            range: Type.Optional(Range),
            tenant_id: Type.Optional(TenantId),
            points: Type.Optional(Points),
          }),
          response: { 200: Series, ...errorResponses(400, 401) },
        },
      },
      async (req) =>
        stats.fleetSeries((req.query.range ?? '24h') as StatsRange, scopeOf(req), req.query.tenant_id, req.query.points),
    );
    app.get(
      '/stats/storage',
      {
        config: { access: 'admin', tenant: 'global' },
        schema: {
          operationId: 'getStatsStorage',
          ...admin('Rows and bytes of the stats tables, and the rollup watermark'),
          response: { 200: Type.Object({}, { additionalProperties: true }), ...errorResponses(401) },
        },
      },
      async () => stats.storage(),
    );
  };
}
