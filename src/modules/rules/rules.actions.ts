// What a rule can do: the one-object actions of bulk jobs (disable or enable a card, mark it
// faulty, reassign, queue a command, tag, …), plus notify (the event rule.fired, which webhooks
// subscribe to), rotate_now (the client to the least used card of its carrier) and start_job (a
// bulk job over a selector). Each says the access a key needs to save a rule that does it.
import type { Actor } from '../../domain/actor.js';
import type { Access } from '../../domain/roles.js';
import { type BulkJobsService, ACTIONS as JOB_ACTIONS, type JobPorts } from '../bulk-jobs/index.js';
import type { RotationService } from '../rotation/index.js';

export const RULE_ONLY_ACTIONS = {
  notify: { access: 'read' as Access, target: 'any', description: 'Write the event rule.fired (subscribe a webhook to it)' },
  rotate_now: {
    access: 'operate' as Access,
    target: 'client',
    description: 'Rotate the client to the least used free card of its carrier',
  },
  start_job: {
    access: 'operate' as Access,
    target: 'any',
    description: 'Start a bulk job (params.job: action, params, selector)',
  },
} as const;

export type RuleActionName = keyof typeof RULE_ONLY_ACTIONS | keyof typeof JOB_ACTIONS;
export const RULE_ACTION_NAMES = [...Object.keys(JOB_ACTIONS), ...Object.keys(RULE_ONLY_ACTIONS)] as RuleActionName[];

export const isJobAction = (name: string): name is keyof typeof JOB_ACTIONS => name in JOB_ACTIONS;

/** The access a key needs to give a rule this action (a job's own action's for start_job). */
export function accessOf(a: { type: string; params?: { job?: { action?: string } } }): Access {
  if (isJobAction(a.type)) return JOB_ACTIONS[a.type].access;
  if (a.type === 'start_job') {
    const inner = a.params?.job?.action;
    return inner && isJobAction(inner) ? JOB_ACTIONS[inner].access : 'operate';
  }
  return RULE_ONLY_ACTIONS[a.type as keyof typeof RULE_ONLY_ACTIONS]?.access ?? 'admin';
}

export const targetOf = (type: string) =>
  isJobAction(type) ? JOB_ACTIONS[type].target : (RULE_ONLY_ACTIONS[type as keyof typeof RULE_ONLY_ACTIONS]?.target ?? 'any');

export interface RulePorts extends JobPorts {
  rotation: RotationService;
  jobs: BulkJobsService;
}

export interface RuleAction {
  type: RuleActionName;
  params?: Record<string, unknown>;
}

export interface ActionTarget {
  tenantId: number;
  client_id: string | null;
  bank_id: number | null;
  slot_id: number | null;
  actor: Actor;
}
