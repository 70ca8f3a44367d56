// The catalogue of audit actions: what a person, a key or a router asked for, named
// `object.verb`. Where the same change is also a domain event, `event` names its type (the event
// says what happened, past tense; the audit entry who asked for it). Every writer (TypeScript by
// its type; SQL checked by test/event-types.test.ts) writes one of these, and GET /audit-log
// filters by them.

export interface AuditActionInfo {
  action: string;
  /** The domain event of the same change, if there is one (src/modules/events/event-types.ts). */
  event: string | null;
  description: string;
}

export const AUDIT_ACTIONS = [
  { action: 'database.backup', event: null, description: 'A backup of the embedded database was taken through the admin API' },
  { action: 'tenant.create', event: null, description: 'A tenant was created' },
  { action: 'tenant.update', event: null, description: 'A tenant was renamed or its enrollment changed' },
  { action: 'tenant.delete', event: null, description: 'An unused tenant was deleted' },
  { action: 'bankd.create', event: null, description: 'A bankd instance was added' },
  { action: 'bankd.update', event: null, description: 'A bankd instance was changed' },
  { action: 'bankd.delete', event: null, description: 'A bankd instance was deleted' },
  { action: 'bank.create', event: null, description: 'A SIM bank was added with its slots' },
  { action: 'bank.update', event: null, description: 'A SIM bank was changed' },
  { action: 'bank.delete', event: null, description: 'A SIM bank was deleted' },
  { action: 'slot.update', event: 'slot.status_changed', description: "A slot's card data or status was changed" },
  { action: 'slot.card_replaced', event: null, description: 'An import replaced the card of a slot a router holds' },
  { action: 'sims.import', event: null, description: 'A SIM inventory file was imported' },
  { action: 'sim_card.create', event: null, description: 'A card was put in an empty slot' },
  { action: 'sim_card.update', event: null, description: "A slot's card was replaced or its data changed" },
  { action: 'sim_card.delete', event: null, description: 'A card was taken out of the inventory' },
  { action: 'ki_pool.create', event: null, description: 'A KI proxy pool was created' },
  { action: 'ki_pool.update', event: null, description: 'A KI proxy pool was changed' },
  { action: 'ki_pool.delete', event: null, description: 'A KI proxy pool was deleted' },
  { action: 'policy.create', event: null, description: 'An assignment policy was created' },
  { action: 'policy.update', event: null, description: 'An assignment policy was changed' },
  { action: 'policy.delete', event: null, description: 'An assignment policy was deleted' },
  { action: 'plan.create', event: null, description: 'A SIM plan was created' },
  { action: 'plan.update', event: null, description: 'A SIM plan (allowance, cycle, costs, thresholds) was changed' },
  { action: 'plan.delete', event: null, description: 'A SIM plan was deleted' },
  {
    action: 'sim_card.usage_settings',
    event: null,
    description: "A card's own plan, validity end or usage thresholds were set",
  },
  {
    action: 'usage.threshold_action',
    event: 'usage.threshold_reached',
    description: "A usage threshold's action ran for a card, with the numbers that triggered it",
  },
  { action: 'card.lock', event: 'card.locked', description: 'IonMesh took a card out of service (with the reason and numbers)' },
  { action: 'card.unlock', event: 'card.unlocked', description: 'An operator put a locked card back in service' },
  { action: 'imei.bind', event: null, description: 'Cards or clients were bound to a modem IMEI' },
  { action: 'imei.unbind', event: null, description: 'An IMEI binding was removed' },
  { action: 'protection.update', event: null, description: "A tenant's protection settings were changed" },
  { action: 'group.create', event: null, description: 'A SIM group was created' },
  { action: 'group.update', event: null, description: 'A SIM group (filter, plan, priority, thresholds) was changed' },
  { action: 'group.delete', event: null, description: 'A SIM group was deleted' },
  { action: 'group.members', event: null, description: 'Cards were added to or removed from an explicit group' },
  { action: 'tags.update', event: null, description: 'The tags of a card or a client were set' },
  { action: 'rule.create', event: null, description: 'An automation rule was created' },
  { action: 'rule.update', event: null, description: 'An automation rule was changed (or enabled, or disabled)' },
  { action: 'rule.delete', event: null, description: 'An automation rule was deleted' },
  { action: 'rotation_policy.create', event: null, description: 'A rotation policy was created' },
  { action: 'rotation_policy.update', event: null, description: 'A rotation policy was changed' },
  { action: 'rotation_policy.delete', event: null, description: 'A rotation policy was deleted' },
  {
    action: 'client.rotate',
    event: 'client.rotated',
    description: 'A rotation moved a client to another card (before and after, the trigger and its numbers)',
  },
  {
    action: 'bulk_job.create',
    event: 'bulk_job.created',
    description: 'A bulk job was created (its action, selector and items)',
  },
  { action: 'bulk_job.cancel', event: 'bulk_job.finished', description: 'A bulk job was cancelled (its pending items with it)' },
  {
    action: 'bulk_job.item',
    event: null,
    description:
      "A bulk job's item finished (done, skipped or failed, with the reason); its action's own entry says what changed",
  },
  { action: 'webhook.create', event: null, description: 'A webhook was created' },
  { action: 'webhook.update', event: null, description: 'A webhook was changed' },
  { action: 'webhook.delete', event: null, description: 'A webhook was deleted' },
  { action: 'webhook.redeliver', event: null, description: 'A delivery was sent again by hand' },
  { action: 'remsim_server.create', event: null, description: 'A remsim-server was added' },
  { action: 'remsim_server.update', event: null, description: 'A remsim-server was changed' },
  { action: 'remsim_server.delete', event: null, description: 'A remsim-server was deleted' },
  { action: 'remsim_server.reconcile', event: null, description: 'A reconcile pass was forced' },
  { action: 'api_key.create', event: null, description: 'An API key was created' },
  { action: 'api_key.revoke', event: 'api_key.revoked', description: 'An API key was revoked' },
  { action: 'command.queue', event: 'command.queued', description: 'A command was queued for a client' },
  { action: 'client.register', event: 'client.registered', description: 'A router registered (written by ionmesh_register)' },
  { action: 'client.unregister', event: 'client.unregistered', description: 'A client released its assignment' },
  { action: 'client.reassign', event: 'client.reassigned', description: 'An operator moved a client to another card' },
  { action: 'client.heartbeat_refused', event: null, description: 'A heartbeat came from a source its tenant does not allow' },
  { action: 'client.unregister_refused', event: null, description: 'An unregistration without a valid token or allowed source' },
  { action: 'client.ack_refused', event: null, description: 'A command acknowledgement without a valid token or allowed source' },
  {
    action: 'client.new_slot_refused',
    event: null,
    description: 'A client’s request for another card or bankd without a valid token or allowed source',
  },
  { action: 'incident.acknowledge', event: 'incident.acknowledged', description: 'A person acknowledged an incident' },
  { action: 'incident.resolve', event: 'incident.resolved', description: 'A person resolved an incident by hand' },
  { action: 'healing.update', event: null, description: 'A tenant’s self-healing playbooks were changed' },
  { action: 'prediction_model.create', event: null, description: 'A trained fault prediction model was uploaded' },
  { action: 'prediction_model.activate', event: null, description: 'A fault prediction model was made the active one' },
] as const satisfies readonly AuditActionInfo[];

export type AuditAction = (typeof AUDIT_ACTIONS)[number]['action'];
export const AUDIT_ACTION_NAMES: readonly string[] = AUDIT_ACTIONS.map((a) => a.action);
