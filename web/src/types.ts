// Shapes of the API answers the console reads, named from the types generated out of the
// OpenAPI document (web/src/api-types.ts, `npm run gen:api-types`): a change of an answer's
// schema changes them, and the console's build checks every use.
import type { operations } from './api-types';

/** The JSON body of an operation's 200 answer. */
export type Answer<Op extends keyof operations> = operations[Op] extends {
  responses: { 200: { content: { 'application/json': infer T } } };
}
  ? T
  : never;

export type Overview = Answer<'getFleetOverview'>;
export type ClientRow = Answer<'listClients'>['items'][number];
export type ClientDetail = Answer<'getClient'>;
export type Series = Answer<'getClientStats'>;
export type AuditRow = Answer<'listAuditLog'>['items'][number];
export type Command = Answer<'listClientCommands'>['items'][number];
export type Webhook = Answer<'listWebhooks'>['items'][number];
export type Delivery = Answer<'listWebhookDeliveries'>['items'][number];
export type Carrier = Answer<'listCarriers'>['items'][number];
export type SlotRow = Answer<'listSlots'>['items'][number];
export type ApiKey = Answer<'listApiKeys'>['items'][number];
export type BankdConfig = Answer<'getKiProxyPoolBankdConfig'>;
export type ImportResult = Answer<'importSims'>;
export type CycleRow = Answer<'getUsageCycles'>['items'][number];
export type CardUsage = Answer<'getCardUsage'>;
export type ClientUsage = Answer<'getClientUsage'>;
export type Plan = Answer<'listPlans'>['items'][number];
export type CardLock = Answer<'listCardLocks'>['items'][number];
export type CardSettings = Answer<'getCardUsageSettings'>;
export type ImeiBinding = Answer<'listImeiBindings'>['items'][number];
export type Group = Answer<'listGroups'>['items'][number];
export type GroupMembers = Answer<'listGroupMembers'>;
export type Job = Answer<'listJobs'>['items'][number];
export type JobItems = Answer<'listJobItems'>;
export type JobAction = Answer<'listJobActions'>['items'][number];
export type DryRun = Extract<Answer<'createJob'>, { dry_run: true }>;
export type Rule = Answer<'listRules'>['items'][number];
export type RuleRuns = Answer<'listRuleRuns'>;
export type RuleAction = Answer<'listRuleActions'>['items'][number];
export type RuleDryRun = Answer<'dryRunRule'>;

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}
export type Incident = Answer<'listIncidents'>['items'][number];
export type IncidentDetail = Answer<'getIncident'>;
export type Prediction = Answer<'listPredictions'>['items'][number];
export type Playbooks = Answer<'getHealingPlaybooks'>;
