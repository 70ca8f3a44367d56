// The client API under /api/backend/v1/remsim, called by routers (CLIENT-CONTRACT.md).
// Answers are compact JSON serialised from the response schemas, keys in schema order.
import { type Static, type TSchema, Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { type App, actorOf, addressOf, presentedKey } from '../../app/http.js';
import { scopeOf } from '../../app/route-guard.js';
import { BankId, ClientId, errorResponses, MappingMode, MccMnc, MccMncOrEmpty, SlotId, TenantId } from '../../app/schemas.js';
import { verifiedClientCn } from '../../app/tls.js';
import type { AuthService } from '../auth/index.js';
import type { CommandsService } from '../commands/index.js';
import { assertDocumentSizes, ClientStats, CommandResult, DeviceInfo } from './client-documents.js';
import { clientCertMismatch, clientCertRequired, clientKeyInvalid, notAClientKey } from './clients.errors.js';
import type { ClientCaller, ClientsService } from './clients.usecases.js';

/** An optional field that may also be JSON null, read as absent (the seeds send nulls). */
const OrNull = <T extends TSchema>(t: T) => Type.Optional(Type.Union([t, Type.Null()]));
const ModemFact = (description: string) => OrNull(Type.String({ maxLength: 64, description }));

export const RegisterBody = Type.Object(
  {
    client_id: ClientId,
    mapping_mode: OrNull(MappingMode),
    mcc_mnc: OrNull(MccMncOrEmpty),
    tenant_id: OrNull(TenantId),
    carrier: OrNull(Type.String({ maxLength: 100, description: 'Carrier name hint (matched against KI proxy pools)' })),
    preferred_bank_id: OrNull(BankId),
    hardware_info: OrNull(DeviceInfo),
    modem_vendor: ModemFact('Modem vendor (the seeds’ name; folded into hardware_info.vendor)'),
    modem_model: ModemFact('Modem model (folded into hardware_info.model)'),
    modem_firmware: ModemFact('Modem firmware (folded into hardware_info.firmware)'),
    modem_imei: ModemFact('Modem IMEI (folded into hardware_info.imei)'),
  },
  { description: 'Unknown extra keys are ignored; known keys of the wrong type are refused; null is the same as absent.' },
);

/** The body without its null fields (null means "not given"). */
function withoutNulls<T extends Record<string, unknown>>(body: T) {
  return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== null)) as {
    [K in keyof T]: Exclude<T[K], null>;
  };
}

/** The seeds' top-level modem keys, folded into hardware_info (whose own keys win). */
function registration(body: Static<typeof RegisterBody>) {
  const { modem_vendor, modem_model, modem_firmware, modem_imei, ...rest } = withoutNulls(body);
  const modem = { vendor: modem_vendor, model: modem_model, firmware: modem_firmware, imei: modem_imei };
  const facts = Object.fromEntries(Object.entries(modem).filter(([, v]) => v !== undefined));
  return Object.keys(facts).length > 0 ? { ...rest, hardware_info: { ...facts, ...rest.hardware_info } } : rest;
}

// Top-level keys first: the deployed client takes the first occurrence of a key (CLIENT-CONTRACT.md).
export const AssignmentAnswer = Type.Object({
  status: Type.Literal('success'),
  bank_id: Type.Integer({ description: 'RSPRO client id the router presents (1..1023)' }),
  slot_id: Type.Integer({ description: 'RSPRO client slot the router presents (1..1023)' }),
  iccid: Type.String(),
  imsi: Type.String(),
  bankd_endpoint: Type.String(),
  mapping_mode: Type.String(),
  profile_id: Type.String({ format: 'uuid' }),
  heartbeat_interval: Type.Integer(),
  ki_proxy_enabled: Type.Boolean(),
  note: Type.Optional(Type.String()),
  sim_slot: Type.Object(
    { bank_id: Type.Integer(), slot_id: Type.Integer(), tenant_id: Type.Integer() },
    { description: 'The bank slot that serves the profile (the virtual slot for KI_PROXY_SWSIM)' },
  ),
  ki_proxy_pool: Type.Optional(
    Type.Object(
      {
        pool_id: Type.Integer(),
        pool_name: Type.String(),
        carrier: Type.Union([Type.String(), Type.Null()]),
        mcc_mnc: Type.String(),
        virtual_slot: Type.Integer(),
      },
      { description: 'KI_PROXY_SWSIM only; after the top-level keys (the client reads the first occurrence of a key)' },
    ),
  ),
  client_token: Type.Optional(
    Type.String({
      description:
        'Keyless registrations: this profile’s token. A client that sends it back (X-Client-Token, or client_token in a heartbeat) is held to it',
    }),
  ),
});

