// SIM rotation API: policies (create, change, delete, preview, run now) and the history.
import { type TSchema, Type } from '@sinclair/typebox';
import { type App, actorOf } from '../../app/http.js';
import { scopeOf } from '../../app/route-guard.js';
import { Answer, ClientId, Deleted, errorResponses, Instant, Nullable, Page, PageQuery } from '../../app/schemas.js';
import type { RotationService } from './rotation.usecases.js';

const PositiveId = Type.Integer({ minimum: 1, maximum: 2147483647 });
const HHMM = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'HH:MM, local time' });
const Window = Type.Object(
  {
    start: HHMM,
    end: HHMM,
    days: Type.Optional(
      Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), { minItems: 1, maxItems: 7, description: 'ISO weekdays, 1 = Monday' }),
    ),
  },
  { additionalProperties: false, description: 'Rotations happen only within it (an end before the start runs over midnight)' },
);
const fields = {
  group_id: Type.Optional(Nullable(PositiveId, 'The group whose cards it rotates (among them); null: every card of the tenant')),
  name: Type.String({ minLength: 1, maxLength: 100, pattern: '^[^\\x00-\\x1f]*$' }),
  enabled: Type.Optional(Type.Boolean()),
  schedule: Type.Optional(
    Nullable(
      Type.String({ maxLength: 100 }),
      'Cron, five fields, in `timezone`: every client on its card since before an occurrence moves',
    ),
  ),
  usage_percent: Type.Optional(
    Nullable(
      Type.Integer({ minimum: 1, maximum: 1000 }),
      'Move off a card that used this share of its plan’s allowance this cycle',
    ),
  ),
  validity_days: Type.Optional(
    Nullable(Type.Integer({ minimum: 0, maximum: 365 }), 'Move off a card this many days before its last valid day'),
  ),
  max_days_on_card: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 3650 }), 'Move after this many days on one card')),
  window: Type.Optional(Nullable(Window)),
  timezone: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'IANA time zone of the schedule and window' })),
  allow_other_carrier: Type.Optional(Type.Boolean({ description: 'Move to another carrier when none of the same is free' })),
  max_per_run: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, description: 'Rotations per pass (a minute) at most' })),
};
const PolicyBody = Type.Object({ tenant_id: PositiveId, ...fields }, { additionalProperties: false });
const PolicyPatch = Type.Object(
  { ...fields, name: Type.Optional(fields.name) },
  { additionalProperties: false, minProperties: 1 },
);
const PolicyView = Answer({
  id: Type.Integer(),
  tenant_id: Type.Integer(),
  group_id: Nullable(Type.Integer()),
  name: Type.String(),
  enabled: Type.Boolean(),
  schedule: Nullable(Type.String()),
  usage_percent: Nullable(Type.Integer()),
  validity_days: Nullable(Type.Integer()),
  max_days_on_card: Nullable(Type.Integer()),
  window: Nullable(Window),
  timezone: Type.String(),
  allow_other_carrier: Type.Boolean(),
  max_per_run: Type.Integer(),
  last_scheduled_at: Nullable(Instant),
  last_run_at: Nullable(Instant),
  created_at: Instant,
  updated_at: Instant,
});
const Card = Type.Object({ bank_id: Type.Integer(), slot_id: Type.Integer() });
const Outcome = Type.Object({
  client_id: Type.String(),
  trigger: Type.String(),
  result: Type.String({ description: 'rotated or failed' }),
  from: Card,
  to: Type.Optional(Card),
  reason: Type.Optional(Type.String()),
});
const RotationView = Answer({
  id: Type.Integer(),
  tenant_id: Type.Integer(),
  policy_id: Nullable(Type.Integer()),
  client_id: Type.String(),
  profile_id: Type.String(),
  from_bank_id: Type.Integer(),
  from_slot_id: Type.Integer(),
  to_bank_id: Type.Integer(),
  to_slot_id: Type.Integer(),
  trigger: Type.String(),
  detail: Type.Unknown(),
  at: Instant,
});
const IdParam = Type.Object({ id: PositiveId });

