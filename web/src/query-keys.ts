// Every query key of the console in one place: pages read and invalidate through these, and
// live events refresh by their roots (useRefreshOnEvents), so a key cannot drift between them.
export const queryKeys = {
  whoami: () => ['whoami'] as const,
  overview: () => ['overview'] as const,
  fleetStats: () => ['fleet-stats'] as const,
  recentEvents: () => ['events-recent'] as const,
  clients: (query: unknown) => ['clients', query] as const,
  client: (clientId: string) => ['client', clientId] as const,
  clientStats: (clientId: string, range: string, pulseAt: string) => ['client-stats', clientId, range, pulseAt] as const,
  clientCommands: (clientId: string) => ['client-commands', clientId] as const,
  clientAudit: (clientId: string, profileIds?: string) =>
    (profileIds === undefined ? ['client-audit', clientId] : ['client-audit', clientId, profileIds]) as readonly string[],
  freeSlots: (tenantId: number) => ['free-slots', tenantId] as const,
  slots: (bankId: number | null) => ['slots', bankId] as const,
  carriers: (q: string, offset: number) => ['carriers', q, offset] as const,
  bankdConfig: (poolId: number | null) => ['bankd-config', poolId] as const,
  webhooks: () => ['webhooks'] as const,
  deliveries: (webhookId: number | null) => ['deliveries', webhookId] as const,
  apiKeys: () => ['api-keys'] as const,
  usageCycles: (query: unknown) => ['usage-cycles', query] as const,
  cardUsage: (bankId: number, slotId: number) => ['card-usage', bankId, slotId] as const,
  clientUsage: (clientId: string) => ['client-usage', clientId] as const,
  plans: () => ['plans'] as const,
  cardSettings: (bankId: number, slotId: number) => ['card-settings', bankId, slotId] as const,
  imeiBindings: () => ['imei-bindings'] as const,
  groups: () => ['groups'] as const,
  cardTags: (bankId: number, slotId: number) => ['card-tags', bankId, slotId] as const,
  groupMembers: (groupId: number, offset: number) => ['group-members', groupId, offset] as const,
  cardLocks: (all: boolean) => ['card-locks', all] as const,
  jobs: (offset: number) => ['jobs', offset] as const,
  jobItems: (jobId: number, state: string, offset: number) => ['job-items', jobId, state, offset] as const,
  jobActions: () => ['job-actions'] as const,
  rules: () => ['rules'] as const,
  ruleRuns: (ruleId: number, offset: number) => ['rule-runs', ruleId, offset] as const,
  ruleActions: () => ['rule-actions'] as const,
  eventTypes: () => ['event-types'] as const,
};

/** The first element of a key: what a live event refreshes. */
export type KeyRoot = ReturnType<(typeof queryKeys)[keyof typeof queryKeys]>[0];
