// Automation rules API: the actions a rule can take, rules (create, change, enable or disable,
// delete), their execution log and dry runs.
import { type TSchema, Type } from '@sinclair/typebox';
import { type App, actorOf } from '../../app/http.js';
import { scopeOf } from '../../app/route-guard.js';
import { Answer, Deleted, errorResponses, Instant, MccMnc, Nullable, Page, PageQuery } from '../../app/schemas.js';
import { ACTIONS as JOB_ACTIONS, JobParamsSchema, JobSelectorSchema } from '../bulk-jobs/index.js';
import { TagSchema } from '../groups/index.js';
import { RULE_ACTION_NAMES, RULE_ONLY_ACTIONS } from './rules.actions.js';
import type { RulesService } from './rules.usecases.js';

const PositiveId = Type.Integer({ minimum: 1, maximum: 2147483647 });
const MEASURES = ['usage_percent', 'offline_minutes', 'signal_rssi', 'failure_count', 'cost'] as const;
const HHMM = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' });
const Trigger = Type.Union([
  Type.Object(
    { kind: Type.Literal('event'), event_type: Type.String({ maxLength: 100, description: 'A type of GET /event-types' }) },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      kind: Type.Literal('measure'),
      measure: Type.Union(
        MEASURES.map((m) => Type.Literal(m)),
        {
          description:
            'usage_percent: a card’s share of its plan this cycle; offline_minutes: a client’s; signal_rssi: a client’s mean dBm over window_min; failure_count: a card’s failures over window_min; cost: a card’s cost this cycle on its plan',
        },
      ),
      op: Type.Union([Type.Literal('>='), Type.Literal('<=')]),
      value: Type.Number({ minimum: -1000, maximum: 1_000_000 }),
      window_min: Type.Optional(
        Type.Integer({ minimum: 1, maximum: 1440, description: 'signal_rssi: the mean over this window' }),
      ),
    },
    { additionalProperties: false },
  ),
]);
const Conditions = Type.Object(
  {
    group_id: Type.Optional(PositiveId),
    tag: Type.Optional(TagSchema),
    mcc_mnc: Type.Optional(MccMnc),
    pool_id: Type.Optional(PositiveId),
    time_window: Type.Optional(
      Type.Object(
        {
          start: HHMM,
          end: HHMM,
          days: Type.Optional(Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), { minItems: 1, maxItems: 7 })),
          timezone: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
        },
        { additionalProperties: false },
      ),
    ),
    expression: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 500,
        description: 'CEL over `data` (the event’s payload), `event_type`, `tenant_id`, `value` (a measure), `object`',
      }),
    ),
  },
  { additionalProperties: false, description: 'All given must hold' },
);
const Action = Type.Object(
  {
    type: Type.Union(RULE_ACTION_NAMES.map((a) => Type.Literal(a))),
    params: Type.Optional(
      Type.Object(
        {
          ...JobParamsSchema.properties,
          job: Type.Optional(
            Type.Object(
              {
                action: Type.Union(Object.keys(JOB_ACTIONS).map((a) => Type.Literal(a))),
                params: Type.Optional(JobParamsSchema),
                selector: JobSelectorSchema,
              },
              { additionalProperties: false },
            ),
          ),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
const fields = {
  name: Type.String({ minLength: 1, maxLength: 100, pattern: '^[^\\x00-\\x1f]*$' }),
  enabled: Type.Optional(Type.Boolean()),
  trigger: Trigger,
  conditions: Type.Optional(Conditions),
  actions: Type.Array(Action, { minItems: 1, maxItems: 10 }),
  cooldown_sec: Type.Optional(Type.Integer({ minimum: 0, maximum: 2_592_000, description: 'Per object (default 3600)' })),
  max_per_hour: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 100_000, description: 'Runs that act, per hour (default 60)' }),
  ),
};
const RuleBody = Type.Object({ tenant_id: PositiveId, ...fields }, { additionalProperties: false });
const RulePatch = Type.Object(
  {
    name: Type.Optional(fields.name),
    enabled: fields.enabled,
    trigger: Type.Optional(Trigger),
    conditions: fields.conditions,
    actions: Type.Optional(fields.actions),
    cooldown_sec: fields.cooldown_sec,
    max_per_hour: fields.max_per_hour,
  },
  { additionalProperties: false, minProperties: 1 },
);
const RuleView = Answer({
  id: Type.Integer(),
  tenant_id: Type.Integer(),
  name: Type.String(),
  enabled: Type.Boolean(),
  trigger: Type.Unknown(),
  conditions: Type.Unknown(),
  actions: Type.Unknown(),
  cooldown_sec: Type.Integer(),
  max_per_hour: Type.Integer(),
  created_by: Type.String(),
  created_at: Instant,
  updated_at: Instant,
  last_run_at: Nullable(Instant),
  runs_last_hour: Type.Integer(),
});
const RunView = Answer({
  id: Type.Integer(),
  rule_id: Type.Integer(),
  tenant_id: Type.Integer(),
  event_id: Nullable(Type.Integer()),
  trigger: Type.Unknown(),
  object_key: Type.String(),
  result: Type.String({ description: 'pending, done, failed, cooldown, limited, job' }),
  actions: Type.Unknown(),
  reason: Nullable(Type.String()),
  at: Instant,
  finished_at: Nullable(Instant),
});
const DryRunView = Answer({
  dry_run: Type.Literal(true),
  matched: Type.Integer(),
  would_act_on: Type.Integer(),
  as_bulk_job: Type.Boolean(),
  note: Nullable(Type.String()),
  items: Type.Array(
    Type.Object({
      trigger: Type.Unknown(),
      object: Type.String(),
      client_id: Nullable(Type.String()),
      bank_id: Nullable(Type.Integer()),
      slot_id: Nullable(Type.Integer()),
      would: Type.Array(Type.String()),
    }),
  ),
});
const IdParam = Type.Object({ id: PositiveId });

export function ruleRoutes(rules: RulesService) {
  return async function routes(app: App) {
    const admin = (summary: string) => ({ tags: ['rules'], summary, security: [{ apiKey: [] }] });
    const ok = <T extends TSchema>(item: T) => ({ 200: item, ...errorResponses(400, 401, 403, 404, 409) });
    const refs = {
      'conditions.group_id': 'group',
      'conditions.pool_id': 'pool',
      'actions[].params.group_id': 'group',
      'actions[].params.from_group_id': 'group',
      'actions[].params.job.params.group_id': 'group',
      'actions[].params.job.params.from_group_id': 'group',
      'actions[].params.job.selector.group_id': 'group',
      'actions[].params.job.selector.filter.bank_id': 'bank',
      'actions[].params.job.selector.filter.pool_id': 'pool',
      'actions[].params.job.selector.cards[].bank_id': 'bank',
      'actions[].params.job.selector.cards[].slot_id': 'part',
    } as const;
    app.get(
      '/rule-actions',
      {
        config: { access: 'read', tenant: 'none' },
        schema: {
          operationId: 'listRuleActions',
          ...admin('What a rule can do, on what, and the access a key needs to give a rule that action'),
          response: {
            200: Type.Object({
              items: Type.Array(
                Type.Object({ action: Type.String(), target: Type.String(), access: Type.String(), description: Type.String() }),
              ),
            }),
          },
        },
      },
      async () => ({
        items: [
          ...Object.entries(JOB_ACTIONS).map(([action, a]) => ({
            action,
            target: a.target,
            access: a.access,
            description: a.description,
          })),
          ...Object.entries(RULE_ONLY_ACTIONS).map(([action, a]) => ({
            action,
            target: a.target,
            access: a.access,
            description: a.description,
          })),
        ],
      }),
    );
    app.get(
      '/rules',
      {
        config: { access: 'read', tenant: 'field' },
        schema: {
          operationId: 'listRules',
          ...admin('List automation rules with their last run'),
          querystring: Type.Object({ ...PageQuery, tenant_id: Type.Optional(PositiveId) }),
          response: ok(Page(RuleView)),
        },
      },
      async (req) => rules.list(req.query, scopeOf(req)),
    );
    app.post(
      '/rules',
      {
        config: { access: 'operate', tenant: 'field', references: refs },
        schema: { operationId: 'createRule', ...admin('Create an automation rule'), body: RuleBody, response: ok(RuleView) },
      },
      async (req) => rules.create(req.body, actorOf(req, 'admin'), req.principal?.role ?? null, scopeOf(req)),
    );
    app.post(
      '/rules/dry-run',
      {
        config: { access: 'operate', tenant: 'field', references: refs },
        schema: {
          operationId: 'dryRunRule',
          ...admin('What a rule as given would do now: the objects it matches and its actions (nothing is saved or done)'),
          body: RuleBody,
          response: ok(DryRunView),
        },
      },
      async (req) => rules.dryRun(req.body, req.principal?.role ?? null, scopeOf(req)),
    );
    app.get(
      '/rules/:id',
      {
        config: { access: 'read', tenant: 'rule' },
        schema: { operationId: 'getRule', ...admin('An automation rule'), params: IdParam, response: ok(RuleView) },
      },
      async (req) => rules.get(req.params.id),
    );
    app.patch(
      '/rules/:id',
      {
        config: { access: 'operate', tenant: 'rule', references: refs },
        schema: {
          operationId: 'updateRule',
          ...admin('Change, enable or disable an automation rule'),
          params: IdParam,
          body: RulePatch,
          response: ok(RuleView),
        },
      },
      async (req) => rules.update(req.params.id, req.body, actorOf(req, 'admin'), req.principal?.role ?? null),
    );
    app.delete(
      '/rules/:id',
      {
        config: { access: 'operate', tenant: 'rule' },
        schema: { operationId: 'deleteRule', ...admin('Delete an automation rule'), params: IdParam, response: ok(Deleted) },
      },
      async (req) => rules.remove(req.params.id, actorOf(req, 'admin')),
    );
    app.get(
      '/rules/:id/runs',
      {
        config: { access: 'read', tenant: 'rule' },
        schema: {
          operationId: 'listRuleRuns',
          ...admin('The execution log of a rule, newest first'),
          params: IdParam,
          querystring: Type.Object(PageQuery),
          response: ok(Type.Object({ rule_id: Type.Integer(), ...Page(RunView).properties })),
        },
      },
      async (req) => rules.runs(req.params.id, req.query),
    );
    app.get(
      '/rules/:id/dry-run',
      {
        config: { access: 'read', tenant: 'rule' },
        schema: {
          operationId: 'dryRunSavedRule',
          ...admin('What a saved rule would do now (nothing is done)'),
          params: IdParam,
          response: ok(DryRunView),
        },
      },
      async (req) => rules.dryRunSaved(req.params.id),
    );
  };
}
