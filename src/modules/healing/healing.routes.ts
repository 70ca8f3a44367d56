// Self-healing API: incidents (list, one with its attempts, acknowledge, resolve), a tenant's
// playbooks; and in the client API, a router's request for another card or another bankd.
import { type TSchema, Type } from '@sinclair/typebox';
import { type App, actorOf } from '../../app/http.js';
import { scopeOf } from '../../app/route-guard.js';
import { Answer, BankId, ClientId, errorResponses, Instant, Nullable, Page, PageQuery, TenantId } from '../../app/schemas.js';
import type { AuthService } from '../auth/index.js';
import { callerOf } from '../clients/index.js';
import { CAUSES, PlaybooksPatchSchema, PlaybooksSchema } from './healing.playbooks.js';
import type { HealingService } from './healing.usecases.js';

const PositiveId = Type.Integer({ minimum: 1, maximum: 2147483647 });
const STATES = ['detected', 'diagnosing', 'healing', 'resolved', 'escalated'] as const;
const Literals = (values: readonly string[], description: string) =>
  Type.Union(
    values.map((v) => Type.Literal(v)),
    { description },
  );

export const IncidentView = Answer({
  id: Type.Integer(),
  tenant_id: Nullable(Type.Integer(), 'null: installation-wide (a remsim-server)'),
  cause: Type.String({ description: CAUSES.join(', ') }),
  severity: Type.String({ description: 'info, warning, critical' }),
  state: Type.String({ description: STATES.join(', ') }),
  object_key: Type.String({ description: 'card:<bank>/<slot>, bank:<bank>, client:<tenant>/<client_id>, server:<id>' }),
  client_id: Nullable(Type.String()),
  bank_id: Nullable(Type.Integer()),
  slot_id: Nullable(Type.Integer()),
  bankd_id: Nullable(Type.Integer()),
  server_id: Nullable(Type.Integer()),
  summary: Type.String(),
  details: Type.Unknown({ description: 'What the playbook learnt and did: clients moved (from, to), the last error' }),
  event_id: Nullable(Type.Integer({ description: 'The event that opened it' })),
  attempts: Type.Integer(),
  next_at: Nullable(Instant),
  follow_up: Nullable(Type.String({ description: 'await_return / move_back: the bank’s clients go back when it returns' })),
  detected_at: Instant,
  diagnosed_at: Nullable(Instant),
  healing_at: Nullable(Instant),
  resolved_at: Nullable(Instant),
  escalated_at: Nullable(Instant),
  resolution: Nullable(Type.String()),
  resolved_by: Nullable(Type.String()),
  acknowledged_at: Nullable(Instant),
  acknowledged_by: Nullable(Type.String()),
  updated_at: Instant,
  duration_sec: Type.Number({ description: 'Detected to resolved (to now while open), seconds' }),
});
const AttemptView = Type.Object({
  id: Type.Integer(),
  incident_id: Type.Integer(),
  action: Type.String({
    description: 'lock_card, reassign, new_slot, other_bankd, move_back, queue_restart, escalate, wait_reconciler',
  }),
  result: Type.String({ description: 'pending, success, failed, skipped' }),
  client_id: Nullable(Type.String()),
  moved: Type.Boolean(),
  detail: Nullable(Type.String()),
  started_at: Instant,
  finished_at: Instant,
});
const IncidentDetail = Answer({ ...IncidentView.properties, attempts_log: Type.Array(AttemptView) });
const PlaybooksView = Answer({ tenant_id: Type.Integer(), ...PlaybooksSchema.properties });
const IdParam = Type.Object({ id: PositiveId });

