// The KI proxy pool admin API.
import { type TSchema, Type } from '@sinclair/typebox';
import { type App, actorOf } from '../../app/http.js';
import { scopeOf } from '../../app/route-guard.js';
import { Answer, BankId, Deleted, errorResponses, MccMnc, PageQuery, SlotId } from '../../app/schemas.js';
import { PoolDetail, PoolPage, PoolView } from './ki-proxy.schemas.js';
import type { KiProxyService } from './ki-proxy.usecases.js';

/** The osmo-remsim-bankd command lines that serve a pool, one per segment. */
const BankdConfig = Answer({
  pool_id: Type.Integer(),
  pool_name: Type.String(),
  capacity: Type.Integer(),
  note: Type.Optional(Type.String({ description: 'What to know before running the lines (a bankd of another bank id …)' })),
  bankd_build: Type.String({
    description:
      'Which osmo-remsim-bankd runs these lines: -k, -S, -V and -C are the KI-proxy build’s options, not the stock bankd’s',
  }),
  lines: Type.Array(
    Answer({
      bank_id: Type.Integer(),
      args: Type.Array(Type.String(), { description: 'The arguments, one per element' }),
      command: Type.String({ description: 'The whole command line, to copy' }),
    }),
  ),
});

const Name = Type.String({ minLength: 1, maxLength: 100, pattern: '^[^\\x00-\\x1f]*$' });
const PositiveId = Type.Integer({ minimum: 1, maximum: 2147483647 });
const Segment = Type.Object(
  { bank_id: BankId, virtual_slot_start: SlotId, virtual_slot_end: SlotId },
  { additionalProperties: false, description: 'Virtual slots start..end of one (virtual) bank' },
);
const RoutingMode = Type.Union([Type.Literal('round-robin'), Type.Literal('least-used'), Type.Literal('random')], {
  description: 'How the KI-proxy bankd spreads authentication over the physical cards',
});
const PoolBody = Type.Object(
  {
    pool_name: Name,
    tenant_id: PositiveId,
    carrier: Type.Optional(Type.Union([Name, Type.Null()])),
    mcc_mnc: Type.Optional(MccMnc),
    bank_id: BankId,
    physical_slot_start: Type.Optional(SlotId),
    physical_slot_end: Type.Optional(SlotId),
    slot_range_start: Type.Optional(Type.Integer({ ...SlotId, description: 'The seeds’ name of physical_slot_start' })),
    slot_range_end: Type.Optional(Type.Integer({ ...SlotId, description: 'The seeds’ name of physical_slot_end' })),
    virtual_segments: Type.Optional(
      Type.Array(Segment, {
        minItems: 1,
        maxItems: 64,
        description: 'Default: one segment on the pool’s bank, from past its last slot and every other pool’s range up to 1023',
      }),
    ),
    routing_mode: Type.Optional(RoutingMode),
    max_virtual_sims: Type.Optional(Type.Integer({ minimum: 1, maximum: 1023 * 1024 })),
    enabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
const PoolPatch = Type.Object(
  {
    pool_name: Type.Optional(Name),
    carrier: Type.Optional(Type.Union([Name, Type.Null()])),
    physical_slot_start: Type.Optional(SlotId),
    physical_slot_end: Type.Optional(SlotId),
    virtual_segments: Type.Optional(Type.Array(Segment, { minItems: 1, maxItems: 64 })),
    routing_mode: Type.Optional(RoutingMode),
    max_virtual_sims: Type.Optional(Type.Integer({ minimum: 1, maximum: 1023 * 1024 })),
    enabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
const IdParam = Type.Object({ id: PositiveId });

export function kiProxyRoutes(pools: KiProxyService) {
  return async function routes(app: App) {
    const admin = (summary: string) => ({ tags: ['KI proxy pools'], summary, security: [{ apiKey: [] }] });
    const ok = <T extends TSchema>(item: T) => ({ 200: item, ...errorResponses(400, 401, 404, 409) });
    app.get(
      '/ki-proxy-pools',
      {
        config: { access: 'read', tenant: 'field' },
        schema: {
          operationId: 'listKiProxyPools',
          ...admin('List KI proxy pools with capacity and utilization'),
          querystring: Type.Object({
            ...PageQuery,
            tenant_id: Type.Optional(PositiveId),
            mcc_mnc: Type.Optional(MccMnc),
            enabled: Type.Optional(Type.Boolean()),
          }),
          response: ok(PoolPage),
        },
      },
      async (req) => pools.list(req.query, scopeOf(req)),
    );
    app.post(
      '/ki-proxy-pools',
      {
        config: { access: 'manage', tenant: 'field', references: { bank_id: 'bank', 'virtual_segments[].bank_id': 'bank' } },
        schema: {
          operationId: 'createKiProxyPool',
          ...admin('Create a KI proxy pool'),
          body: PoolBody,
          response: ok(PoolDetail),
        },
      },
      async (req) => pools.create(req.body, actorOf(req, 'admin'), scopeOf(req)),
    );
    app.get(
      '/ki-proxy-pools/:id',
      {
        config: { access: 'read', tenant: 'pool' },
        schema: {
          operationId: 'getKiProxyPool',
          ...admin('A pool with its physical SIMs and utilization'),
          params: IdParam,
          response: ok(PoolDetail),
        },
      },
      async (req) => pools.get(req.params.id),
    );
    app.patch(
      '/ki-proxy-pools/:id',
      {
        config: { access: 'manage', tenant: 'pool', references: { 'virtual_segments[].bank_id': 'bank' } },
        schema: {
          operationId: 'updateKiProxyPool',
          ...admin('Enable/disable, capacity, routing mode, ranges'),
          params: IdParam,
          body: PoolPatch,
          response: ok(PoolView),
        },
      },
      async (req) => pools.update(req.params.id, req.body, actorOf(req, 'admin')),
    );
    app.delete(
      '/ki-proxy-pools/:id',
      {
        config: { access: 'manage', tenant: 'pool' },
        schema: {
          operationId: 'deleteKiProxyPool',
          ...admin('Delete a pool that serves no active virtual SIM'),
          params: IdParam,
          response: ok(Deleted),
        },
      },
      async (req) => pools.remove(req.params.id, actorOf(req, 'admin')),
    );
    app.get(
      '/ki-proxy-pools/:id/bankd-config',
      {
        config: { access: 'read', tenant: 'pool' },
        schema: {
          operationId: 'getKiProxyPoolBankdConfig',
          ...admin('osmo-remsim-bankd arguments matching the pool, one line per segment'),
          params: IdParam,
          response: ok(BankdConfig),
        },
      },
      async (req) => pools.bankdConfig(req.params.id),
    );
  };
}
