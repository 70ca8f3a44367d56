// Usage API: what a card, a client and a tenant used, per day and per billing cycle, and exports.
import { Readable } from 'node:stream';
import { Type } from '@sinclair/typebox';
import type { App } from '../../app/http.js';
import { scopeOf } from '../../app/route-guard.js';
import { BankId, ClientId, errorResponses, PageQuery, SlotId, TenantId } from '../../app/schemas.js';
import { pageOf } from '../../domain/pagination.js';
import { CardUsage, ClientUsage, CycleReport, DayText, UsageReport } from './usage.schemas.js';
import type { UsageService } from './usage.usecases.js';

const GroupBy = Type.Union([Type.Literal('card'), Type.Literal('client'), Type.Literal('tenant'), Type.Literal('day')], {
  default: 'card',
  description: 'One row per card (bank slot or KI virtual slot), client, tenant or UTC day',
});
const Range = {
  from: Type.Optional({ ...DayText, description: 'First UTC day (default: 31 days before to)' }),
  to: Type.Optional({ ...DayText, description: 'Last UTC day, included (default: today)' }),
};
const ReportFilter = {
  ...Range,
  group_by: Type.Optional(GroupBy),
  tenant_id: Type.Optional(TenantId),
  client_id: Type.Optional(ClientId),
  bank_id: Type.Optional(BankId),
};
const CycleFilter = {
  day: Type.Optional({ ...DayText, description: 'A day of the cycles wanted (default: today): each card’s own cycle' }),
  cycle_group_by: Type.Optional(
    Type.Union([Type.Literal('card'), Type.Literal('client'), Type.Literal('tenant'), Type.Literal('group')], {
      default: 'card',
      description:
        'One row per card, or summed per client (the card’s last), tenant or group (a card in several groups counts in each), per currency',
    }),
  ),
  tenant_id: Type.Optional(TenantId),
  bank_id: Type.Optional(BankId),
};

export function usageRoutes(usage: UsageService) {
  return async function routes(app: App) {
    const admin = (summary: string) => ({ tags: ['usage'], summary, security: [{ apiKey: [] }] });
    app.get(
      '/usage',
      {
        config: { access: 'read', tenant: 'field' },
        schema: {
          operationId: 'getUsageReport',
          ...admin('Usage over a range of days, per card, client, tenant or day, largest first'),
          querystring: Type.Object({ ...PageQuery, ...ReportFilter }),
          response: { 200: UsageReport, ...errorResponses(400, 401) },
        },
      },
      async (req) => {
        const { limit, offset, ...q } = req.query;
        return usage.report(q, pageOf({ limit, offset }), scopeOf(req));
      },
    );
    app.get(
      '/usage/cycles',
      {
        config: { access: 'read', tenant: 'field' },
        schema: {
          operationId: 'getUsageCycles',
          ...admin('Each card’s usage and cost in its billing cycle (of its plan) holding a day, or per client or tenant'),
          querystring: Type.Object({ ...PageQuery, ...CycleFilter }),
          response: { 200: CycleReport, ...errorResponses(400, 401) },
        },
      },
      async (req) => {
        const { limit, offset, ...q } = req.query;
        return usage.cycles(q, pageOf({ limit, offset }), scopeOf(req));
      },
    );
    app.get(
      '/exports/usage',
      {
        config: { access: 'read', tenant: 'field' },
        schema: {
          operationId: 'exportUsage',
          ...admin('Every row of a usage report (kind=report) or cycle report (kind=cycles), as CSV or JSON (a download)'),
          querystring: Type.Object({
            ...ReportFilter,
            day: CycleFilter.day,
            cycle_group_by: CycleFilter.cycle_group_by,
            kind: Type.Optional(Type.Union([Type.Literal('report'), Type.Literal('cycles')], { default: 'report' })),
            format: Type.Optional(Type.Union([Type.Literal('csv'), Type.Literal('json')], { default: 'csv' })),
          }),
        },
      },
      async (req, reply) => {
        const { format = 'csv', kind = 'report', ...q } = req.query;
        const scope = scopeOf(req);
        // A bad range is a 400 before the download starts.
        usage.checkRange(kind, q);
        const stamp = new Date().toISOString().replace(/[:.]/g, '-');
        reply
          .type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8')
          .header('content-disposition', `attachment; filename="ionmesh-usage-${kind}-${stamp}.${format}"`);
        return reply.send(Readable.from(usage.export(kind, q, format, scope)));
      },
    );
    app.get(
      '/usage/cards/:bank_id/:slot_id',
      {
        config: { access: 'read', tenant: 'slot' },
        schema: {
          operationId: 'getCardUsage',
          ...admin('A card’s usage: its plan and current cycle, its days (default: this cycle) and last cycles'),
          params: Type.Object({ bank_id: BankId, slot_id: SlotId }),
          querystring: Type.Object(Range),
          response: { 200: CardUsage, ...errorResponses(400, 401, 404) },
        },
      },
      async (req) => usage.card(req.params.bank_id, req.params.slot_id, req.query),
    );
    app.get(
      '/usage/clients/:client_id',
      {
        config: { access: 'read', tenant: 'field' },
        schema: {
          operationId: 'getClientUsage',
          ...admin('A client’s usage per day and card, and its card’s current cycle (not_reported: it never sent counters)'),
          params: Type.Object({ client_id: ClientId }),
          querystring: Type.Object({ ...Range, tenant_id: Type.Optional(TenantId) }),
          response: { 200: ClientUsage, ...errorResponses(400, 401, 404) },
        },
      },
      async (req) => usage.client(req.params.client_id, scopeOf(req), req.query.tenant_id, req.query),
    );
  };
}