export function rotationRoutes(rotation: RotationService) {
  return async function routes(app: App) {
    const admin = (summary: string) => ({ tags: ['rotation'], summary, security: [{ apiKey: [] }] });
    const ok = <T extends TSchema>(item: T) => ({ 200: item, ...errorResponses(400, 401, 403, 404, 409) });
    app.get(
      '/rotation-policies',
      {
        config: { access: 'read', tenant: 'field' },
        schema: {
          operationId: 'listRotationPolicies',
          ...admin('List rotation policies'),
          querystring: Type.Object({ ...PageQuery, tenant_id: Type.Optional(PositiveId) }),
          response: ok(Page(PolicyView)),
        },
      },
      async (req) => rotation.list(req.query, scopeOf(req)),
    );
    app.post(
      '/rotation-policies',
      {
        config: { access: 'manage', tenant: 'field', references: { group_id: 'group' } },
        schema: {
          operationId: 'createRotationPolicy',
          ...admin('Create a rotation policy for a tenant or one of its groups'),
          body: PolicyBody,
          response: ok(PolicyView),
        },
      },
      async (req) => rotation.create(req.body, actorOf(req, 'admin'), scopeOf(req)),
    );
    app.get(
      '/rotation-policies/:id',
      {
        config: { access: 'read', tenant: 'rotationPolicy' },
        schema: { operationId: 'getRotationPolicy', ...admin('A rotation policy'), params: IdParam, response: ok(PolicyView) },
      },
      async (req) => rotation.get(req.params.id),
    );
    app.patch(
      '/rotation-policies/:id',
      {
        config: { access: 'manage', tenant: 'rotationPolicy', references: { group_id: 'group' } },
        schema: {
          operationId: 'updateRotationPolicy',
          ...admin('Change a rotation policy (a changed schedule owes none of its past occurrences)'),
          params: IdParam,
          body: PolicyPatch,
          response: ok(PolicyView),
        },
      },
      async (req) => rotation.update(req.params.id, req.body, actorOf(req, 'admin')),
    );
    app.delete(
      '/rotation-policies/:id',
      {
        config: { access: 'manage', tenant: 'rotationPolicy' },
        schema: {
          operationId: 'deleteRotationPolicy',
          ...admin('Delete a rotation policy'),
          params: IdParam,
          response: ok(Deleted),
        },
      },
      async (req) => rotation.remove(req.params.id, actorOf(req, 'admin')),
    );
    app.get(
      '/rotation-policies/:id/due',
      {
        config: { access: 'read', tenant: 'rotationPolicy' },
        schema: {
          operationId: 'previewRotation',
          ...admin('Which clients the policy would rotate now, and why (nothing moves)'),
          params: IdParam,
          response: ok(
            Type.Object({
              policy_id: Type.Integer(),
              in_window: Type.Boolean(),
              schedule_due: Nullable(Instant),
              due: Type.Array(
                Type.Object({
                  client_id: Type.String(),
                  bank_id: Type.Integer(),
                  slot_id: Type.Integer(),
                  trigger: Type.String(),
                  card_since: Instant,
                  used_bytes: Nullable(Type.Number()),
                  allowance_bytes: Nullable(Type.Number()),
                  valid_until: Nullable(Type.String()),
                }),
              ),
            }),
          ),
        },
      },
      async (req) => rotation.preview(req.params.id),
    );
    app.post(
      '/rotation-policies/:id/run',
      {
        config: { access: 'operate', tenant: 'rotationPolicy' },
        schema: {
          operationId: 'runRotation',
          ...admin('Rotate now: the policy’s due clients, outside its window too (409 while a pass holds it)'),
          params: IdParam,
          response: ok(Type.Object({ policy_id: Type.Integer(), items: Type.Array(Outcome) })),
        },
      },
      async (req) => ({
        policy_id: req.params.id,
        items: await rotation.runNow(req.params.id, actorOf(req, 'admin')),
      }),
    );
    app.get(
      '/rotations',
      {
        config: { access: 'read', tenant: 'field' },
        schema: {
          operationId: 'listRotations',
          ...admin('Rotations carried out, newest first (card before and after, trigger)'),
          querystring: Type.Object({
            ...PageQuery,
            tenant_id: Type.Optional(PositiveId),
            client_id: Type.Optional(ClientId),
            policy_id: Type.Optional(PositiveId),
          }),
          response: ok(Page(RotationView)),
        },
      },
      async (req) => rotation.history(req.query, scopeOf(req)),
    );
  };
}
