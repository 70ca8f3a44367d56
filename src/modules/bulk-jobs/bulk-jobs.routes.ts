// Bulk jobs API: dry-run and create, list, follow, list items, cancel.
import { type TSchema, Type } from '@sinclair/typebox';
import { type App, actorOf } from '../../app/http.js';
import { scopeOf } from '../../app/route-guard.js';
import {
  Answer,
  BankId,
  ClientId,
  errorResponses,
  Instant,
  JsonObject,
  MccMnc,
  Nullable,
  Page,
  PageQuery,
  SlotId,
} from '../../app/schemas.js';
import { COMMAND_TYPES } from '../commands/index.js';
import { GroupFilterSchema, TagSchema } from '../groups/index.js';
import { ACTION_NAMES, ACTIONS } from './bulk-jobs.actions.js';
import { type BulkJobsService, MAX_ITEMS } from './bulk-jobs.usecases.js';

const PositiveId = Type.Integer({ minimum: 1, maximum: 2147483647 });
const Tags = Type.Array(TagSchema, { minItems: 1, maxItems: 50 });

export const JobParamsSchema = Type.Object(
  {
    add_tags: Type.Optional(Tags),
    remove_tags: Type.Optional(Tags),
    group_id: Type.Optional(PositiveId),
    from_group_id: Type.Optional(PositiveId),
    mcc_mnc: Type.Optional(MccMnc),
    reason: Type.Optional(Type.String({ maxLength: 200, pattern: '^[^\\x00-\\x1f]*$' })),
    command: Type.Optional(
      Type.Object(
        {
          type: Type.Union(COMMAND_TYPES.map((t) => Type.Literal(t))),
          payload: Type.Optional(JsonObject),
          expires_in_sec: Type.Optional(Type.Integer({ minimum: 10, maximum: 7 * 86_400 })),
        },
        { additionalProperties: false },
      ),
    ),
    enforcing: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, description: 'What the action takes (each action says which: GET /job-actions)' },
);

export const JobSelectorSchema = Type.Object(
  {
    group_id: Type.Optional(PositiveId),
    filter: Type.Optional(GroupFilterSchema),
    cards: Type.Optional(
      Type.Array(Type.Object({ bank_id: BankId, slot_id: SlotId }, { additionalProperties: false }), {
        minItems: 1,
        maxItems: 10_000,
      }),
    ),
    clients: Type.Optional(Type.Array(ClientId, { minItems: 1, maxItems: 10_000 })),
    client_tag: Type.Optional(TagSchema),
  },
  {
    additionalProperties: false,
    description:
      'One of: a group of the tenant, an ad-hoc filter of its cards, listed cards, listed clients, a client tag. A client action run for cards acts on the clients holding them; a card action run for clients, on the cards they hold.',
  },
);

const JobBody = Type.Object(
  {
    tenant_id: PositiveId,
    action: Type.Union(ACTION_NAMES.map((a) => Type.Literal(a))),
    params: Type.Optional(JobParamsSchema),
    selector: JobSelectorSchema,
    dry_run: Type.Optional(Type.Boolean({ description: 'Count and show the first objects; create nothing' })),
    expected_total: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: MAX_ITEMS,
        description: 'Create only if the selector still names this many (409 otherwise)',
      }),
    ),
    batch_size: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 50, description: 'Items claimed per batch' })),
    reason: Type.Optional(Type.String({ maxLength: 200, pattern: '^[^\\x00-\\x1f]*$' })),
  },
  { additionalProperties: false },
);

const JobFields = {
  id: Type.Integer(),
  tenant_id: Type.Integer(),
  action: Type.String(),
  params: JsonObject,
  selector: JsonObject,
  target: Type.String({ description: 'card or client' }),
  state: Type.String({ description: 'running, done, cancelled' }),
  batch_size: Type.Integer(),
  total: Type.Integer(),
  done: Type.Integer(),
  skipped: Type.Integer(),
  failed: Type.Integer(),
  cancelled: Type.Integer(),
  pending: Type.Integer(),
  running: Type.Integer({ description: 'Claimed: under way' }),
  progress: Type.Number({ description: 'Share of items finished, 0..1' }),
  created_by: Type.String(),
  reason: Nullable(Type.String()),
  created_at: Instant,
  finished_at: Nullable(Instant),
};
const JobView = Answer(JobFields);
const DryRunView = Answer({
  dry_run: Type.Literal(true),
  action: Type.String(),
  target: Type.String(),
  total: Type.Integer(),
  sample: Type.Array(
    Type.Object({
      bank_id: Type.Optional(Type.Integer()),
      slot_id: Type.Optional(Type.Integer()),
      status: Type.Optional(Nullable(Type.String())),
      client_id: Type.Optional(Nullable(Type.String())),
    }),
    { description: 'The first 20, as they are now' },
  ),
});
const ItemView = Answer({
  job_id: Type.Integer(),
  seq: Type.Integer(),
  bank_id: Nullable(Type.Integer()),
  slot_id: Nullable(Type.Integer()),
  client_id: Nullable(Type.String()),
  state: Type.String({ description: 'pending, running, done, skipped, failed, cancelled' }),
  reason: Nullable(Type.String()),
  result: Type.Unknown(),
  attempts: Type.Integer(),
  claimed_at: Nullable(Instant),
  finished_at: Nullable(Instant),
});
const IdParam = Type.Object({ id: PositiveId });
const ITEM_STATES = ['pending', 'running', 'done', 'skipped', 'failed', 'cancelled'] as const;