export function healingRoutes(healing: HealingService) {
  return async function routes(app: App) {
    const admin = (summary: string) => ({ tags: ['self-healing'], summary, security: [{ apiKey: [] }] });
    const ok = <T extends TSchema>(item: T) => ({ 200: item, ...errorResponses(400, 401, 403, 404, 409) });
    app.get(
      '/incidents',
      {
        config: { access: 'read', tenant: 'field' },
        schema: {
          operationId: 'listIncidents',
          ...admin('Incidents, newest first: what self-healing found, did, and what waits for a person'),
          querystring: Type.Object({
            ...PageQuery,
            tenant_id: Type.Optional(TenantId),
            cause: Type.Optional(Literals(CAUSES, 'Only this cause')),
            state: Type.Optional(Literals([...STATES, 'open'], 'Only this state (open: every state but resolved)')),
            severity: Type.Optional(Literals(['info', 'warning', 'critical'], 'Only this severity')),
            client_id: Type.Optional(ClientId),
            bank_id: Type.Optional(BankId),
          }),
          response: ok(Page(IncidentView)),
        },
      },
      async (req) => healing.list(req.query, scopeOf(req)),
    );
    app.get(
      '/incidents/:id',
      {
        config: { access: 'read', tenant: 'incident' },
        schema: {
          operationId: 'getIncident',
          ...admin('An incident with every attempt'),
          params: IdParam,
          response: ok(IncidentDetail),
        },
      },
      async (req) => healing.get(req.params.id),
    );
    app.post(
      '/incidents/:id/acknowledge',
      {
        config: { access: 'operate', tenant: 'incident' },
        schema: {
          operationId: 'acknowledgeIncident',
          ...admin('Acknowledge an incident (a person has seen it; healing goes on)'),
          params: IdParam,
          response: ok(IncidentDetail),
        },
      },
      async (req) => healing.acknowledge(req.params.id, actorOf(req, 'admin')),
    );
    app.post(
      '/incidents/:id/resolve',
      {
        config: { access: 'operate', tenant: 'incident' },
        schema: {
          operationId: 'resolveIncident',
          ...admin('Resolve an incident by hand (self-healing stops working on it)'),
          params: IdParam,
          body: Type.Optional(
            Type.Object({ note: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })) }, { additionalProperties: false }),
          ),
          response: ok(IncidentDetail),
        },
      },
      async (req) => healing.resolve(req.params.id, req.body?.note, actorOf(req, 'admin')),
    );
    app.get(
      '/tenants/:id/healing',
      {
        config: { access: 'read', tenant: 'tenant' },
        schema: {
          operationId: 'getHealingPlaybooks',
          ...admin('A tenant’s self-healing playbooks (defaults where it changed none)'),
          params: IdParam,
          response: ok(PlaybooksView),
        },
      },
      async (req) => healing.playbooks(req.params.id),
    );
    app.put(
      '/tenants/:id/healing',
      {
        config: { access: 'manage', tenant: 'tenant' },
        schema: {
          operationId: 'putHealingPlaybooks',
          ...admin('Change a tenant’s self-healing playbooks (fields not given stay)'),
          params: IdParam,
          body: PlaybooksPatchSchema,
          response: ok(PlaybooksView),
        },
      },
      async (req) => healing.putPlaybooks(req.params.id, req.body, actorOf(req, 'admin')),
    );
  };
}

const RequestBody = Type.Object({
  client_id: ClientId,
  tenant_id: Type.Optional(Type.Union([TenantId, Type.Null()])),
  reason: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
  client_token: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
});
const RequestAnswer = Type.Object({
  status: Type.Literal('success'),
  client_id: Type.String(),
  bank_id: Type.Integer({ description: 'RSPRO client id the router presents: unchanged' }),
  slot_id: Type.Integer({ description: 'RSPRO client slot the router presents: unchanged' }),
  iccid: Type.String(),
  imsi: Type.String(),
  bankd_endpoint: Type.String(),
  sim_slot: Type.Object({ bank_id: Type.Integer(), slot_id: Type.Integer(), tenant_id: Type.Integer() }),
  incident_id: Type.Integer(),
  message: Type.String(),
});

/** The client API's self-healing calls (the same proof as an unregister: key, token or allowed source). */
export function healingClientRoutes(healing: HealingService, auth: AuthService, tls = { mutualTls: false }) {
  return async function routes(app: App) {
    const tags = ['client API'];
    const route = (url: string, kind: 'sim' | 'bankd', operationId: string, summary: string) =>
      app.post(
        url,
        {
          schema: {
            operationId,
            tags,
            summary,
            body: RequestBody,
            response: { 200: RequestAnswer, ...errorResponses(400, 401, 403, 404, 409, 429, 503) },
          },
        },
        async (req) => {
          const b = req.body;
          const caller = await callerOf(req, auth, {
            ...tls,
            clientId: b.client_id,
            ...(b.client_token ? { bodyToken: b.client_token } : {}),
          });
          return healing.clientRequest(
            kind,
            {
              client_id: b.client_id,
              ...(b.tenant_id ? { tenant_id: b.tenant_id } : {}),
              ...(b.reason ? { reason: b.reason } : {}),
            },
            caller,
            actorOf(req, `client:${b.client_id}`),
          );
        },
      );
    route(
      '/request-new-slot',
      'sim',
      'requestNewSlot',
      'My SIM failed: move me to another card of my carrier (the card is marked faulty); my RSPRO identity stays',
    );
    route(
      '/request-different-bankd',
      'bankd',
      'requestDifferentBankd',
      'My bankd is unreachable: move me to a card on a bank another bankd serves; my RSPRO identity stays',
    );
  };
}
