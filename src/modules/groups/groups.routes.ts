// SIM groups and tags API.
import { type TSchema, Type } from '@sinclair/typebox';
import { type App, actorOf } from '../../app/http.js';
import { scopeOf } from '../../app/route-guard.js';
import {
  Answer,
  BankId,
  ClientId,
  Deleted,
  errorResponses,
  Instant,
  MccMnc,
  Nullable,
  Page,
  PageQuery,
  SlotId,
  TenantId,
} from '../../app/schemas.js';
import { ThresholdBody, ThresholdView } from '../usage/index.js';
import type { GroupsService } from './groups.usecases.js';

const PositiveId = Type.Integer({ minimum: 1, maximum: 2147483647 });
const Card = Type.Object({ bank_id: BankId, slot_id: SlotId }, { additionalProperties: false });
const Cards = Type.Array(Card, { maxItems: 10_000 });
export const Tag = Type.String({
  pattern: '^[A-Za-z0-9][A-Za-z0-9._:/-]{0,62}$',
  description: 'Letters, digits and ._:/- (64 at most)',
});
const Tags = Type.Array(Tag, { maxItems: 50, description: 'The whole list (replaces the tags)' });
export const Filter = Type.Object(
  {
    mcc_mnc: Type.Optional(MccMnc),
    bank_id: Type.Optional(BankId),
    tag: Type.Optional(Tag),
    pool_id: Type.Optional(PositiveId),
    state: Type.Optional(
      Type.Union(
        ['available', 'assigned', 'faulty', 'disabled', 'empty', 'unserved'].map((s) => Type.Literal(s)),
        {
          description: 'The slot status',
        },
      ),
    ),
  },
  { additionalProperties: false, description: 'Every card of the tenant matching all given fields' },
);
const Name = Type.String({ minLength: 1, maxLength: 100, pattern: '^[^\\x00-\\x1f]*$' });
const groupFields = {
  name: Name,
  priority: Type.Optional(
    Type.Integer({ minimum: 0, maximum: 1_000_000, description: 'Lower first when a card is in several groups' }),
  ),
  plan_id: Type.Optional(
    Nullable(PositiveId, 'The plan of its cards (a card’s own plan wins; then the group’s; then its carrier’s default)'),
  ),
  thresholds: Type.Optional(Type.Array(ThresholdBody, { maxItems: 20 })),
};
const GroupBody = Type.Object(
  {
    tenant_id: PositiveId,
    kind: Type.Union([Type.Literal('explicit'), Type.Literal('filter')]),
    filter: Type.Optional(Filter),
    members: Type.Optional(Cards),
    ...groupFields,
  },
  { additionalProperties: false },
);
const GroupPatch = Type.Object(
  {
    name: Type.Optional(Name),
    filter: Type.Optional(Filter),
    priority: groupFields.priority,
    plan_id: groupFields.plan_id,
    thresholds: groupFields.thresholds,
  },
  { additionalProperties: false, minProperties: 1 },
);
const GroupView = Answer({
  id: Type.Integer(),
  tenant_id: Type.Integer(),
  name: Type.String(),
  kind: Type.String(),
  filter: Type.Unknown(),
  priority: Type.Integer(),
  plan_id: Nullable(Type.Integer()),
  listed: Type.Integer({ description: 'Members listed (explicit groups)' }),
  thresholds: Type.Optional(Type.Array(ThresholdView)),
  created_at: Instant,
  updated_at: Instant,
});
const IdParam = Type.Object({ id: PositiveId });

