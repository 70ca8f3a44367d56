// What the admin API shows of a client (GET /clients, GET /clients/:client_id), as the OpenAPI
// document and the console's generated types show it. Fields beyond these pass through.
import { Type } from '@sinclair/typebox';
import { Answer, Instant, JsonObject, Nullable, Page } from '../../app/schemas.js';
import { identityFields as profileIdentityFields } from './clients.repository.js';

const Int = Type.Integer();
const Str = Type.String();

export const ClientRow = Answer(
  {
    ...profileIdentityFields,
    status: Type.Union([Type.Literal('ACTIVE'), Type.Literal('DEACTIVATED')]),
    created_at: Instant,
    deactivated_at: Type.Optional(Nullable(Instant)),
    last_heartbeat: Nullable(Instant),
    liveness: Type.Union([Type.Literal('online'), Type.Literal('offline'), Type.Literal('unknown')]),
    liveness_changed_at: Type.Optional(Nullable(Instant)),
    rspro_connected: Type.Boolean(),
    rspro_connected_since: Type.Optional(Nullable(Instant)),
    health_status: Str,
    client_stats: Nullable(JsonObject, 'The last heartbeat’s stats (null: never reported)'),
    client_hardware_info: Type.Optional(Nullable(JsonObject, 'Modem and hardware, as last reported')),
    client_ip_address: Type.Optional(Nullable(Str)),
    requested_mapping_mode: Type.Optional(Nullable(Str)),
    requested_mcc_mnc: Type.Optional(Nullable(Str)),
    config_mismatch: Type.Optional(
      Type.Boolean({ description: 'What the router asked for at its last registration differs from what it holds' }),
    ),
    ki_pool_id: Type.Optional(Nullable(Int)),
    virtual_iccid: Type.Optional(Nullable(Str)),
    virtual_imsi: Type.Optional(Nullable(Str)),
    policy_id: Type.Optional(Nullable(Int)),
    carrier: Type.Optional(Nullable(Str)),
    mcc_mnc: Type.Optional(Nullable(Str)),
    iccid: Type.Optional(Nullable(Str)),
    imsi: Type.Optional(Nullable(Str)),
    bankd_endpoint: Type.Optional(Nullable(Str)),
    simulated: Type.Optional(Type.Boolean({ description: 'Registered by the simulator' })),
  },
  { description: 'A client’s service profile with its card' },
);

export const ClientPage = Page(ClientRow);

export const HealthEntry = Answer({
  id: Int,
  kind: Str,
  old_status: Nullable(Str),
  new_status: Str,
  reason: Nullable(Str),
  created_at: Instant,
});

export const ClientDetail = Answer(
  {
    client_id: Str,
    profile: ClientRow,
    history: Type.Array(ClientRow, { description: 'Every profile the client has had, newest first' }),
    health_log: Type.Array(HealthEntry),
  },
  { description: 'A client’s profile, history and health log' },
);
