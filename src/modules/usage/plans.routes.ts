// SIM plans API, and a card's usage settings (its plan, validity end and thresholds).
import { type TSchema, Type } from '@sinclair/typebox';
import { type App, actorOf } from '../../app/http.js';
import { scopeOf } from '../../app/route-guard.js';
import { BankId, Deleted, errorResponses, PageQuery, SlotId } from '../../app/schemas.js';
import { CardSettingsBody, CardSettingsView, PlanBody, PlanPage, PlanPatch, PlanView } from './plans.schemas.js';
import type { PlansService } from './plans.usecases.js';

const PositiveId = Type.Integer({ minimum: 1, maximum: 2147483647 });
const IdParam = Type.Object({ id: PositiveId });
const CardParams = Type.Object({ bank_id: BankId, slot_id: SlotId });

export function planRoutes(plans: PlansService) {
  return async function routes(app: App) {
    const admin = (summary: string) => ({ tags: ['usage'], summary, security: [{ apiKey: [] }] });
    const ok = <T extends TSchema>(item: T) => ({ 200: item, ...errorResponses(400, 401, 404, 409) });
    app.get(
      '/plans',
      {
        config: { access: 'read', tenant: 'field' },
        schema: {
          operationId: 'listPlans',
          ...admin('List SIM plans'),
          querystring: Type.Object({ ...PageQuery, tenant_id: Type.Optional(PositiveId) }),
          response: ok(PlanPage),
        },
      },
      async (req) => plans.list(req.query, scopeOf(req)),
    );
    app.post(
      '/plans',
      {
        config: { access: 'manage', tenant: 'field' },
        schema: {
          operationId: 'createPlan',
          ...admin('Create a SIM plan with its thresholds'),
          body: PlanBody,
          response: ok(PlanView),
        },
      },
      async (req) => plans.create(req.body, actorOf(req, 'admin'), scopeOf(req)),
    );
    app.get(
      '/plans/:id',
      {
        config: { access: 'read', tenant: 'plan' },
        schema: { operationId: 'getPlan', ...admin('A SIM plan'), params: IdParam, response: ok(PlanView) },
      },
      async (req) => plans.get(req.params.id),
    );
    app.patch(
      '/plans/:id',
      {
        config: { access: 'manage', tenant: 'plan' },
        schema: {
          operationId: 'updatePlan',
          ...admin('Change a SIM plan (a new cycle day rebuilds its cards’ cycles)'),
          params: IdParam,
          body: PlanPatch,
          response: ok(PlanView),
        },
      },
      async (req) => plans.update(req.params.id, req.body, actorOf(req, 'admin')),
    );
    app.delete(
      '/plans/:id',
      {
        config: { access: 'manage', tenant: 'plan' },
        schema: {
          operationId: 'deletePlan',
          ...admin('Delete a SIM plan no card has as its own'),
          params: IdParam,
          response: ok(Deleted),
        },
      },
      async (req) => plans.remove(req.params.id, actorOf(req, 'admin')),
    );
    app.get(
      '/usage/cards/:bank_id/:slot_id/settings',
      {
        config: { access: 'read', tenant: 'slot' },
        schema: {
          operationId: 'getCardUsageSettings',
          ...admin('A card’s own plan, validity end and thresholds'),
          params: CardParams,
          response: ok(CardSettingsView),
        },
      },
      async (req) => plans.cardSettings(req.params.bank_id, req.params.slot_id),
    );
    app.put(
      '/usage/cards/:bank_id/:slot_id/settings',
      {
        config: { access: 'manage', tenant: 'slot', references: { plan_id: 'plan' } },
        schema: {
          operationId: 'putCardUsageSettings',
          ...admin('Set a card’s own plan, validity end or thresholds (fields not given stay)'),
          params: CardParams,
          body: CardSettingsBody,
          response: ok(CardSettingsView),
        },
      },
      async (req) => plans.putCardSettings(req.params.bank_id, req.params.slot_id, req.body, actorOf(req, 'admin')),
    );
  };
}