export const HeartbeatBody = Type.Object({
  client_id: ClientId,
  tenant_id: OrNull(TenantId),
  status: OrNull(Type.String({ pattern: '^[A-Za-z0-9_-]{1,32}$', description: 'Health status, e.g. active' })),
  stats: OrNull(ClientStats),
  modem_info: OrNull(DeviceInfo),
  hardware_info: OrNull(DeviceInfo),
  client_token: OrNull(Type.String({ maxLength: 100, description: 'The token of the registration answer (or X-Client-Token)' })),
  acks: Type.Optional(
    Type.Array(
      Type.Object(
        {
          id: Type.Integer({ minimum: 1 }),
          status: Type.Optional(Type.Union([Type.Literal('ok'), Type.Literal('failed')])),
          result: Type.Optional(CommandResult),
        },
        { additionalProperties: false },
      ),
      { maxItems: 100, description: 'Answers to commands received in earlier heartbeat answers' },
    ),
  ),
});

export const HeartbeatAnswer = Type.Object({
  status: Type.Literal('ok'),
  next_heartbeat_interval: Type.Integer(),
  commands: Type.Array(Type.Object({ id: Type.Integer(), type: Type.String(), payload: Type.Unknown() }), {
    description: 'Commands handed over now (marked delivered); acknowledge them with acks or POST /commands/:id/ack',
  }),
});

export const UnregisterAnswer = Type.Object({ status: Type.Literal('success'), message: Type.String() });

export const DiscoverAnswer = Type.Object({
  service: Type.String({ description: 'ionmesh-orchestrator (the seeds’ name of the service)' }),
  product: Type.String({ description: 'ionmesh' }),
  version: Type.String(),
  api_endpoint: Type.String({
    description: 'Absolute URL of the client API, as the caller reached it (X-Forwarded-* honoured with --trust-proxy)',
  }),
  api_path: Type.String({ description: 'The client API’s path' }),
  capabilities: Type.Array(Type.String()),
  supported_modes: Type.Array(Type.String()),
  supported_mapping_modes: Type.Array(Type.String({ description: 'The same as supported_modes (the seeds’ name)' })),
  heartbeat_interval: Type.Integer(),
});

/**
 * Who calls the client API: its address, a client key if one is sent (an invalid one is refused,
 * never ignored), and the profile token if one is sent.
 */
export async function callerOf(
  req: FastifyRequest,
  auth: AuthService,
  opts: { mutualTls: boolean; clientId?: string; bodyToken?: string },
): Promise<ClientCaller> {
  if (opts.mutualTls) {
    // Mutual TLS: the router's certificate is its credential, and names the only client it is.
    const cn = verifiedClientCn(req);
    if (!cn) throw clientCertRequired();
    if (opts.clientId !== undefined && cn !== opts.clientId) throw clientCertMismatch(cn, opts.clientId);
    return { ip: addressOf(req), key: { tenantId: null }, token: null };
  }
  const bodyToken = opts.bodyToken;
  const header = req.headers['x-client-token'];
  const token = (typeof header === 'string' && header) || bodyToken || null;
  const presented = presentedKey(req);
  if (!presented) return { ip: addressOf(req), key: null, token };
  const principal = await auth.verify(presented);
  if (!principal) throw clientKeyInvalid();
  if (principal.role !== 'client' && principal.role !== 'admin') throw notAClientKey(principal.role);
  return { ip: addressOf(req), key: { tenantId: principal.tenantId }, token };
}