export function groupRoutes(groups: GroupsService) {
  return async function routes(app: App) {
    const admin = (summary: string) => ({ tags: ['groups'], summary, security: [{ apiKey: [] }] });
    const ok = <T extends TSchema>(item: T) => ({ 200: item, ...errorResponses(400, 401, 404, 409) });
    const refs = {
      plan_id: 'plan',
      'members[].bank_id': 'bank',
      'members[].slot_id': 'part',
    } as const;
    app.get(
      '/groups',
      {
        config: { access: 'read', tenant: 'field' },
        schema: {
          operationId: 'listGroups',
          ...admin('List SIM groups'),
          querystring: Type.Object({ ...PageQuery, tenant_id: Type.Optional(PositiveId) }),
          response: ok(Page(GroupView)),
        },
      },
      async (req) => groups.list(req.query, scopeOf(req)),
    );
    app.post(
      '/groups',
      {
        config: {
          access: 'manage',
          tenant: 'field',
          references: { ...refs, 'filter.bank_id': 'bank', 'filter.pool_id': 'pool' },
        },
        schema: {
          operationId: 'createGroup',
          ...admin('Create a group: explicit (members) or a saved filter'),
          body: GroupBody,
          response: ok(GroupView),
        },
      },
      async (req) => groups.create(req.body, actorOf(req, 'admin'), scopeOf(req)),
    );
    app.get(
      '/groups/:id',
      {
        config: { access: 'read', tenant: 'group' },
        schema: { operationId: 'getGroup', ...admin('A group with its thresholds'), params: IdParam, response: ok(GroupView) },
      },
      async (req) => groups.get(req.params.id),
    );
    app.patch(
      '/groups/:id',
      {
        config: {
          access: 'manage',
          tenant: 'group',
          references: { plan_id: 'plan', 'filter.bank_id': 'bank', 'filter.pool_id': 'pool' },
        },
        schema: {
          operationId: 'updateGroup',
          ...admin('Change a group'),
          params: IdParam,
          body: GroupPatch,
          response: ok(GroupView),
        },
      },
      async (req) => groups.update(req.params.id, req.body, actorOf(req, 'admin')),
    );
    app.delete(
      '/groups/:id',
      {
        config: { access: 'manage', tenant: 'group' },
        schema: {
          operationId: 'deleteGroup',
          ...admin('Delete a group (its thresholds go with it)'),
          params: IdParam,
          response: ok(Deleted),
        },
      },
      async (req) => groups.remove(req.params.id, actorOf(req, 'admin')),
    );
    app.get(
      '/groups/:id/members',
      {
        config: { access: 'read', tenant: 'group' },
        schema: {
          operationId: 'listGroupMembers',
          ...admin('The cards of a group now (a filter group’s evaluated), paged'),
          params: IdParam,
          querystring: Type.Object(PageQuery),
          response: ok(
            Answer({
              group_id: Type.Integer(),
              items: Type.Array(
                Answer({
                  bank_id: Type.Integer(),
                  slot_id: Type.Integer(),
                  iccid: Nullable(Type.String()),
                  mcc_mnc: Nullable(Type.String()),
                  status: Nullable(Type.String()),
                  client_id: Nullable(Type.String()),
                }),
              ),
              total: Type.Integer(),
              limit: Type.Integer(),
              offset: Type.Integer(),
            }),
          ),
        },
      },
      async (req) => groups.members(req.params.id, { limit: req.query.limit ?? 50, offset: req.query.offset ?? 0 }),
    );
    app.post(
      '/groups/:id/members',
      {
        config: {
          access: 'manage',
          tenant: 'group',
          references: {
            'add[].bank_id': 'bank',
            'add[].slot_id': 'part',
            'remove[].bank_id': 'part',
            'remove[].slot_id': 'part',
          },
        },
        schema: {
          operationId: 'changeGroupMembers',
          ...admin('Add and remove cards of an explicit group (audited with the cards)'),
          params: IdParam,
          body: Type.Object(
            { add: Type.Optional(Cards), remove: Type.Optional(Cards) },
            { additionalProperties: false, minProperties: 1 },
          ),
          response: ok(
            Answer({
              status: Type.Literal('success'),
              group_id: Type.Integer(),
              added: Type.Array(Type.Object({ bank_id: Type.Integer(), slot_id: Type.Integer() })),
              removed: Type.Array(Type.Object({ bank_id: Type.Integer(), slot_id: Type.Integer() })),
            }),
          ),
        },
      },
      async (req) => groups.changeMembers(req.params.id, req.body, actorOf(req, 'admin')),
    );
    const CardTags = Answer({ bank_id: Type.Integer(), slot_id: Type.Integer(), tags: Type.Array(Type.String()) });
    app.get(
      '/card-tags/:bank_id/:slot_id',
      {
        config: { access: 'read', tenant: 'slot' },
        schema: { operationId: 'getCardTags', ...admin('A card’s tags'), params: Card, response: ok(CardTags) },
      },
      async (req) => groups.cardTags(req.params),
    );
    app.put(
      '/card-tags/:bank_id/:slot_id',
      {
        config: { access: 'manage', tenant: 'slot' },
        schema: {
          operationId: 'putCardTags',
          ...admin('Set a card’s tags'),
          params: Card,
          body: Type.Object({ tags: Tags }, { additionalProperties: false }),
          response: ok(CardTags),
        },
      },
      async (req) => groups.setCardTags(req.params, req.body.tags, actorOf(req, 'admin')),
    );
    const ClientTags = Answer({ client_id: Type.String(), tenant_id: Type.Integer(), tags: Type.Array(Type.String()) });
    app.get(
      '/client-tags/:client_id',
      {
        config: { access: 'read', tenant: 'field' },
        schema: {
          operationId: 'getClientTags',
          ...admin('A client’s tags'),
          params: Type.Object({ client_id: ClientId }),
          querystring: Type.Object({ tenant_id: Type.Optional(TenantId) }),
          response: ok(ClientTags),
        },
      },
      async (req) => groups.clientTags(req.params.client_id, req.query.tenant_id, scopeOf(req)),
    );
    app.put(
      '/client-tags/:client_id',
      {
        config: { access: 'manage', tenant: 'field' },
        schema: {
          operationId: 'putClientTags',
          ...admin('Set a client’s tags (of a tenant: a client id may be in several)'),
          params: Type.Object({ client_id: ClientId }),
          body: Type.Object({ tenant_id: PositiveId, tags: Tags }, { additionalProperties: false }),
          response: ok(ClientTags),
        },
      },
      async (req) =>
        groups.setClientTags(req.params.client_id, req.body.tenant_id, req.body.tags, actorOf(req, 'admin'), scopeOf(req)),
    );
  };
}
