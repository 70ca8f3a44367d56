// The assignment policy admin API.
import { type TSchema, Type } from '@sinclair/typebox';
import { type App, actorOf } from '../../app/http.js';
import { scopeOf } from '../../app/route-guard.js';
import { BankId, Deleted, errorResponses, MccMnc, PageQuery } from '../../app/schemas.js';
import { LOAD_BALANCING, WEEKDAYS } from '../../domain/assignment-policy.js';
import { PolicyPage, PolicyView } from './policies.schemas.js';
import type { PoliciesService } from './policies.usecases.js';

const PositiveId = Type.Integer({ minimum: 1, maximum: 2147483647 });
const Conditions = Type.Object(
  {
    mcc_mnc: Type.Optional(Type.Array(MccMnc, { minItems: 1, maxItems: 100 })),
    client_id_pattern: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 255,
        pattern: '^[A-Za-z0-9._:@+*?-]+$',
        description: 'Glob: * any run, ? one character',
      }),
    ),
    time_window: Type.Optional(
      Type.Object(
        {
          start: Type.String({ description: 'HH:MM local time' }),
          end: Type.String({ description: 'HH:MM; before start means across midnight' }),
          time_zone: Type.String({ minLength: 1, maxLength: 64, description: 'IANA time zone, e.g. Europe/Berlin' }),
          days: Type.Optional(Type.Array(Type.Union(WEEKDAYS.map((d) => Type.Literal(d))), { minItems: 1, maxItems: 7 })),
        },
        { additionalProperties: false },
      ),
    ),
    hardware_vendor: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { minItems: 1, maxItems: 50 })),
  },
  { additionalProperties: false, description: 'All given conditions must hold' },
);
const Action = Type.Object(
  {
    type: Type.Union([Type.Literal('assign'), Type.Literal('deny')]),
    preferred_banks: Type.Optional(Type.Array(BankId, { minItems: 1, maxItems: 100 })),
    load_balancing: Type.Optional(Type.Union(LOAD_BALANCING.map((m) => Type.Literal(m)))),
  },
  { additionalProperties: false },
);
const Name = Type.String({ minLength: 1, maxLength: 100, pattern: '^[^\\x00-\\x1f]*$' });
const Priority = Type.Integer({ minimum: 0, maximum: 1_000_000, description: 'Lower first' });
const PolicyBody = Type.Object(
  {
    tenant_id: PositiveId,
    name: Name,
    priority: Type.Optional(Priority),
    enabled: Type.Optional(Type.Boolean()),
    conditions: Type.Optional(Conditions),
    action: Action,
  },
  { additionalProperties: false },
);
const PolicyPatch = Type.Object(
  {
    name: Type.Optional(Name),
    priority: Type.Optional(Priority),
    enabled: Type.Optional(Type.Boolean()),
    conditions: Type.Optional(Conditions),
    action: Type.Optional(Action),
  },
  { additionalProperties: false, minProperties: 1 },
);
const IdParam = Type.Object({ id: PositiveId });

export function policyRoutes(policies: PoliciesService) {
  return async function routes(app: App) {
    const admin = (summary: string) => ({ tags: ['assignment policies'], summary, security: [{ apiKey: [] }] });
    const ok = <T extends TSchema>(item: T) => ({ 200: item, ...errorResponses(400, 401, 404, 409) });
    app.get(
      '/assignment-policies',
      {
        config: { access: 'read', tenant: 'field' },
        schema: {
          operationId: 'listAssignmentPolicies',
          ...admin('List assignment policies in decision order'),
          querystring: Type.Object({ ...PageQuery, tenant_id: Type.Optional(PositiveId) }),
          response: ok(PolicyPage),
        },
      },
      async (req) => policies.list(req.query, scopeOf(req)),
    );
    app.post(
      '/assignment-policies',
      {
        config: { access: 'manage', tenant: 'field', references: { 'action.preferred_banks[]': 'bank' } },
        schema: {
          operationId: 'createAssignmentPolicy',
          ...admin('Create an assignment policy'),
          body: PolicyBody,
          response: ok(PolicyView),
        },
      },
      async (req) => policies.create(req.body, actorOf(req, 'admin'), scopeOf(req)),
    );
    app.get(
      '/assignment-policies/:id',
      {
        config: { access: 'read', tenant: 'policy' },
        schema: {
          operationId: 'getAssignmentPolicy',
          ...admin('An assignment policy'),
          params: IdParam,
          response: ok(PolicyView),
        },
      },
      async (req) => policies.get(req.params.id),
    );
    app.patch(
      '/assignment-policies/:id',
      {
        config: { access: 'manage', tenant: 'policy', references: { 'action.preferred_banks[]': 'bank' } },
        schema: {
          operationId: 'updateAssignmentPolicy',
          ...admin('Change an assignment policy'),
          params: IdParam,
          body: PolicyPatch,
          response: ok(PolicyView),
        },
      },
      async (req) => policies.update(req.params.id, req.body, actorOf(req, 'admin')),
    );
    app.delete(
      '/assignment-policies/:id',
      {
        config: { access: 'manage', tenant: 'policy' },
        schema: {
          operationId: 'deleteAssignmentPolicy',
          ...admin('Delete an assignment policy'),
          params: IdParam,
          response: ok(Deleted),
        },
      },
      async (req) => policies.remove(req.params.id, actorOf(req, 'admin')),
    );
  };
}