export function clientRoutes(
  clients: ClientsService,
  auth: AuthService,
  commands: Pick<CommandsService, 'acknowledge'>,
  tls = { mutualTls: false },
) {
  return async function routes(app: App) {
    const tags = ['client API'];
    app.post(
      '/register-client',
      {
        schema: {
          operationId: 'registerClient',
          tags,
          summary: 'Register a client and get its SIM assignment',
          body: RegisterBody,
          response: { 200: AssignmentAnswer, ...errorResponses(400, 401, 403, 404, 413, 501, 503) },
        },
      },
      async (req, reply) => {
        const receivedAt = Date.now() - reply.elapsedTime;
        const body = registration(req.body);
        assertDocumentSizes({ hardware_info: body.hardware_info });
        return clients.register(body, actorOf(req, `client:${req.body.client_id}`), {
          ...(await callerOf(req, auth, { ...tls, clientId: req.body.client_id })),
          receivedAt,
        });
      },
    );

    app.post(
      '/heartbeat',
      {
        schema: {
          operationId: 'heartbeat',
          tags,
          summary: 'Report liveness and stats',
          body: HeartbeatBody,
          response: { 200: HeartbeatAnswer, ...errorResponses(400, 401, 403, 404, 413) },
        },
      },
      async (req) => {
        const body = withoutNulls(req.body);
        const { stats, modem_info, hardware_info, acks } = body;
        assertDocumentSizes({ stats, modem_info, hardware_info });
        if (acks) assertDocumentSizes(Object.fromEntries(acks.map((a, i) => [`acks[${i}].result`, a.result])));
        return clients.heartbeat(
          body,
          actorOf(req, `client:${body.client_id}`),
          await callerOf(req, auth, { ...tls, clientId: body.client_id, bodyToken: body.client_token }),
        );
      },
    );

    app.delete(
      '/unregister/:client_id',
      {
        schema: {
          operationId: 'clientUnregister',
          tags,
          summary: 'Release the client’s assignment',
          params: Type.Object({ client_id: ClientId }),
          querystring: Type.Object({ tenant_id: Type.Optional(TenantId) }),
          response: { 200: UnregisterAnswer, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (req) =>
        clients.unregister(
          req.params.client_id,
          req.query.tenant_id ?? null,
          actorOf(req, `client:${req.params.client_id}`),
          await callerOf(req, auth, { ...tls, clientId: req.params.client_id }),
        ),
    );

    app.get(
      '/discover',
      {
        schema: {
          operationId: 'discover',
          tags,
          summary: 'Service discovery for the router status page',
          response: { 200: DiscoverAnswer },
        },
      },
      async (req) => clients.discover(`${req.protocol}://${req.host}`),
    );

    // A command's acknowledgement takes the same proof as an unregister.
    app.post(
      '/commands/:id/ack',
      {
        schema: {
          operationId: 'acknowledgeCommand',
          tags: ['client API'],
          summary: 'Acknowledge a command (also possible with acks in a heartbeat)',
          params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
          body: Type.Object(
            {
              client_id: ClientId,
              status: Type.Optional(Type.Union([Type.Literal('ok'), Type.Literal('failed')])),
              result: Type.Optional(CommandResult),
            },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({ status: Type.Literal('ok'), command_id: Type.Integer(), command_status: Type.String() }),
            ...errorResponses(400, 401, 403, 404, 413),
          },
        },
      },
      async (req) => {
        assertDocumentSizes({ result: req.body.result });
        const caller = await callerOf(req, auth, { ...tls, clientId: req.body.client_id });
        await clients.authorizeClientCall(req.body.client_id, null, caller, actorOf(req, `client:${req.body.client_id}`), 'ack');
        return commands.acknowledge(req.body.client_id, req.params.id, req.body.status !== 'failed', req.body.result);
      },
    );
  };
}

const ReassignBody = Type.Object(
  {
    tenant_id: Type.Optional(TenantId),
    bank_id: Type.Optional(BankId),
    slot_id: Type.Optional(SlotId),
    mcc_mnc: Type.Optional(MccMnc),
    reason: Type.Optional(Type.String({ maxLength: 500 })),
  },
  {
    additionalProperties: false,
    description:
      'bank_id + slot_id: that slot; bank_id alone: the first free slot of that bank; neither: the first free slot of the same carrier (or mcc_mnc)',
  },
);
const ReassignAnswer = Type.Object({
  status: Type.Literal('success'),
  client_id: Type.String(),
  profile_id: Type.String(),
  rspro: Type.Object({ client_id: Type.Integer(), slot_nr: Type.Integer() }),
  from: Type.Object({ bank_id: Type.Integer(), slot_id: Type.Integer() }),
  to: Type.Object({
    bank_id: Type.Integer(),
    slot_id: Type.Integer(),
    iccid: Type.Union([Type.String(), Type.Null()]),
    imsi: Type.Union([Type.String(), Type.Null()]),
  }),
});

/** Operator actions on a client, under the admin API. */
export function clientAdminRoutes(clients: ClientsService) {
  return async function routes(app: App) {
    app.post(
      '/clients/:client_id/reassign',
      {
        config: { access: 'operate', tenant: 'field', references: { bank_id: 'bank', slot_id: 'part' } },
        schema: {
          operationId: 'reassignClient',
          tags: ['clients'],
          summary: 'Move a client to another slot; the router keeps its RSPRO identity, the remsim-server mapping follows',
          security: [{ apiKey: [] }],
          params: Type.Object({ client_id: ClientId }),
          body: ReassignBody,
          response: { 200: ReassignAnswer, ...errorResponses(400, 401, 404, 409, 503) },
        },
      },
      async (req) => clients.reassign(req.params.client_id, req.body, actorOf(req, 'admin'), scopeOf(req)),
    );
    app.delete(
      '/clients/:client_id',
      {
        config: { access: 'operate', tenant: 'field' },
        schema: {
          operationId: 'unregisterClient',
          tags: ['clients'],
          summary: 'Unregister a client for the operator: its slot is freed and its remsim-server map removed',
          security: [{ apiKey: [] }],
          params: Type.Object({ client_id: ClientId }),
          querystring: Type.Object({ tenant_id: Type.Optional(TenantId) }),
          response: { 200: UnregisterAnswer, ...errorResponses(400, 401, 404) },
        },
      },
      async (req) => clients.unregisterByOperator(req.params.client_id, req.query.tenant_id, actorOf(req, 'admin'), scopeOf(req)),
    );
  };
}
