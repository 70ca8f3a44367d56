// The catalogue of domain event types: every writer (TypeScript and SQL in db/functions) writes
// one of these, the stream and webhooks filter by them, GET /event-types serves them.
// test/event-types.test.ts fails when code writes a type that is not here.

export interface EventTypeInfo {
  type: string;
  /** Written with the tenant of the object (false: installation-wide, tenant null). */
  tenant: boolean;
  description: string;
}

export const EVENT_TYPES = [
  { type: 'client.registered', tenant: true, description: 'A client got an assignment' },
  { type: 'client.unregistered', tenant: true, description: 'A client released its assignment' },
  { type: 'client.reassigned', tenant: true, description: 'An operator moved a client to another slot' },
  { type: 'client.online', tenant: true, description: 'A client came online (heartbeat, RSPRO connect), with reason' },
  { type: 'client.offline', tenant: true, description: 'A client went offline (sweep, RSPRO drop), with reason' },
  { type: 'client.health_changed', tenant: true, description: 'The health status a heartbeat reports changed' },
  {
    type: 'client.hardware_changed',
    tenant: true,
    description: 'modem_info changed the modem’s vendor, model, firmware or IMEI',
  },
  {
    type: 'client.config_mismatch',
    tenant: true,
    description: 'A client registered asking for another mode or MCC/MNC than it holds',
  },
  { type: 'client.card_replaced', tenant: true, description: 'An import replaced the card of the slot a client holds' },
  { type: 'slot.status_changed', tenant: true, description: 'A slot’s status changed' },
  { type: 'slot.health_changed', tenant: true, description: 'A slot’s health changed' },
  { type: 'pool.capacity_warning', tenant: true, description: 'A KI proxy pool crossed 80 % or 95 %' },
  { type: 'bank.online', tenant: true, description: 'A bank’s bankd connected to its remsim-server' },
  { type: 'bank.offline', tenant: true, description: 'A bank’s bankd left its remsim-server (after the grace)' },
  { type: 'remsim.mapping_conflict', tenant: true, description: 'A map of another tool stands in the way of an assignment' },
  {
    type: 'remsim.mapping_stalled',
    tenant: true,
    description: 'A map stuck NEW although its bankd is connected (the server’s push stall)',
  },
  { type: 'remsim.server_unreachable', tenant: false, description: 'A remsim-server stopped answering' },
  { type: 'remsim.server_reachable', tenant: false, description: 'A remsim-server answers again' },
  {
    type: 'remsim.server_restarted',
    tenant: false,
    description: 'A remsim-server lost the maps IonMesh had there (it restarted)',
  },
  {
    type: 'remsim.bankd_slot_flushed',
    tenant: false,
    description: 'A bank slot a restarted server forgot was cleared at its bankd',
  },
  { type: 'command.queued', tenant: true, description: 'A command was queued for a client' },
  { type: 'command.delivered', tenant: true, description: 'A command was handed to its client' },
  { type: 'command.acknowledged', tenant: true, description: 'A client acknowledged a command' },
  { type: 'command.expired', tenant: true, description: 'A command expired undelivered' },
  { type: 'webhook.disabled', tenant: true, description: 'A webhook was disabled after persistent failure' },
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
