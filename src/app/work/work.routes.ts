// The attempt log: what was tried for an object (a card, a client, a server, a job's item), when,
// by which process and with what result — the work items of the engine for claimed work.
import { Type } from '@sinclair/typebox';
import { readTenant } from '../../domain/tenant-scope.js';
import type { App } from '../http.js';
import { scopeOf } from '../route-guard.js';
import { Answer, errorResponses, Nullable, Page, PageQuery } from '../schemas.js';
import type { WorkEngine } from './work-engine.js';

const Time = Type.String({ format: 'date-time' });
const State = Type.Union(['pending', 'claimed', 'done', 'failed', 'escalated'].map((s) => Type.Literal(s)));
const Outcome = Type.Union(['running', 'done', 'failed', 'retry', 'escalated', 'lost'].map((s) => Type.Literal(s)));

const WorkQuery = Type.Object({
  ...PageQuery,
  object: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 300,
      description: 'What the work is done to: card:<bank>/<slot>, client:<id>, server:<id>, job:<id>/<seq> …',
    }),
  ),
  kind: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'e.g. usage.threshold_action' })),
  owner: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'The module the work belongs to' })),
  state: Type.Optional(State),
  tenant_id: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647 })),
});

const Attempt = Type.Object({
  attempt: Type.Integer({ description: 'From 1' }),
  claimed_by: Type.String({ description: 'The process that made it (pid-random)' }),
  started_at: Time,
  ended_at: Nullable(Time),
  outcome: Outcome,
  detail: Type.Unknown({ description: 'What the attempt answered' }),
  error: Nullable(Type.String()),
});

const WorkItem = Answer({
  id: Type.Integer(),
  owner: Type.String(),
  kind: Type.String(),
  object: Type.String(),
  tenant_id: Nullable(Type.Integer({ description: 'null: installation-wide (unscoped keys only)' })),
  key: Nullable(Type.String()),
  payload: Type.Unknown(),
  state: State,
  attempts: Type.Integer(),
  max_attempts: Type.Integer(),
  next_at: Type.String({ format: 'date-time', description: 'When it may be claimed (pending), or when it was (claimed)' }),
  claimed_by: Nullable(Type.String()),
  lease_until: Nullable(Time),
  result: Type.Unknown(),
  last_error: Nullable(Type.String()),
  created_at: Time,
  updated_at: Time,
  finished_at: Nullable(Time),
  attempt_log: Type.Array(Attempt),
});

export function workRoutes(work: WorkEngine) {
  return async function routes(app: App) {
    app.get(
      '/work-items',
      {
        config: { access: 'read', tenant: 'field' },
        schema: {
          operationId: 'listWorkItems',
          tags: ['work'],
          summary: 'Work items (retried, claimed work) with their attempts, newest first: what was tried for an object',
          security: [{ apiKey: [] }],
          querystring: WorkQuery,
          response: { 200: Page(WorkItem), ...errorResponses(400, 401) },
        },
      },
      async (req) => {
        const { limit = 50, offset = 0, tenant_id, ...filter } = req.query;
        const page = await work.list({ ...filter, tenantId: readTenant(scopeOf(req), tenant_id) }, limit, offset);
        return { ...page, limit, offset };
      },
    );
  };
}
