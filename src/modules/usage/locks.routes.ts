// Locked cards: what IonMesh took out of service and why, and the operator's unlock.
import { Type } from '@sinclair/typebox';
import { type App, actorOf } from '../../app/http.js';
import { scopeOf } from '../../app/route-guard.js';
import { Answer, BankId, errorResponses, Nullable, Page, PageQuery, SlotId, TenantId } from '../../app/schemas.js';
import { readTenant } from '../../domain/tenant-scope.js';
import type { CardActions } from './card-actions.js';

const LockKind = Type.Union([Type.Literal('auto_lock'), Type.Literal('imei'), Type.Literal('usage'), Type.Literal('validity')]);

export const LockView = Answer({
  id: Type.Integer(),
  tenant_id: Type.Integer(),
  bank_id: Type.Integer(),
  slot_id: Type.Integer(),
  iccid: Nullable(Type.String()),
  kind: Type.String({ description: 'auto_lock (failures), imei, usage (a threshold), validity' }),
  reason: Type.String(),
  details: Type.Unknown(),
  state: Type.String({ description: 'locked; pending_move: its client stays until a card of the same carrier is free' }),
  client_id: Nullable(Type.String({ description: 'The client that held the card when it was locked' })),
  slot_status: Nullable(Type.String()),
  locked_at: Type.String(),
  unlocked_at: Nullable(Type.String()),
  unlocked_by: Nullable(Type.String()),
});

export function lockRoutes(cards: CardActions) {
  return async function routes(app: App) {
    const admin = (summary: string) => ({ tags: ['usage'], summary, security: [{ apiKey: [] }] });
    app.get(
      '/card-locks',
      {
        config: { access: 'read', tenant: 'field' },
        schema: {
          operationId: 'listCardLocks',
          ...admin('Cards IonMesh took out of service, newest first (active ones unless all=true)'),
          querystring: Type.Object({
            ...PageQuery,
            tenant_id: Type.Optional(TenantId),
            kind: Type.Optional(LockKind),
            all: Type.Optional(Type.Boolean({ description: 'Also the locks lifted' })),
          }),
          response: { 200: Page(LockView), ...errorResponses(400, 401) },
        },
      },
      async (req) => {
        const { limit = 50, offset = 0, tenant_id, all, kind } = req.query;
        return cards.list({ tenantId: readTenant(scopeOf(req), tenant_id), active: !all, kind }, { limit, offset });
      },
    );
    app.post(
      '/card-locks/:bank_id/:slot_id/unlock',
      {
        config: { access: 'manage', tenant: 'slot' },
        schema: {
          operationId: 'unlockCard',
          ...admin('Put a locked card back in service (faulty or disabled → available)'),
          params: Type.Object({ bank_id: BankId, slot_id: SlotId }),
          response: {
            200: Answer({
              status: Type.Literal('success'),
              bank_id: Type.Integer(),
              slot_id: Type.Integer(),
              lock_id: Type.Integer(),
              kind: Type.String(),
              slot_status: Nullable(Type.String()),
            }),
            ...errorResponses(400, 401, 404, 409),
          },
        },
      },
      async (req) => cards.unlock(req.params.bank_id, req.params.slot_id, actorOf(req, 'admin')),
    );
  };
}
