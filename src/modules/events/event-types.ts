// The catalogue of domain event types: every writer (TypeScript and SQL in db/functions) writes
// one of these, the stream and webhooks filter by them, GET /event-types serves them.
// test/event-types.test.ts fails when code writes a type that is not here; every event the test
// suite writes is checked against its type's payload (test/support/harness.ts).
import { type TProperties, type TSchema, Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { Nullable } from '../../app/schemas.js';

export interface EventTypeInfo {
  type: string;
  /** Written with the tenant of the object (false: installation-wide, tenant null). */
  tenant: boolean;
  description: string;
  /** The payload (`data`) every writer gives it: its fields, no others (test/event-types.test.ts). */
  data: TSchema;
}

const Int = Type.Integer();
const Str = Type.String();
const Id = Type.String({ description: 'A profile id (UUID)' });
/** A payload: exactly these fields. */
const Data = <T extends TProperties>(fields: T) => Type.Object(fields, { additionalProperties: false });
const Client = { profile_id: Id, client_id: Str };
const Slot = Type.Object({ bank_id: Int, slot_id: Int });
const Server = { server_id: Int, url: Str };
const RemsimMap = { bank_id: Int, bank_slot: Int, client_id: Int, client_slot: Int };
const Card = Type.Object({ iccid: Nullable(Str), imsi: Nullable(Str), carrier: Nullable(Str), mcc_mnc: Nullable(Str) });
const Liveness = Data({ ...Client, previous: Str, reason: Str });
const Command = { command_id: Int, client_id: Str, type: Str };
const Incident = Data({
  incident_id: Int,
  cause: Str,
  severity: Str,
  state: Str,
  object: Str,
  client_id: Nullable(Str),
  bank_id: Nullable(Int),
  slot_id: Nullable(Int),
  server_id: Nullable(Int),
  summary: Str,
  duration_sec: Type.Number(),
  attempts: Int,
});

export const EVENT_TYPES = [
  {
    type: 'client.registered',
    tenant: true,
    description: 'A client got an assignment',
    data: Data({
      ...Client,
      mapping_mode: Str,
      bank_id: Int,
      slot_id: Int,
      rspro_client_id: Int,
      rspro_slot_nr: Int,
      ki_pool_id: Nullable(Int),
      policy_id: Nullable(Int),
    }),
  },
  {
    type: 'client.unregistered',
    tenant: true,
    description: 'A client released its assignment',
    data: Data({ ...Client, mapping_mode: Str, bank_id: Int, slot_id: Int }),
  },
  {
    type: 'client.reassigned',
    tenant: true,
    description: 'An operator moved a client to another slot',
    data: Data({ ...Client, from: Slot, to: Slot, reason: Nullable(Str) }),
  },
  {
    type: 'client.online',
    tenant: true,
    description: 'A client came online (heartbeat, RSPRO connect), with reason',
    data: Liveness,
  },
  {
    type: 'client.offline',
    tenant: true,
    description: 'A client went offline (sweep, RSPRO drop), with reason',
    data: Liveness,
  },
  {
    type: 'client.health_changed',
    tenant: true,
    description: 'The health status a heartbeat reports changed',
    data: Data({ ...Client, previous: Str, health: Str }),
  },
  {
    type: 'client.hardware_changed',
    tenant: true,
    description: 'modem_info changed the modem’s vendor, model, firmware or IMEI',
    data: Data({ ...Client, field: Str, previous: Nullable(Str), value: Nullable(Str) }),
  },
  {
    type: 'client.config_mismatch',
    tenant: true,
    description: 'A client registered asking for another mode or MCC/MNC than it holds',
    data: Data({
      ...Client,
      previous_profile_id: Type.Optional(Id),
      requested: Type.Object({ mapping_mode: Str, mcc_mnc: Nullable(Str) }),
      assigned: Type.Object({}, { additionalProperties: true, description: 'What it holds (kept) or got (moved)' }),
      action: Str,
    }),
  },
  {
    type: 'client.card_replaced',
    tenant: true,
    description: 'An import replaced the card of the slot a client holds',
    data: Data({ ...Client, bank_id: Int, slot_id: Int, before: Card, after: Card }),
  },
  {
    type: 'slot.status_changed',
    tenant: true,
    description: 'A slot’s status changed',
    data: Data({ bank_id: Int, slot_id: Int, previous: Str, status: Str, reason: Str }),
  },
  {
    type: 'slot.unserved',
    tenant: true,
    description:
      'The remsim side cannot serve a slot (its bankd serves fewer slots, a map IonMesh does not own holds it): never handed out, its client moved',
    data: Data({ bank_id: Int, slot_id: Int, server_id: Int, reason: Str, client_id: Nullable(Str) }),
  },
  {
    type: 'slot.served',
    tenant: true,
    description: 'A slot the remsim side could not serve is served again (assignable once more)',
    data: Data({ bank_id: Int, slot_id: Int, server_id: Int }),
  },
  {
    type: 'slot.health_changed',
    tenant: true,
    description: 'A slot’s health changed',
    data: Data({ bank_id: Int, slot_id: Int, previous: Str, health: Str }),
  },
  {
    type: 'pool.capacity_warning',
    tenant: true,
    description: 'A KI proxy pool crossed 80 % or 95 %',
    data: Data({ pool_id: Int, pool_name: Str, threshold_percent: Int, current_virtual_sims: Int, capacity: Int }),
  },
  {
    type: 'bank.online',
    tenant: true,
    description: 'A bank’s bankd connected to its remsim-server',
    data: Data({ bank_id: Int, server_id: Int }),
  },
  {
    type: 'bank.offline',
    tenant: true,
    description: 'A bank’s bankd left its remsim-server (after the grace)',
    data: Data({ bank_id: Int, server_id: Int }),
  },
  {
    type: 'remsim.mapping_conflict',
    tenant: true,
    description: 'A map of another tool stands in the way of an assignment',
    data: Data({
      ...Server,
      ...RemsimMap,
      state: Str,
      on: Str,
      action: Str,
      blocks: Type.Object({ client_id: Str, profile_id: Id, tenant_id: Int, rspro_client_id: Int, rspro_slot_nr: Int }),
    }),
  },
  {
    type: 'remsim.mapping_invalid',
    tenant: true,
    description:
      'A map IonMesh wants cannot be made on the remsim-server (the bank slot is beyond its bankd); reported once, with the reason',
    data: Data({
      ...Server,
      ...RemsimMap,
      reason: Str,
      client: Type.Object({ client_id: Str, profile_id: Id, tenant_id: Int }),
    }),
  },
  {
    type: 'remsim.mapping_stalled',
    tenant: true,
    description: 'A map stuck NEW although its bankd is connected (the server’s push stall); no tenant for a map of another tool',
    data: Data({
      ...Server,
      ...RemsimMap,
      action: Str,
      attempts: Int,
      stalled_since: Str,
      reason: Str,
      client: Type.Optional(Type.Object({ client_id: Str, profile_id: Id, tenant_id: Int })),
    }),
  },
  {
    type: 'remsim.server_unreachable',
    tenant: false,
    description: 'A remsim-server stopped answering',
    data: Data({ ...Server, error: Str }),
  },
  {
    type: 'remsim.server_reachable',
    tenant: false,
    description: 'A remsim-server answers again',
    data: Data(Server),
  },
  {
    type: 'remsim.server_restarted',
    tenant: false,
    description: 'A remsim-server lost the maps IonMesh had there (it restarted)',
    data: Data({ ...Server, lost: Int }),
  },
  {
    type: 'remsim.bankd_slot_flushed',
    tenant: false,
    description: 'A bank slot a restarted server forgot was cleared at its bankd',
    data: Data({ ...Server, bank_id: Int, bank_slot: Int, released_client_id: Int, released_client_slot: Int }),
  },
  { type: 'command.queued', tenant: true, description: 'A command was queued for a client', data: Data(Command) },
  { type: 'command.delivered', tenant: true, description: 'A command was handed to its client', data: Data(Command) },
  {
    type: 'command.acknowledged',
    tenant: true,
    description: 'A client acknowledged a command',
    data: Data({ ...Command, status: Str }),
  },
  { type: 'command.expired', tenant: true, description: 'A command expired undelivered', data: Data(Command) },
  {
    type: 'usage.threshold_reached',
    tenant: true,
    description: "A card's usage this cycle reached a threshold of its plan or its own; the action and what it did",
    data: Data({
      bank_id: Int,
      slot_id: Int,
      iccid: Nullable(Str),
      client_id: Nullable(Str),
      threshold_id: Int,
      percent: Int,
      action: Str,
      cycle_start: Str,
      used_bytes: Type.Number(),
      allowance_bytes: Type.Number(),
      result: Str,
      detail: Nullable(Str),
    }),
  },
  {
    type: 'card.locked',
    tenant: true,
    description:
      'IonMesh took a card out of service (auto_lock after failures, imei, usage, validity) and moved its client if it could',
    data: Data({
      bank_id: Int,
      slot_id: Int,
      kind: Str,
      reason: Str,
      client_id: Nullable(Str),
      moved_to: Nullable(Slot),
      state: Str,
    }),
  },
  {
    type: 'card.unlocked',
    tenant: true,
    description: 'An operator put a locked card back in service',
    data: Data({ bank_id: Int, slot_id: Int, kind: Str, by: Str }),
  },
  {
    type: 'card.imei_changed',
    tenant: true,
    description: 'A card (or client) bound to an IMEI was used from another modem; enforcing: the heartbeat was refused',
    data: Data({ bank_id: Int, slot_id: Int, client_id: Str, bound_imei: Str, imei: Str, enforcing: Type.Boolean() }),
  },
  {
    type: 'api_key.revoked',
    tenant: false,
    description: 'An API key was revoked: every event stream of that key ends before anything newer',
    data: Data({ key_id: Int, prefix: Str, name: Str, role: Str }),
  },
  {
    type: 'webhook.disabled',
    tenant: true,
    description: 'A webhook was disabled after persistent failure',
    data: Data({ webhook_id: Int, reason: Str }),
  },
  {
    type: 'rule.fired',
    tenant: true,
    description: 'An automation rule’s notify action: the rule, what triggered it and the object (subscribe a webhook to it)',
    data: Data({
      rule_id: Int,
      rule_name: Str,
      event_id: Nullable(Int),
      object: Str,
      client_id: Nullable(Str),
      bank_id: Nullable(Int),
      slot_id: Nullable(Int),
    }),
  },
  {
    type: 'client.rotated',
    tenant: true,
    description: 'A rotation policy moved a client to another card (its RSPRO identity kept: only the map moved)',
    data: Data({ ...Client, policy_id: Nullable(Int), trigger: Str, from: Slot, to: Slot }),
  },
  {
    type: 'bulk_job.created',
    tenant: true,
    description: 'A bulk job was created: an action for every object its selector named',
    data: Data({ job_id: Int, action: Str, target: Str, total: Int, created_by: Str }),
  },
  {
    type: 'bulk_job.finished',
    tenant: true,
    description: 'A bulk job finished (every item done, skipped or failed) or was cancelled',
    data: Data({ job_id: Int, action: Str, state: Str, total: Int, done: Int, skipped: Int, failed: Int, cancelled: Int }),
  },
  {
    type: 'incident.opened',
    tenant: true,
    description:
      'Self-healing recorded a problem (its cause, severity and object); installation-wide (no tenant) for a remsim-server',
    data: Incident,
  },
  {
    type: 'incident.escalated',
    tenant: true,
    description: 'Self-healing could not (or may not) heal an incident: a person must act',
    data: Incident,
  },
  {
    type: 'incident.resolved',
    tenant: true,
    description: 'An incident ended: healed, gone by itself, or resolved by a person; with its duration',
    data: Incident,
  },
  { type: 'incident.acknowledged', tenant: true, description: 'A person acknowledged an incident', data: Incident },
  {
    type: 'prediction.connection_failure',
    tenant: true,
    description:
      'Fault prediction expects a client to lose its connection within the model’s horizon: confidence, estimated time, recommended action (once per warning)',
    data: Data({
      client_id: Str,
      bank_id: Nullable(Int),
      slot_id: Nullable(Int),
      probability: Type.Number(),
      confidence: Type.Number(),
      ttf_min: Nullable(Type.Number()),
      predicted_failure_at: Nullable(Str),
      horizon_min: Int,
      recommended_action: Str,
      model_version: Int,
    }),
  },
] as const satisfies readonly EventTypeInfo[];

export type EventType = (typeof EVENT_TYPES)[number]['type'];
export const EVENT_TYPE_NAMES: readonly string[] = EVENT_TYPES.map((e) => e.type);

/**
 * What a filter of types may name, in the stream, the event list and webhooks alike: a type of
 * the catalogue, or a prefix ending in '.' that some type starts with ('client.', 'remsim.').
 */
export const EVENT_TYPE_PREFIXES: readonly string[] = [
  ...new Set(
    EVENT_TYPE_NAMES.flatMap((t) =>
      t
        .split('.')
        .slice(0, -1)
        .map((_, i, parts) => `${parts.slice(0, i + 1).join('.')}.`),
    ),
  ),
].sort();
export const EVENT_TYPE_FILTERS: readonly string[] = [...EVENT_TYPE_NAMES, ...EVENT_TYPE_PREFIXES];

/**
 * Whether a type passes a filter of types (none: every type). The SQL function
 * ionmesh_type_matches (db/functions/55-event-filter.sql) answers the same: the live stream
 * matches in memory, the event list and webhook delivery in SQL (test/event-types.test.ts).
 */
export const typeMatches = (filters: readonly string[] | undefined, type: string) =>
  !filters?.length || filters.some((f) => (f.endsWith('.') ? type.startsWith(f) : type === f));

/** What is wrong with an event as written (none: it is one of the catalogue, as its type says). */
export function eventProblems(e: { type: string; tenant_id: number | null; data: unknown }): string[] {
  const info = (EVENT_TYPES as readonly EventTypeInfo[]).find((t) => t.type === e.type);
  if (!info) return [`${e.type} is not in the catalogue`];
  const problems = [...Value.Errors(info.data, e.data)].map((x) => `${e.type} data${x.path || '/'}: ${x.message}`);
  // A stalled map of another tool has no client, hence no tenant.
  const foreign =
    (e.type === 'remsim.mapping_stalled' && !(e.data as { client?: unknown } | null)?.client) ||
    // A remsim-server's drift is installation-wide: its incident has no tenant.
    (e.type.startsWith('incident.') && (e.data as { cause?: unknown } | null)?.cause === 'remsim_drift');
  if (info.tenant && e.tenant_id === null && !foreign) problems.push(`${e.type} is written without its tenant`);
  if (!info.tenant && e.tenant_id !== null)
    problems.push(`${e.type} is installation-wide but written with tenant ${e.tenant_id}`);
  return problems;
}