export function bulkJobRoutes(jobs: BulkJobsService) {
  return async function routes(app: App) {
    const admin = (summary: string) => ({ tags: ['jobs'], summary, security: [{ apiKey: [] }] });
    const ok = <T extends TSchema>(item: T) => ({ 200: item, ...errorResponses(400, 401, 403, 404, 409) });
    app.get(
      '/job-actions',
      {
        config: { access: 'read', tenant: 'none' },
        schema: {
          operationId: 'listJobActions',
          ...admin('The actions a bulk job can run, with what they act on and the access they need'),
          response: {
            200: Type.Object({
              items: Type.Array(
                Type.Object({
                  action: Type.String(),
                  target: Type.String(),
                  access: Type.String(),
                  description: Type.String(),
                  required: Type.Array(Type.String()),
                  optional: Type.Array(Type.String()),
                }),
              ),
            }),
          },
        },
      },
      async () => ({
        items: ACTION_NAMES.map((action) => {
          const a = ACTIONS[action];
          return {
            action,
            target: a.target,
            access: a.access,
            description: a.description,
            required: a.required,
            optional: a.optional,
          };
        }),
      }),
    );
    app.get(
      '/jobs',
      {
        config: { access: 'read', tenant: 'field' },
        schema: {
          operationId: 'listJobs',
          ...admin('List bulk jobs, newest first'),
          querystring: Type.Object({
            ...PageQuery,
            tenant_id: Type.Optional(PositiveId),
            state: Type.Optional(Type.Union(['running', 'done', 'cancelled'].map((s) => Type.Literal(s)))),
          }),
          response: ok(Page(JobView)),
        },
      },
      async (req) => jobs.list(req.query, scopeOf(req)),
    );
    app.post(
      '/jobs',
      {
        config: {
          access: 'operate',
          tenant: 'field',
          references: {
            'params.group_id': 'group',
            'params.from_group_id': 'group',
            'selector.group_id': 'group',
            'selector.filter.bank_id': 'bank',
            'selector.filter.pool_id': 'pool',
            'selector.cards[].bank_id': 'bank',
            'selector.cards[].slot_id': 'part',
          },
        },
        schema: {
          operationId: 'createJob',
          ...admin(
            'Run an action for every object a selector names: dry_run counts them first; the job runs in batches in the background (each action needs its own access, GET /job-actions)',
          ),
          body: JobBody,
          response: { 200: DryRunView, 201: JobView, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (req, reply) => {
        const role = req.principal?.role ?? null;
        if (req.body.dry_run) return reply.code(200).send(await jobs.dryRun(req.body, role, scopeOf(req)));
        return reply.code(201).send(await jobs.create(req.body, actorOf(req, 'admin'), role, scopeOf(req)));
      },
    );
    app.get(
      '/jobs/:id',
      {
        config: { access: 'read', tenant: 'job' },
        schema: { operationId: 'getJob', ...admin('A bulk job and how far it is'), params: IdParam, response: ok(JobView) },
      },
      async (req) => jobs.get(req.params.id),
    );
    app.get(
      '/jobs/:id/items',
      {
        config: { access: 'read', tenant: 'job' },
        schema: {
          operationId: 'listJobItems',
          ...admin('The items of a bulk job with their results (done, skipped or failed with the reason)'),
          params: IdParam,
          querystring: Type.Object({ ...PageQuery, state: Type.Optional(Type.Union(ITEM_STATES.map((s) => Type.Literal(s)))) }),
          response: ok(Type.Object({ job_id: Type.Integer(), ...Page(ItemView).properties })),
        },
      },
      async (req) => jobs.items(req.params.id, req.query),
    );
    app.post(
      '/jobs/:id/cancel',
      {
        config: { access: 'operate', tenant: 'job' },
        schema: {
          operationId: 'cancelJob',
          ...admin('Cancel a running bulk job: its pending items are cancelled, those under way finish'),
          params: IdParam,
          response: ok(JobView),
        },
      },
      async (req) => jobs.cancel(req.params.id, actorOf(req, 'admin')),
    );
  };
}
