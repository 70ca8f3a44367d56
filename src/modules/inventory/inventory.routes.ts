// The inventory admin API: tenants, bankd instances, banks, slots, SIM import.
import { type TSchema, Type } from '@sinclair/typebox';
import { type App, actorOf } from '../../app/http.js';
import { scopeOf } from '../../app/route-guard.js';
import {
  BankdEndpoint,
  BankId,
  Deleted,
  errorResponses,
  Iccid,
  Imsi,
  MccMnc,
  Page,
  PageQuery,
  SlotId,
} from '../../app/schemas.js';
import { snake } from '../../app/snake.js';
import { ENROLLMENT_MODES } from '../../domain/enrollment.js';
import { BankdPage, BankdView, BankPage, BankView, SlotDetail, SlotView, TenantPage, TenantView } from './inventory.schemas.js';
import type { InventoryService } from './inventory.usecases.js';

const Name = Type.String({ minLength: 1, maxLength: 200, pattern: '^[^\\x00-\\x1f]*$' });
const PositiveId = Type.Integer({ minimum: 1, maximum: 2147483647 });
const RemsimUrl = Type.Union([Type.String({ minLength: 1, maxLength: 300 }), Type.Null()], {
  description: 'REST base URL of the remsim-server that maps this bankd (no port means 9997); added to the inventory when new',
});
const BankStatus = Type.Union([Type.Literal('active'), Type.Literal('offline'), Type.Literal('disabled')]);
const SlotStatusFilter = Type.Union(['available', 'assigned', 'faulty', 'disabled'].map((s) => Type.Literal(s)));
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

const Enrollment = {
  enrollment_mode: Type.Optional(
    Type.Union(
      ENROLLMENT_MODES.map((m) => Type.Literal(m)),
      {
        description:
          'Who may register keyless clients: open (anyone), cidr (from enrollment_cidrs), key (client API keys only; the default)',
      },
    ),
  ),
  enrollment_cidrs: Type.Optional(
    Type.Array(Type.String({ minLength: 3, maxLength: 64 }), {
      maxItems: 256,
      description: 'Networks allowed in cidr mode, e.g. 10.20.0.0/16',
    }),
  ),
  bind_client_source: Type.Optional(
    Type.Boolean({
      description: 'Heartbeats and unregistrations of a keyless client only from the address it registered from (default true)',
    }),
  ),
  move_on_config_mismatch: Type.Optional(
    Type.Boolean({
      description:
        'A client that registers again asking for another mapping mode or MCC/MNC than it holds is moved to a matching card (default false: it keeps its assignment and the mismatch is recorded)',
    }),
  ),
};
const TenantBody = Type.Object({ id: Type.Optional(PositiveId), name: Name, ...Enrollment }, { additionalProperties: false });
const TenantPatch = Type.Object({ name: Type.Optional(Name), ...Enrollment }, { additionalProperties: false, minProperties: 1 });
const BankdBody = Type.Object(
  {
    name: Name,
    endpoint: BankdEndpoint,
    remsim_server_id: Type.Optional(Nullable(PositiveId)),
    remsim_server_url: Type.Optional(RemsimUrl),
    status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('disabled')])),
  },
  { additionalProperties: false },
);
const BankBody = Type.Object(
  {
    bank_id: BankId,
    name: Name,
    tenant_id: PositiveId,
    bankd_instance_id: Type.Optional(Nullable(PositiveId)),
    status: Type.Optional(BankStatus),
    slot_count: Type.Optional(Type.Integer({ minimum: 0, maximum: 1024, description: 'Creates slots 0..slot_count-1' })),
    unknown_cards_present: Type.Optional(
      Type.Boolean({
        description:
          'The bankd has cards IonMesh has no data for: its slots without a known card are assignable. Off (default): such a slot is `empty` until a card is imported or set',
      }),
    ),
  },
  { additionalProperties: false },
);
const SlotBody = Type.Object(
  {
    iccid: Type.Optional(Nullable(Iccid)),
    imsi: Type.Optional(Nullable(Imsi)),
    carrier: Type.Optional(Nullable(Name)),
    mcc_mnc: Type.Optional(Nullable(MccMnc)),
    card_type: Type.Optional(Type.Union([Type.Literal('REGULAR'), Type.Literal('KI_PROXY_MASTER'), Type.Literal('VIRTUAL')])),
    reader_name: Type.Optional(Nullable(Name)),
    status: Type.Optional(Type.Union([Type.Literal('available'), Type.Literal('faulty'), Type.Literal('disabled')])),
    health_status: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]{1,32}$' })),
  },
  { additionalProperties: false, minProperties: 1 },
);
const ImportAnswer = Type.Object({
  status: Type.Literal('success'),
  format: Type.String(),
  rows: Type.Integer(),
  created: Type.Integer(),
  updated: Type.Integer(),
  replaced_in_use: Type.Integer({ description: 'Cards replaced in slots that routers hold (replace_cards_in_use=true)' }),
});

