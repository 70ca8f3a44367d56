// What the inventory's admin API shows of its objects, as the OpenAPI document and the console's
// generated types show them. Fields beyond these pass through.
import { Type } from '@sinclair/typebox';
import { Answer, Instant, JsonObject, Nullable, Page } from '../../app/schemas.js';
import { ENROLLMENT_MODES } from '../../domain/enrollment.js';

const Int = Type.Integer();
const Str = Type.String();

const SlotStatus = Type.Union(['available', 'assigned', 'faulty', 'disabled', 'empty', 'unserved'].map((s) => Type.Literal(s)));

/** A slot of a bank with its card (GET /slots). */
export const SlotView = Answer(
  {
    bank_id: Int,
    slot_id: Int,
    iccid: Nullable(Str),
    imsi: Nullable(Str),
    carrier: Nullable(Str),
    mcc_mnc: Nullable(Str),
    card_type: Type.Union(['REGULAR', 'KI_PROXY_MASTER', 'VIRTUAL'].map((s) => Type.Literal(s))),
    reader_name: Nullable(Str),
    ki_pool_name: Nullable(Str),
    ki_pool_priority: Nullable(Int),
    card_metadata: Nullable(JsonObject),
    status: SlotStatus,
    unserved_reason: Type.Optional(
      Nullable(Str, 'Why the remsim side cannot serve the slot now (its bankd serves fewer slots, a foreign map holds it)'),
    ),
    health_status: Str,
    last_health_check: Nullable(Instant),
    updated_at: Instant,
  },
  { description: 'A slot of a bank with its card' },
);

export const TenantView = Answer(
  {
    id: Int,
    name: Str,
    enrollment_mode: Type.Union(ENROLLMENT_MODES.map((m) => Type.Literal(m))),
    enrollment_cidrs: Type.Array(Str),
    bind_client_source: Type.Boolean(),
    move_on_config_mismatch: Type.Boolean(),
    created_at: Instant,
  },
  { description: 'A tenant and who may enroll its routers' },
);

export const BankdView = Answer(
  {
    id: Int,
    name: Str,
    endpoint: Str,
    remsim_server_id: Nullable(Int),
    remsim_server_url: Nullable(Str),
    status: Str,
    created_at: Instant,
    updated_at: Instant,
  },
  { description: 'An osmo-remsim-bankd instance and the remsim-server it connects to' },
);

export const BankView = Answer(
  {
    bank_id: Int,
    name: Str,
    tenant_id: Int,
    bankd_instance_id: Nullable(Int),
    status: Str,
    bankd_connected: Nullable(Type.Boolean({ description: 'Whether the remsim-server lists its bankd (null: never seen)' })),
    bankd_connected_since: Nullable(Instant),
    bankd_slots: Nullable(Int),
    unknown_cards_present: Type.Boolean(),
    created_at: Instant,
    updated_at: Instant,
    slot_count: Int,
    slots_available: Int,
    slots_empty: Int,
  },
  { description: 'A SIM bank with the counts of its slots' },
);

/** One entry of the health log of a slot or a client. */
export const HealthLogEntry = Answer({
  id: Type.Number(),
  kind: Str,
  old_status: Nullable(Str),
  new_status: Str,
  reason: Nullable(Str),
  created_at: Instant,
});

export const SlotDetail = Answer(
  { ...SlotView.properties, health_log: Type.Array(HealthLogEntry, { description: 'Newest first, at most 100' }) },
  { description: 'A slot with its card and health log' },
);

export const TenantPage = Page(TenantView);
export const BankdPage = Page(BankdView);
export const BankPage = Page(BankView);
