// Card protection API: a tenant's auto-lock and validity settings, and IMEI bindings.
import { Type } from '@sinclair/typebox';
import { type App, actorOf } from '../../app/http.js';
import { scopeOf } from '../../app/route-guard.js';
import {
  Answer,
  BankId,
  ClientId,
  Deleted,
  errorResponses,
  Nullable,
  Page,
  PageQuery,
  SlotId,
  TenantId,
} from '../../app/schemas.js';
import type { ProtectionService } from './protection.usecases.js';

const PositiveId = Type.Integer({ minimum: 1, maximum: 2147483647 });
const Imei = Type.String({ pattern: '^[0-9]{14,16}$', description: 'IMEI (15 digits) or IMEISV (16)' });

const settingsFields = {
  auto_lock: Type.Boolean({ description: 'Lock a card whose failures reach the limit within the window (default on)' }),
  failure_limit: Type.Integer({ minimum: 1, maximum: 10_000, description: 'Failures within the window that lock a card (5)' }),
  failure_window_min: Type.Integer({ minimum: 1, maximum: 10_080, description: 'The window, minutes (60)' }),
  tpdu_error_rate: Type.Number({
    exclusiveMinimum: 0,
    maximum: 1,
    description: 'A sample with at least this share of its TPDUs in error is a failure (0.2)',
  }),
  min_tpdus: Type.Integer({ minimum: 1, maximum: 1_000_000, description: '… when it carried at least this many TPDUs (20)' }),
  presence_grace_min: Type.Integer({
    minimum: 1,
    maximum: 1440,
    description: 'A registration the remsim-server never saw connect within this is a failure (10)',
  }),
  validity_notice_hours: Type.Integer({
    minimum: 0,
    maximum: 8760,
    description: 'Clients leave a card this long before its validity ends (24)',
  }),
};
export const ProtectionView = Answer({ tenant_id: Type.Integer(), ...settingsFields });
const ProtectionPatch = Type.Partial(Type.Object(settingsFields, { additionalProperties: false }), {
  additionalProperties: false,
  minProperties: 1,
});

export const BindingView = Answer({
  id: Type.Integer(),
  tenant_id: Type.Integer(),
  bank_id: Nullable(Type.Integer()),
  slot_id: Nullable(Type.Integer()),
  client_id: Nullable(Type.String()),
  imei: Type.String(),
  enforcing: Type.Boolean(),
  last_mismatch: Nullable(Type.String({ description: 'The last other IMEI seen (one card.imei_changed event each)' })),
  created_at: Type.String(),
  created_by: Nullable(Type.String()),
});

export function protectionRoutes(protection: ProtectionService) {
  return async function routes(app: App) {
    const admin = (summary: string) => ({ tags: ['usage'], summary, security: [{ apiKey: [] }] });
    const Tenant = Type.Object({ id: PositiveId });
    app.get(
      '/tenants/:id/protection',
      {
        config: { access: 'read', tenant: 'tenant' },
        schema: {
          operationId: 'getProtection',
          ...admin('A tenant’s card protection settings (defaults where it set none)'),
          params: Tenant,
          response: { 200: ProtectionView, ...errorResponses(400, 401, 404) },
        },
      },
      async (req) => protection.settings(req.params.id),
    );
    app.put(
      '/tenants/:id/protection',
      {
        config: { access: 'manage', tenant: 'tenant' },
        schema: {
          operationId: 'putProtection',
          ...admin('Change a tenant’s card protection settings (fields not given stay)'),
          params: Tenant,
          body: ProtectionPatch,
          response: { 200: ProtectionView, ...errorResponses(400, 401, 404) },
        },
      },
      async (req) => protection.putSettings(req.params.id, req.body, actorOf(req, 'admin')),
    );
    app.get(
      '/imei-bindings',
      {
        config: { access: 'read', tenant: 'field' },
        schema: {
          operationId: 'listImeiBindings',
          ...admin('Cards and clients bound to a modem IMEI'),
          querystring: Type.Object({ ...PageQuery, tenant_id: Type.Optional(TenantId), client_id: Type.Optional(ClientId) }),
          response: { 200: Page(BindingView), ...errorResponses(400, 401) },
        },
      },
      async (req) => protection.bindings(req.query, scopeOf(req)),
    );
    app.post(
      '/imei-bindings',
      {
        // A client is named within the tenant of tenant_id (it may register later).
        config: { access: 'manage', tenant: 'field', references: { bank_id: 'bank', slot_id: 'part', client_id: 'part' } },
        schema: {
          operationId: 'createImeiBinding',
          ...admin('Bind a card (bank_id + slot_id) or a client (client_id) to an IMEI (replaces its binding)'),
          body: Type.Object(
            {
              tenant_id: PositiveId,
              bank_id: Type.Optional(BankId),
              slot_id: Type.Optional(SlotId),
              client_id: Type.Optional(ClientId),
              imei: Imei,
              enforcing: Type.Optional(
                Type.Boolean({
                  description:
                    'true: a heartbeat from another IMEI is refused (403 IMEI_LOCKED) and the card blocked; false: an event only',
                }),
              ),
            },
            { additionalProperties: false },
          ),
          response: { 200: BindingView, ...errorResponses(400, 401, 404) },
        },
      },
      async (req) => protection.bind(req.body, actorOf(req, 'admin'), scopeOf(req)),
    );
    app.post(
      '/imei-bindings/bind-current',
      {
        config: { access: 'manage', tenant: 'field', references: { bank_id: 'bank' } },
        schema: {
          operationId: 'bindCurrentImeis',
          ...admin('“Lock what you see”: bind every active card of the tenant (or one bank) to the IMEI it is used with now'),
          body: Type.Object(
            { tenant_id: PositiveId, bank_id: Type.Optional(BankId), enforcing: Type.Optional(Type.Boolean()) },
            { additionalProperties: false },
          ),
          response: {
            200: Answer({
              status: Type.Literal('success'),
              bound: Type.Integer(),
              cards: Type.Array(
                Type.Object({ bank_id: Type.Integer(), slot_id: Type.Integer(), client_id: Type.String(), imei: Type.String() }),
              ),
            }),
            ...errorResponses(400, 401, 404),
          },
        },
      },
      async (req) => protection.bindCurrent(req.body, actorOf(req, 'admin'), scopeOf(req)),
    );
    app.delete(
      '/imei-bindings/:id',
      {
        config: { access: 'manage', tenant: 'handler' },
        schema: {
          operationId: 'deleteImeiBinding',
          ...admin('Remove an IMEI binding'),
          params: Type.Object({ id: PositiveId }),
          response: { 200: Deleted, ...errorResponses(400, 401, 404) },
        },
      },
      async (req) => protection.unbind(req.params.id, actorOf(req, 'admin'), scopeOf(req)),
    );
  };
}