const IdParam = Type.Object({ id: PositiveId });
const BankParam = Type.Object({ bank_id: BankId });

export function inventoryRoutes(inventory: InventoryService) {
  return async function routes(app: App) {
    const admin = (tag: string, summary: string) => ({ tags: [tag], summary, security: [{ apiKey: [] }] });
    const ok = <T extends TSchema>(item: T) => ({ 200: item, ...errorResponses(400, 401, 404, 409) });

    // --- tenants
    app.get(
      '/tenants',
      {
        config: { access: 'read', tenant: 'handler' },
        schema: {
          operationId: 'listTenants',
          ...admin('tenants', 'List tenants'),
          querystring: Type.Object(PageQuery),
          response: ok(TenantPage),
        },
      },
      async (req) => snake(await inventory.tenants.list(req.query, scopeOf(req))),
    );
    app.post(
      '/tenants',
      {
        config: { access: 'admin', tenant: 'global', references: { id: 'new' } },
        schema: {
          operationId: 'createTenant',
          ...admin('tenants', 'Create a tenant'),
          body: TenantBody,
          response: ok(TenantView),
        },
      },
      async (req) => snake(await inventory.tenants.create(req.body, actorOf(req, 'admin'))),
    );
    app.get(
      '/tenants/:id',
      {
        config: { access: 'read', tenant: 'tenant' },
        schema: { operationId: 'getTenant', ...admin('tenants', 'Get a tenant'), params: IdParam, response: ok(TenantView) },
      },
      async (req) => snake(await inventory.tenants.get(req.params.id)),
    );
    app.patch(
      '/tenants/:id',
      {
        config: { access: 'manage', tenant: 'tenant' },
        schema: {
          operationId: 'updateTenant',
          ...admin('tenants', 'Rename a tenant, or change how it enrolls clients'),
          params: IdParam,
          body: TenantPatch,
          response: ok(TenantView),
        },
      },
      async (req) => snake(await inventory.tenants.update(req.params.id, req.body, actorOf(req, 'admin'))),
    );
    app.delete(
      '/tenants/:id',
      {
        config: { access: 'admin', tenant: 'tenant' },
        schema: {
          operationId: 'deleteTenant',
          ...admin('tenants', 'Delete an unused tenant'),
          params: IdParam,
          response: ok(Deleted),
        },
      },
      async (req) => inventory.tenants.delete(req.params.id, actorOf(req, 'admin')),
    );

    // --- bankd instances
    app.get(
      '/bankd-instances',
      {
        config: { access: 'read', tenant: 'handler' },
        schema: {
          operationId: 'listBankdInstances',
          ...admin('bankd instances', 'List bankd instances'),
          querystring: Type.Object(PageQuery),
          response: ok(BankdPage),
        },
      },
      async (req) => snake(await inventory.bankds.list(req.query, scopeOf(req))),
    );
    app.post(
      '/bankd-instances',
      {
        config: { access: 'admin', tenant: 'global', references: { remsim_server_id: 'remsimServer' } },
        schema: {
          operationId: 'createBankdInstance',
          ...admin('bankd instances', 'Create a bankd instance'),
          body: BankdBody,
          response: ok(BankdView),
        },
      },
      async (req) => snake(await inventory.bankds.create(req.body, actorOf(req, 'admin'))),
    );
    app.get(
      '/bankd-instances/:id',
      {
        config: { access: 'read', tenant: 'bankd' },
        schema: {
          operationId: 'getBankdInstance',
          ...admin('bankd instances', 'Get a bankd instance'),
          params: IdParam,
          response: ok(BankdView),
        },
      },
      async (req) => snake(await inventory.bankds.get(req.params.id)),
    );
    app.patch(
      '/bankd-instances/:id',
      {
        config: { access: 'admin', tenant: 'bankd', references: { remsim_server_id: 'remsimServer' } },
        schema: {
          operationId: 'updateBankdInstance',
          ...admin('bankd instances', 'Update a bankd instance'),
          params: IdParam,
          body: Type.Partial(BankdBody, { additionalProperties: false, minProperties: 1 }),
          response: ok(BankdView),
        },
      },
      async (req) => snake(await inventory.bankds.update(req.params.id, req.body, actorOf(req, 'admin'))),
    );
    app.delete(
      '/bankd-instances/:id',
      {
        config: { access: 'admin', tenant: 'bankd' },
        schema: {
          operationId: 'deleteBankdInstance',
          ...admin('bankd instances', 'Delete a bankd instance that serves no bank'),
          params: IdParam,
          response: ok(Deleted),
        },
      },
      async (req) => inventory.bankds.delete(req.params.id, actorOf(req, 'admin')),
    );

    // --- banks
    const BankQuery = Type.Object({
      ...PageQuery,
      tenant_id: Type.Optional(PositiveId),
      bankd_instance_id: Type.Optional(PositiveId),
      status: Type.Optional(BankStatus),
    });
    app.get(
      '/banks',
      {
        config: { access: 'read', tenant: 'field' },
        schema: { operationId: 'listBanks', ...admin('banks', 'List SIM banks'), querystring: BankQuery, response: ok(BankPage) },
      },
      async (req) => snake(await inventory.banks.listBanks(req.query, scopeOf(req))),
    );
    app.post(
      '/banks',
      {
        config: { access: 'manage', tenant: 'field', references: { bank_id: 'new', bankd_instance_id: 'bankd' } },
        schema: {
          operationId: 'createBank',
          ...admin('banks', 'Create a SIM bank (and its slots with slot_count)'),
          body: BankBody,
          response: ok(BankView),
        },
      },
      async (req) => snake(await inventory.banks.createBank(req.body, actorOf(req, 'admin'), scopeOf(req))),
    );
    app.get(
      '/banks/:bank_id',
      {
        config: { access: 'read', tenant: 'bank' },
        schema: { operationId: 'getBank', ...admin('banks', 'Get a SIM bank'), params: BankParam, response: ok(BankView) },
      },
      async (req) => snake(await inventory.banks.getBank(req.params.bank_id)),
    );
    app.patch(
      '/banks/:bank_id',
      {
        config: { access: 'manage', tenant: 'bank', references: { bankd_instance_id: 'bankd' } },
        schema: {
          operationId: 'updateBank',
          ...admin('banks', 'Update a SIM bank (slot_count only grows it)'),
          params: BankParam,
          body: Type.Partial(Type.Omit(BankBody, ['bank_id']), { additionalProperties: false, minProperties: 1 }),
          response: ok(BankView),
        },
      },
      async (req) => snake(await inventory.banks.updateBank(req.params.bank_id, req.body, actorOf(req, 'admin'), scopeOf(req))),
    );
    app.delete(
      '/banks/:bank_id',
      {
        config: { access: 'manage', tenant: 'bank' },
        schema: {
          operationId: 'deleteBank',
          ...admin('banks', 'Delete a bank that never served a profile'),
          params: BankParam,
          response: ok(Deleted),
        },
      },
      async (req) => inventory.banks.deleteBank(req.params.bank_id, actorOf(req, 'admin')),
    );

    // --- slots
    const SlotQuery = Type.Object({
      ...PageQuery,
      bank_id: Type.Optional(BankId),
      tenant_id: Type.Optional(PositiveId),
      status: Type.Optional(SlotStatusFilter),
      carrier: Type.Optional(Name),
      mcc_mnc: Type.Optional(MccMnc),
    });
    const SlotParams = Type.Object({ bank_id: BankId, slot_id: SlotId });
    app.get(
      '/slots',
      {
        config: { access: 'read', tenant: 'field' },
        schema: {
          operationId: 'listSlots',
          ...admin('slots', 'List slots'),
          querystring: SlotQuery,
          response: ok(Page(SlotView)),
        },
      },
      async (req) => snake(await inventory.banks.listSlots(req.query, scopeOf(req))),
    );
    app.get(
      '/banks/:bank_id/slots/:slot_id',
      {
        config: { access: 'read', tenant: 'slot' },
        schema: {
          operationId: 'getSlot',
          ...admin('slots', 'Get a slot with its health log'),
          params: SlotParams,
          response: ok(SlotDetail),
        },
      },
      async (req) => snake(await inventory.banks.getSlot(req.params.bank_id, req.params.slot_id)),
    );
    app.patch(
      '/banks/:bank_id/slots/:slot_id',
      {
        config: { access: 'manage', tenant: 'slot' },
        schema: {
          operationId: 'updateSlot',
          ...admin('slots', 'Update card data or status of a slot'),
          params: SlotParams,
          body: SlotBody,
          response: ok(SlotView),
        },
      },
      async (req) =>
        snake(await inventory.banks.updateSlot(req.params.bank_id, req.params.slot_id, req.body, actorOf(req, 'admin'))),
    );

    // --- SIM import
    app.post(
      '/sim-imports',
      {
        config: { access: 'manage', tenant: 'handler' },
        bodyLimit: 64 * 1024 * 1024,
        schema: {
          operationId: 'importSims',
          ...admin('slots', 'Import SIM inventory from CSV (bankd slot file or header-named); all or nothing'),
          consumes: ['text/csv', 'text/plain'],
          querystring: Type.Object(
            {
              replace_cards_in_use: Type.Optional(
                Type.Boolean({
                  description:
                    'Replace the card of a slot a router holds (refused line by line otherwise); each is audited with before and after, and its client gets a client.card_replaced event',
                }),
              ),
            },
            { additionalProperties: false },
          ),
          body: Type.String({ minLength: 1 }),
          response: { 200: ImportAnswer, ...errorResponses(400, 401, 415, 422) },
        },
      },
      async (req) => ({
        status: 'success' as const,
        ...(await inventory.imports.importSims(req.body, actorOf(req, 'admin'), undefined, scopeOf(req), {
          replaceInUse: req.query.replace_cards_in_use ?? false,
        })),
      }),
    );
  };
}
